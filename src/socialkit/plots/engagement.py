"""Engagement and influence charts (module 02): the two engagement rates, the post mix, Kaushik's three rates,
answer rates, and influence against follower count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import brand_color, new_ax, period_label
from socialkit.vocab import POST_TYPE_LABELS, brand_name, platform_name, post_type_name

# What each measure of a post is called on a chart, and its unit (the post-mix explorer's choices).
MEASURES = {
    "er_reach": ("engagement rate by reach", "%"),
    "er_followers": ("engagement rate by followers", "%"),
    "er_impressions": ("engagement rate by impressions", "%"),
    "conversation": ("conversation rate", "comments per post"),
    "amplification": ("amplification rate", "shares per post"),
    "applause": ("applause rate", "likes per post"),
}
# Okabe & Ito (2008) colours: grey for broadcasting, strong colours for talking.
POST_TYPE_COLORS = {"automated_promo": "#999999", "conversation": "#D55E00", "expertise": "#009E73",
                    "reply": "#56B4E9"}
PLATFORM_COLORS = {"x": "#000000", "linkedin": "#0072B2", "instagram": "#CC79A7", "facebook": "#56B4E9",
                   "tiktok": "#009E73"}
KAUSHIK_LABELS = {"conversation_rate": "conversation: comments per post",
                  "amplification_rate": "amplification: shares per post",
                  "applause_rate": "applause: likes per post"}
KAUSHIK_COLORS = {"conversation_rate": "#D55E00", "amplification_rate": "#009E73", "applause_rate": "#E69F00"}
FEW_POSTS = 20  # a bar resting on fewer posts is hatched: too few to trust


def measure_label(measure: str) -> str:
    """``engagement rate by reach (%)`` — the y axis of a measure, with its unit."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}; got {measure!r}.")
    name, unit = MEASURES[measure]
    return f"{name} ({unit})"


def _value_text(value: float, measure: str) -> str:
    """A bar's value as printed on it: ``5.3 %`` for a rate, ``117.3`` for a count per post."""
    if not np.isfinite(value):
        return "no post"
    return f"{value:.2f} %" if MEASURES[measure][1] == "%" else f"{value:.1f}"


def engagement_by_audience(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Engagement rate by reach and by followers side by side, one pair of bars per row (e.g. per brand).

    ``table``: rows (brands, post types …), columns ``reach`` and ``followers`` holding the two rates in %.
    """
    missing = [c for c in ("reach", "followers") if c not in table.columns]
    if missing:
        raise ValueError("The table needs the columns 'reach' and 'followers' (the two engagement rates, in %).")
    ax = new_ax(ax)
    x = np.arange(len(table))
    width = 0.38
    for offset, column, label, alpha in ((-width / 2, "reach", "by reach (who saw the post)", 1.0),
                                         (width / 2, "followers", "by followers (who follows the account)", 0.45)):
        colours = [brand_color(row) if str(row) in ("lumiere", "grano", "maison") else "#555555" for row in table.index]
        bars = ax.bar(x + offset, table[column].to_numpy(float), width, color=colours, alpha=alpha, label=label,
                      edgecolor="black", linewidth=0.6)
        for bar, value in zip(bars, table[column].to_numpy(float)):
            ax.annotate(f"{value:.2f} %", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(x, [brand_name(r) if str(r) in ("lumiere", "grano", "maison") else post_type_name(r)
                      for r in table.index])
    ax.set_ylabel("engagement rate (%)")
    ax.set_ylim(0, float(np.nanmax(table[["reach", "followers"]].to_numpy(float))) * 1.2)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title(title or "Engagement rate, divided by two different audiences")
    return ax


def post_mix(rates, counts=None, ax=None, *, measure: str = "er_reach", title: str | None = None,
             few: int = FEW_POSTS):
    """Bars of one measure by kind of post, with the number of posts written under each value.

    ``rates``: a Series indexed by post type (one bar each), or a DataFrame post type × platform (a group of
    bars per post type, one per platform). ``counts``: the number of posts behind each value, same shape.
    Bars resting on fewer than ``few`` posts are hatched and their label says so.
    """
    label = measure_label(measure)
    frame = rates.to_frame("all") if isinstance(rates, pd.Series) else rates
    n = None if counts is None else (counts.to_frame("all") if isinstance(counts, pd.Series) else counts)
    if n is not None:  # counts may come in another order (value_counts sorts by size): align them on the kinds
        n = n.reindex(index=frame.index, columns=frame.columns).fillna(0)
    ax = new_ax(ax, figsize=(9, 3.8))
    kinds = list(frame.index)
    columns = list(frame.columns)
    width = 0.8 / max(1, len(columns))
    x = np.arange(len(kinds))
    top = 0.0
    for j, column in enumerate(columns):
        values = frame[column].to_numpy(float)
        offsets = x - 0.4 + width * (j + 0.5)
        if column == "all":
            colours = [POST_TYPE_COLORS.get(str(k), "#555555") for k in kinds]
            name = None
        else:
            colours = PLATFORM_COLORS.get(str(column), "#555555")
            name = platform_name(column)
        shown = np.nan_to_num(values)
        bars = ax.bar(offsets, shown, width * 0.92, color=colours, label=name, edgecolor="black", linewidth=0.5)
        for i, bar in enumerate(bars):
            posts = None if n is None else int(n[column].iloc[i])
            if posts is not None and posts < few:
                bar.set_hatch("///")
                bar.set_alpha(0.55)
            crowded = len(columns) > 2
            text = _value_text(values[i], measure)
            if crowded and MEASURES[measure][1] == "%":
                text = f"{values[i]:.1f}" if np.isfinite(values[i]) else "–"
            if posts is not None:
                text += f"\n{posts}" if crowded else \
                    f"\n{posts} post{'s' if posts != 1 else ''}" + (" (few)" if 0 < posts < few else "")
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                        fontsize=6.5 if crowded else 8, xytext=(0, 2), textcoords="offset points")
        top = max(top, float(np.nanmax(values)) if np.isfinite(values).any() else 0.0)
    ax.set_xticks(x, [post_type_name(k) for k in kinds])
    ax.set_ylabel(label)
    ax.set_ylim(0, top * 1.35 if top > 0 else 1)
    if len(columns) > 1 or columns != ["all"]:
        ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=min(5, len(columns)))
    under = " (value, then number of posts)" if len(columns) > 2 and n is not None else ""
    ax.set_title(title or f"{MEASURES[measure][0].capitalize()} by kind of post{under}")
    return ax


def kaushik_rates(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Comments, shares and likes per post (Kaushik's conversation, amplification and applause rates) by row.

    ``table``: the output of ``analytics.kaushik_rates(…, by="post_type")`` (a ``posts`` column is shown
    under the kinds' names).
    """
    columns = [c for c in KAUSHIK_LABELS if c in table.columns]
    if not columns:
        raise ValueError("The table needs Kaushik's rates: use analytics.kaushik_rates(TABLE, by=\"post_type\").")
    ax = new_ax(ax, figsize=(9, 3.8))
    x = np.arange(len(table))
    width = 0.8 / len(columns)
    for j, column in enumerate(columns):
        values = table[column].to_numpy(float)
        bars = ax.bar(x - 0.4 + width * (j + 0.5), values, width * 0.92, color=KAUSHIK_COLORS[column],
                      label=KAUSHIK_LABELS[column], edgecolor="black", linewidth=0.5)
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:.0f}", (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                        va="bottom", fontsize=7, xytext=(0, 2), textcoords="offset points")
    names = [post_type_name(k) for k in table.index]
    if "posts" in table.columns:
        names = [f"{name}\n({int(p)} posts)" for name, p in zip(names, table["posts"])]
    ax.set_xticks(x, names)
    ax.set_ylabel("per post (average)")
    ax.set_ylim(0, float(np.nanmax(table[columns].to_numpy(float))) * 1.15)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_title(title or "What people do with each kind of post")
    return ax


