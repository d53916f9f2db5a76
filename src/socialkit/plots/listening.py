"""Listening charts (module 01): daily volume with alerts, share of voice, net sentiment by group,
automatic vs human sentiment, rising topics."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from socialkit.plots._style import (
    ALERT_COLOR, BRAND_NAMES, CHANGE_COLORS, as_frame, brand_color, brand_name, day_axis_label, is_monthly,
    month_name_axis, new_ax, period_label,
)
from socialkit.vocab import group_name, topic_name

METRIC_LABELS = {
    "volume": "mentions per day",
    "net_sentiment": "net sentiment (% positive − % negative)",
    "share_of_voice": "share of voice (%)",
}
METRIC_TITLES = {
    "volume": "Mention volume",
    "net_sentiment": "Net sentiment",
    "share_of_voice": "Share of voice",
}



def _alert_points(alerts, frame: pd.DataFrame) -> list[tuple[str, pd.Series]]:
    """Turn ``alerts`` (dates, or a frame with ``date`` and ``brand``) into (column, dates) pairs."""
    if alerts is None:
        return []
    if isinstance(alerts, pd.DataFrame):
        if "date" not in alerts.columns:
            raise ValueError("The alerts table needs a 'date' column (the day each alert fired).")
        if "brand" in alerts.columns and len(frame.columns) > 1:
            return [(col, alerts.loc[alerts["brand"] == col, "date"]) for col in frame.columns]
        return [(frame.columns[0], alerts["date"])]
    if isinstance(alerts, pd.Series) and alerts.dtype == bool:
        return [(frame.columns[0], pd.Series(alerts.index[alerts.to_numpy()]))]
    return [(frame.columns[0], pd.Series(list(alerts)))]


def volume_with_alerts(daily, alerts=None, ax=None, *, metric: str = "volume",
                       threshold: float | None = None, title: str | None = None):
    """Daily series (one line per brand) with the days that raised an alert marked by red circles.

    With several brands, each circle is filled with its brand's colour and the legend says whose
    alerts they are.

    ``daily``: a Series indexed by day, or a DataFrame with one column per brand.
    ``alerts``: the alert days — a list of dates, a boolean Series, or a DataFrame with a
    ``date`` column (and a ``brand`` column when several brands are drawn).
    ``metric``: "volume", "net_sentiment" or "share_of_voice"; it sets the y label and unit.
    """
    if metric not in METRIC_LABELS:
        raise ValueError(f"metric must be one of {', '.join(METRIC_LABELS)}; got {metric!r}.")
    frame = as_frame(daily, name=metric)
    ax = new_ax(ax)
    for col in frame.columns:
        ax.plot(frame.index, frame[col], color=brand_color(col), lw=1.4, label=brand_name(col))
    n_alerts = 0
    several = len(frame.columns) > 1
    for col, dates in _alert_points(alerts, frame):
        dates = pd.to_datetime(pd.Series(dates)).dropna()
        if dates.empty:
            continue
        values = frame[col].reindex(pd.DatetimeIndex(dates))
        # With several brands each circle is filled with its brand's colour and named in the legend,
        # so a reader can tell whose alert it is.
        label = f"alert on {brand_name(col)}" if several else ("alert" if n_alerts == 0 else None)
        ax.plot(values.index, values.to_numpy(), "o", ms=7, mfc=brand_color(col) if several else "none",
                mec=ALERT_COLOR, mew=2, label=label, clip_on=False)  # a circle on the first or last day stays whole
        n_alerts += len(values)
    if metric == "net_sentiment":
        ax.axhline(0, color="black", lw=0.8)
    rule = f" (alert when z ≥ {threshold:g})" if threshold is not None else ""
    ax.set_title(title or f"{METRIC_TITLES[metric]} per day, {n_alerts} alert day(s){rule}")
    ax.set_xlabel(day_axis_label(frame.index))
    ax.set_ylabel(METRIC_LABELS[metric])
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    month_name_axis(ax)
    if len(frame.index):
        # Half a day of room each side, not a % margin: that would add a "Jan" tick for the next year.
        half_day = pd.Timedelta(hours=12)
        ax.set_xlim(frame.index.min() - half_day, frame.index.max() + half_day)
    return ax


def share_of_voice(sov, ax=None, *, title: str | None = None):
    """Share of voice: stacked bars per period (DataFrame: periods × brands) or bars per brand (Series).

    Values are percentages (0–100) as returned by ``analytics.share_of_voice``.
    """
    ax = new_ax(ax)
    if isinstance(sov, pd.Series):
        brands = list(sov.index)
        ax.bar([brand_name(b) for b in brands], sov.to_numpy(),
               color=[brand_color(b) for b in brands])
        for x, value in enumerate(sov.to_numpy()):
            ax.annotate(f"{value:.1f}%", (x, value), ha="center", va="bottom", fontsize="small")
        ax.set_xlabel("brand")
    else:
        frame = as_frame(sov)
        labels = [period_label(p) for p in frame.index]
        monthly = is_monthly(frame.index)
        bottom = None
        for col in frame.columns:
            values = frame[col].fillna(0).to_numpy()
            ax.bar(labels, values, bottom=bottom, color=brand_color(col), label=brand_name(col))
            bottom = values if bottom is None else bottom + values
        ax.set_xlabel("month" if monthly else "period")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_ylim(0, 100 if not isinstance(sov, pd.Series) else max(100, float(sov.max()) * 1.1))
    ax.set_ylabel("share of voice (% of mentions)")
    ax.set_title(title or "Share of voice: each brand's % of all mentions of the three brands")
    return ax


def net_sentiment_by_group(table, ax=None, *, title: str | None = None):
    """Horizontal bars of net sentiment (−100…+100) per stakeholder group, one colour per brand.

    ``table``: a Series (group → net sentiment) or a DataFrame (groups × brands).
    """
    frame = as_frame(table, name="lumiere")
    ax = new_ax(ax, figsize=(8, min(6.0, 0.25 * len(frame) * len(frame.columns) + 1.5)))
    n_cols = len(frame.columns)
    height = 0.8 / n_cols
    positions = range(len(frame))
    for i, col in enumerate(frame.columns):
        offsets = [p - 0.4 + height * (i + 0.5) for p in positions]
        ax.barh(offsets, frame[col].to_numpy(), height=height, color=brand_color(col),
                label=brand_name(col))
    ax.set_yticks(list(positions), [group_name(g) for g in frame.index])
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlim(-100, 100)
    ax.set_xlabel("net sentiment (% positive − % negative)")
    ax.set_ylabel("stakeholder group")
    if n_cols > 1 or frame.columns[0] in BRAND_NAMES:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    ax.set_title(title or "Net sentiment by stakeholder group")
    return ax


def sentiment_confusion(true_labels: Iterable, predicted: Iterable, ax=None, *,
                        labels=("positive", "neutral", "negative"), title: str | None = None):
    """Confusion table of an automatic sentiment score against the human label, as a heat map.

    Each cell shows how many posts a human labelled as the row and the tool scored as the
    column; the diagonal is where they agree. The % in brackets (and the colour) is the cell's
    share of its row: of the posts a human labelled "negative", how many the tool scored each way.
    """
    table = pd.crosstab(pd.Series(list(true_labels), name="human"),
                        pd.Series(list(predicted), name="automatic"))
    table = table.reindex(index=list(labels), columns=list(labels), fill_value=0)
    share = table.div(table.sum(axis=1).where(lambda s: s > 0, 1), axis=0) * 100
    ax = new_ax(ax, figsize=(4.8, 4))
    ax.imshow(share.to_numpy(), cmap="Blues", vmin=0, vmax=100)
    for i, row in enumerate(labels):
        for j, col in enumerate(labels):
            pct = share.loc[row, col]
            ax.text(j, i, f"{table.loc[row, col]}\n({pct:.0f}%)", ha="center", va="center",
                    fontsize="small", color="white" if pct > 60 else "black")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("automatic score (posts)\n% in brackets: share of the human-label row")
    ax.set_ylabel("human label (posts)")
    agree = sum(table.loc[label, label] for label in labels) / max(1, table.to_numpy().sum()) * 100
    ax.set_title(title or f"Automatic vs human sentiment: {agree:.0f}% agree")
    return ax


def rising_topics(growth, ax=None, *, top: int | None = None,
                  xlabel: str = "change in share of all mentions (percentage points)",
                  title: str | None = None):
    """Horizontal bars of each topic's change, rises in blue and falls in orange, largest rise on top.

    Blue and orange (Okabe & Ito's colour-blind-safe pair), not green and red, which about 8 % of men
    cannot tell apart (Okabe & Ito, "Color Universal Design", 2008).

    ``growth``: a Series topic → change (e.g. ``rising_topics(...)["change_pts"]``). Every topic
    is shown, so the big falls are as visible as the big rises; ``top=n`` keeps only the n
    largest changes either way. Topic codes are shown in plain words (``TOPIC_LABELS``).
    """
    if isinstance(growth, pd.DataFrame):
        raise TypeError("rising_topics needs a Series topic → change; pick one column of the table, "
                        "e.g. trends[\"change_pts\"].")
    shown = growth
    if top is not None:
        shown = growth.loc[growth.abs().sort_values(ascending=False).index[:top]]
    shown = shown.sort_values(ascending=False)
    ax = new_ax(ax, figsize=(7, 0.4 * len(shown) + 1.2))
    colors = [CHANGE_COLORS["rise"] if v >= 0 else CHANGE_COLORS["fall"] for v in shown.to_numpy()]
    ax.barh([topic_name(t) for t in shown.index], shown.to_numpy(), color=colors)
    ax.invert_yaxis()
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("topic")
    ax.set_title(title or "Change in each topic's share of all mentions")
    return ax
