"""Who-speaks-for-us charts (module 04): posts by who wrote them, rates by role with their 95 % intervals and the
number of threads or posts behind each bar, and differences between roles with their intervals."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from socialkit.plots._style import new_ax
from socialkit.vocab import signed

# Okabe & Ito (2008) colours, one per role: the intern in grey, experience in strong colours.
ROLE_COLORS = {"intern": "#999999", "community_manager": "#56B4E9", "executive": "#0072B2", "expert": "#009E73"}
ROLE_WORDS = {"intern": "intern", "community_manager": "community manager", "executive": "executive",
              "expert": "expert"}
POST_TYPE_WORDS = {"automated_promo": "automated promotions", "conversation": "conversation posts",
                   "expertise": "expertise posts", "reply": "replies to people"}
POST_TYPE_COLORS = {"automated_promo": "#999999", "conversation": "#D55E00", "expertise": "#009E73",
                    "reply": "#56B4E9"}
REAL_COLOR, CHANCE_COLOR = "#009E73", "#999999"


def role_word(role) -> str:
    """A role in plain words ("community manager" for "community_manager")."""
    return ROLE_WORDS.get(str(role), str(role).replace("_", " "))


def posts_by_author(posts: pd.DataFrame, ax=None, *, title: str | None = None):
    """Horizontal stacked bars: how many posts each role wrote, split by kind of post.

    ``posts``: brand posts with ``author_role`` and ``post_type`` (e.g. Café Lumière's).
    """
    for column in ("author_role", "post_type"):
        if column not in posts.columns:
            raise ValueError(f"posts_by_author needs the brand_posts table (column {column!r} is missing).")
    counts = pd.crosstab(posts["author_role"].astype(str), posts["post_type"].astype(str))
    counts = counts.reindex([r for r in ROLE_WORDS if r in counts.index])
    ax = new_ax(ax)
    left = np.zeros(len(counts))
    y = np.arange(len(counts))
    for kind in [k for k in POST_TYPE_WORDS if k in counts.columns]:
        values = counts[kind].to_numpy(dtype=float)
        ax.barh(y, values, left=left, color=POST_TYPE_COLORS[kind], label=POST_TYPE_WORDS[kind])
        left += values
    for yi, total in zip(y, left):
        ax.text(total + left.max() * 0.01, yi, f"{total:.0f}", va="center", fontsize=9)
    ax.set_yticks(y, [role_word(r) for r in counts.index])
    ax.invert_yaxis()
    ax.set_xlabel("posts written in 2025 (count)")
    ax.set_xlim(0, left.max() * 1.12 if len(left) else 1)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title(title or "Who wrote the posts, and what kind of posts")
    return ax


def rates_with_intervals(table: pd.DataFrame, ax=None, *, ylabel: str = "rate (%)", title: str | None = None,
                         highlight: str | None = None, unit: str = "threads"):
    """One bar per role: the rate in %, its 95 % interval as a black line, and the sample size under the bar.

    ``table``: rows roles, columns ``rate_pct``, ``low_pct``, ``high_pct`` and ``threads`` (or ``posts``), as
    ``analytics.outcomes_by_responder`` or ``analytics.leader_engagement`` give. ``highlight``: a role drawn
    with a black edge (the one the others are compared with).
    """
    rate = "rate_pct" if "rate_pct" in table.columns else "drew_a_leader_pct"
    size = next((c for c in ("threads", "posts", "count") if c in table.columns), "threads")
    missing = [c for c in (rate, "low_pct", "high_pct", size) if c not in table.columns]
    if missing:
        raise ValueError(f"rates_with_intervals needs the columns {', '.join(missing)} "
                         "(use analytics.outcomes_by_responder or analytics.leader_engagement).")
    ax = new_ax(ax)
    x = np.arange(len(table))
    values = table[rate].to_numpy(dtype=float)
    low, high = table["low_pct"].to_numpy(dtype=float), table["high_pct"].to_numpy(dtype=float)
    colours = [ROLE_COLORS.get(str(r), "#555555") for r in table.index]
    edges = ["black" if str(r) == highlight else "none" for r in table.index]
    ax.bar(x, np.nan_to_num(values), color=colours, edgecolor=edges, linewidth=2, width=0.6)
    shown = np.isfinite(values)
    ax.errorbar(x[shown], values[shown], yerr=[values[shown] - low[shown], high[shown] - values[shown]],
                fmt="none", ecolor="black", elinewidth=1.5, capsize=6)
    under_the_axis = ax.get_xaxis_transform()  # x in data, y in axes fractions: 0 is the axis line
    for xi, v, hi, n in zip(x, values, high, table[size].to_numpy()):
        if np.isfinite(v):  # the rate just above its interval's top: clear of the bar and of the line
            ax.annotate(f"{v:.1f} %", (xi, hi), xytext=(0, 4), textcoords="offset points", ha="center",
                        va="bottom", fontsize=9, fontweight="bold")
        # the sample size under the bar, between the axis and the role's name: never on a bar or a line
        ax.annotate(f"n = {int(n):,}" if np.isfinite(v) else f"no {unit}", (xi, 0), xycoords=under_the_axis,
                    xytext=(0, -3), textcoords="offset points", ha="center", va="top", fontsize=8, color="#333333")
    ax.set_xticks(x, [role_word(r) + (" (compared with)" if str(r) == highlight else "") for r in table.index])
    ax.tick_params(axis="x", length=0, pad=14)  # room for the sample size above the names
    top = np.nanmax(high) if shown.any() else 100
    ax.set_ylim(0, max(top + 14, 20))  # room above the highest interval for its rate
    ax.set_yticks([t for t in range(0, 101, 20) if t <= top + 14])
    ax.set_ylabel(textwrap.fill(ylabel, 28))  # on two lines: a long label stays inside the figure
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(title or "Rate by role, with its 95 % interval")
    return ax


def differences(table: pd.DataFrame, ax=None, *, title: str | None = None, xlabel: str = "difference (points)"):
    """Each comparison's difference (a dot) and its 95 % interval (a line), with 0 marked: green when the
    interval leaves out 0 (a real difference), grey when it includes 0 (could be chance).

    ``table``: rows comparisons (labels), columns ``difference``, ``low``, ``high`` in points.
    """
    missing = [c for c in ("difference", "low", "high") if c not in table.columns]
    if missing:
        raise ValueError("differences needs the columns difference, low and high (as analytics.compare_responders "
                         "gives them).")
    ax = new_ax(ax)
    y = np.arange(len(table))
    for yi, (_, row) in zip(y, table.iterrows()):
        low, high, diff = float(row["low"]), float(row["high"]), float(row["difference"])
        real = low > 0 or high < 0
        colour = REAL_COLOR if real else CHANCE_COLOR
        ax.plot([low, high], [yi, yi], color=colour, lw=3, solid_capstyle="butt")
        ax.plot([diff], [yi], "o", color=colour, ms=9)
        ax.text(high, yi, f"  {signed(diff)} ({signed(low)} to {signed(high)})"
                + ("" if real else " · could be chance"), va="center", fontsize=8.5, color="black")
    ax.axvline(0, color="black", lw=1)
    ax.set_yticks(y, [str(label) for label in table.index])
    ax.invert_yaxis()
    span = max(abs(float(table["low"].min())), abs(float(table["high"].max())), 5)
    ax.set_xlim(-span * 1.1, span * 2.0)
    ax.set_ylim(len(table) - 0.5, -0.7)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title or "Differences between roles, with their 95 % intervals", wrap=True)  # long labels: narrow axes
    return ax