def answer_rates(rates, ax=None, *, counts=None, title: str | None = None):
    """Answer rates (%) per period, questions and complaints side by side.

    ``rates``: ``analytics.answer_rate(threads, by="is_complaint", freq="Q")`` (a Series indexed by period and
    is_complaint) or a DataFrame periods × groups. ``counts``: the threads behind each bar, same shape.
    """
    frame = rates.unstack() if isinstance(rates, pd.Series) and rates.index.nlevels == 2 else rates
    frame = frame.to_frame("answer rate") if isinstance(frame, pd.Series) else frame
    n = counts.unstack() if isinstance(counts, pd.Series) and counts.index.nlevels == 2 else counts
    if n is not None:
        n = (n.to_frame(frame.columns[0]) if isinstance(n, pd.Series) else n).reindex(
            index=frame.index, columns=frame.columns).fillna(0)
    names = {False: "questions (no complaint)", True: "complaints"}
    colours = {False: "#0072B2", True: "#D55E00"}
    ax = new_ax(ax)
    x = np.arange(len(frame))
    width = 0.8 / len(frame.columns)
    for j, column in enumerate(frame.columns):
        values = frame[column].to_numpy(float)
        bars = ax.bar(x - 0.4 + width * (j + 0.5), values, width * 0.92, color=colours.get(column, "#555555"),
                      label=names.get(column, str(column)), edgecolor="black", linewidth=0.5)
        for i, bar in enumerate(bars):
            text = f"{values[i]:.1f} %"
            if n is not None:
                text += f"\n{int(n[column].iloc[i])}"
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                        fontsize=7, xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(x, [_quarter_label(p) for p in frame.index])
    ax.set_ylabel("answered (% of threads)")
    ax.set_ylim(0, 115)
    ax.legend(loc="lower left", fontsize=8, frameon=True)
    ax.set_title(title or "Share of customers' threads that got an answer")
    return ax


def _quarter_label(period) -> str:
    """``Q1 2025`` for a period starting on the first day of a quarter, the usual label otherwise."""
    stamp = pd.Timestamp(period) if not isinstance(period, str) else None
    if stamp is not None and stamp.day == 1 and stamp.month in (1, 4, 7, 10):
        return f"Q{(stamp.month - 1) // 3 + 1} {stamp.year}"
    return period_label(period)


def influence_scatter(table: pd.DataFrame, ax=None, *, n: int = 10, score: str = "engagements",
                      title: str | None = None):
    """Each author's follower count against the engagement their posts drew (both on log scales).

    ``table``: ``analytics.influencer_score(…)`` (columns followers, handle and ``score``'s column). The
    top ``n`` by followers are drawn as squares, the top ``n`` by ``score`` as filled dots: if follower count
    were influence, they would be the same accounts (the "million follower fallacy", Cha et al. 2010).
    """
    missing = [c for c in ("followers", score) if c not in table.columns]
    if missing:
        raise ValueError(f"The table needs the columns {', '.join(missing)}: use analytics.influencer_score(…).")
    ax = new_ax(ax, figsize=(8, 4.2))
    data = table[(table["followers"] > 0) & (table[score] > 0)]
    left_out = len(table) - len(data)  # a log scale cannot show zero followers or zero engagement
    ax.scatter(data["followers"], data[score], s=8, color="#BBBBBB",
               label=f"every author ({len(data):,}" + (f"; {left_out:,} with none not shown)" if left_out else ")"))
    by_followers = data.sort_values("followers", ascending=False, kind="mergesort").head(n)
    by_score = data.sort_values(score, ascending=False, kind="mergesort").head(n)
    ax.scatter(by_followers["followers"], by_followers[score], s=60, marker="s", facecolor="none",
               edgecolor="#0072B2", linewidth=1.6, label=f"top {n} by followers")
    ax.scatter(by_score["followers"], by_score[score], s=36, color="#E69F00", edgecolor="black",
               linewidth=0.5, label=f"top {n} by engagement received")
    for frame, colour in ((by_followers.head(1), "#0072B2"), (by_score.head(1), "#A66F00")):
        for _, row in frame.iterrows():
            ax.annotate(f"@{row.get('handle', '')}", (row["followers"], row[score]), fontsize=8, color=colour,
                        xytext=(5, 4), textcoords="offset points")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("followers (log scale)")
    ax.set_ylabel("engagement received in 2025 (log scale)")
    ax.legend(loc="upper left", fontsize=8, frameon=True)
    both = len(set(by_followers.index) & set(by_score.index))
    ax.set_title(title or f"Followers are not influence: {both} of the top {n} by followers "
                          f"{'is' if both == 1 else 'are'} in the top {n} by engagement")
    return ax


def _thousands(value, _position) -> str:
    """An axis tick as a whole number with thousands separators: ``27,690``."""
    return f"{value:,.0f}"


def _bar_name(handle, rank: float, posts: float) -> str:
    """``@lcote43 (#14 · 55 posts)``: the handle, its rank by followers and its number of posts, where known."""
    parts = ([f"#{int(rank)}"] if np.isfinite(rank) else []) + (
        [f"{int(posts)} post{'s' if posts != 1 else ''}"] if np.isfinite(posts) else [])
    return f"@{handle} ({' · '.join(parts)})" if parts else f"@{handle}"


def influencer_ranking(table: pd.DataFrame, ax=None, *, n: int = 10, label: str = "score",
                       title: str | None = None):
    """The first ``n`` rows of a ranking as horizontal bars (best at the top), each named by its @handle.

    ``table``: ``analytics.influencer_score(…)`` (columns handle, score, followers_rank). Each name carries its
    rank by followers among the accounts shown and its number of posts, ``(#16 · 2 posts)``: one lucky post can
    top a ranking. Accounts also in the top ``n`` by followers are blue, the others orange.
    """
    missing = [c for c in ("handle", "score") if c not in table.columns]
    if missing:
        raise ValueError(f"The table needs the columns {', '.join(missing)}: use analytics.influencer_score(…).")
    ax = new_ax(ax, figsize=(8, 4.2))
    top = table.head(n).iloc[::-1]
    ranks = top["followers_rank"] if "followers_rank" in top.columns else pd.Series(np.nan, index=top.index)
    colours = ["#0072B2" if r <= n else "#E69F00" for r in ranks.fillna(np.inf)]
    y = np.arange(len(top))
    ax.barh(y, top["score"].to_numpy(float), color=colours, edgecolor="black", linewidth=0.5)
    posts = top["posts"] if "posts" in top.columns else pd.Series(np.nan, index=top.index)
    names = [_bar_name(h, r, p) for h, r, p in zip(top["handle"], ranks.astype(float), posts.astype(float))]
    ax.set_yticks(y, names, fontsize=8)
    ax.xaxis.set_major_formatter(_thousands)
    ax.set_xlabel(label)
    right = float(top["score"].max()) if len(top) else 1.0
    ax.set_xlim(0, right * 1.05 if right > 0 else 1)
    ax.set_title(title or f"Top {len(top)}")
    return ax


__all__ = ["MEASURES", "POST_TYPE_COLORS", "PLATFORM_COLORS", "POST_TYPE_LABELS", "answer_rates",
           "engagement_by_audience", "influence_scatter", "influencer_ranking", "kaushik_rates", "measure_label",
           "post_mix"]
