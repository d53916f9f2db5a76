"""Customer-care charts (module 03): how fast replies come, by weekday, public vs private, a backlash fading."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import ALERT_COLOR, BRAND_COLORS, day_axis_label, month_name_axis, new_ax
from socialkit.vocab import signed

CURVE_COLORS = ("#7A7A7A", BRAND_COLORS["lumiere"], "#0072B2", "#009E73")  # Okabe–Ito: grey, orange, blue, green
CHANNEL_COLORS = {"moved to private": "#009E73", "answered in public": "#E69F00", "never answered": "#7A7A7A"}
WAIT_TICKS = (0.25, 1, 4, 12, 24, 72)


def _hours_label(h: float) -> str:
    """1 → "1 h", 0.25 → "15 min", 48 → "2 days"."""
    if h < 1:
        return f"{h * 60:.0f} min"
    if h >= 48 and h % 24 == 0:
        return f"{h / 24:.0f} days"
    return f"{h:g} h"


def response_time_curve(waits, ax=None, *, target: float | None = None, title: str | None = None):
    """Share of threads answered within x hours (x on a log scale), one line per set of waits.

    ``waits``: a Series of first-response times in hours (NaN = never answered), or a dict
    label → Series to compare several (e.g. 2025 and a simulated schedule). Never-answered threads
    stay in the denominator, so no line reaches 100 % while some threads are unanswered.
    ``target``: an SLA in hours, drawn as a dashed line with each line's compliance marked.
    """
    curves = waits if isinstance(waits, dict) else {"threads": waits}
    ax = new_ax(ax)
    grid = np.geomspace(0.1, 100, 200)
    for number, ((label, hours), color) in enumerate(zip(curves.items(), CURVE_COLORS)):
        values = pd.Series(hours, dtype="float64").to_numpy()
        if not len(values):
            continue
        answered = np.sort(values[~np.isnan(values)])
        share = 100 * np.searchsorted(answered, grid, side="right") / len(values)
        ax.step(grid, share, where="post", color=color, lw=2, label=label)
        if target is not None:
            within = 100 * np.count_nonzero(answered <= target) / len(values)
            ax.plot([target], [within], "o", color=color, ms=7, zorder=3)
            ax.annotate(f"{within:.1f} %", (target, within), textcoords="offset points",
                        xytext=(8, -14) if number % 2 else (-44, 6),
                        color=color, fontsize=9, fontweight="bold")
    if target is not None:
        ax.axvline(target, color=ALERT_COLOR, ls="--", lw=1.2, label=f"target: {_hours_label(target)}")
    if not (ax.get_xscale() == "log" and tuple(ax.get_xticks()) == WAIT_TICKS):  # a dashboard's kept axes are set
        ax.set_xscale("log")
        ax.minorticks_off()  # a log axis draws dozens of minor ticks: slow to draw and not needed here
        ax.set_xticks(WAIT_TICKS, [_hours_label(h) for h in WAIT_TICKS])
        ax.set_xlabel("time since the customer's post (log scale)")
        ax.set_ylabel("threads answered by then (%)")
        ax.grid(alpha=0.3)
    ax.set_xlim(0.1, 100)
    ax.set_ylim(0, 100)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.set_title(title or "How fast customers got a first answer")
    return ax


def compliance_by_weekday(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Grouped bars: % of threads answered within each target, by the weekday the customer posted.

    ``table``: ``analytics.sla_by_weekday`` (rows Monday–Sunday, columns ``within_<h>h_pct``).
    """
    ax = new_ax(ax)
    columns = list(table.columns)
    width = 0.8 / max(1, len(columns))
    x = np.arange(len(table))
    for i, (column, color) in enumerate(zip(columns, (BRAND_COLORS["lumiere"], "#0072B2", "#009E73"))):
        label = "within " + column.removeprefix("within_").removesuffix("_pct").replace("h", " hour")
        values = table[column].to_numpy(dtype=float)
        bars = ax.bar(x + (i - (len(columns) - 1) / 2) * width, values, width, color=color,
                      label=label + ("s" if not label.endswith("1 hour") else ""))
        ax.bar_label(bars, labels=[f"{v:.0f}" for v in values], fontsize=8, padding=1)
    ax.set_xticks(x)
    ax.set_xticklabels([str(day)[:3] for day in table.index])
    ax.set_ylim(0, 105)
    ax.set_xlabel("day the customer posted (Lyon time)")
    ax.set_ylabel("threads answered in time (%)")
    ax.legend(frameon=False, fontsize=9, loc="upper right")
    ax.set_title(title or "Answered in time, by the day the customer wrote")
    return ax


def outcomes_by_channel(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Bars of the % of threads resolved per channel (private, public, never answered), each labelled with
    its mean change in sentiment and its median public replies (by anyone: a never-answered thread's are
    other people's).

    ``table``: ``analytics.outcomes_by_channel``.
    """
    ax = new_ax(ax)
    names = list(table.index)
    values = table["resolved_pct"].to_numpy(dtype=float)
    bars = ax.barh(names, values, color=[CHANNEL_COLORS.get(n, "#444444") for n in names])
    for bar, (name, row) in zip(bars, table.iterrows()):
        replies = row["public_replies"]
        by_whom = "none by the team" if name == "never answered" else "by anyone"  # others' replies only
        note = (f"{row['resolved_pct']:.0f} % resolved · mood {signed(row['sentiment_change'], 2)}\n"
                f"{replies:.0f} public repl{'y' if replies == 1 else 'ies'} (median), {by_whom}")
        ax.text(max(bar.get_width(), 0) + 1.5, bar.get_y() + bar.get_height() / 2, note, va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 140)
    ax.set_xticks([0, 20, 40, 60, 80, 100])
    ax.set_xlabel("threads resolved (%); mood = mean change in the customer's sentiment (from −2 to +2)")
    ax.set_title(title or "How threads ended, by where the conversation went")
    return ax


def backlash_decay(series: pd.Series, profile: pd.Series | None = None, ax=None, *, ylabel: str = "per day",
                   color: str = BRAND_COLORS["lumiere"], title: str | None = None):
    """A daily series around a spike, with its baseline and, given a ``profile``, the half-way level and the
    half-life marked (``profile``: ``analytics.backlash_profile`` of the same series)."""
    ax = new_ax(ax)
    ax.plot(series.index, series.to_numpy(dtype=float), color=color, lw=1.8, marker="o", ms=3)
    if profile is not None:
        ax.axhline(profile["baseline"], color="#7A7A7A", ls=":", lw=1.2,
                   label=f"normal level: {profile['baseline']:.0f} (median of the 4 weeks before)")
        if pd.notna(profile["half_life_days"]):
            ax.axhline(profile["half_level"], color=ALERT_COLOR, ls="--", lw=1,
                       label=f"half-way back: {profile['half_level']:.0f}")
            crossing = pd.Timestamp(profile["peak_day"]) + pd.Timedelta(days=float(profile["half_life_days"]))
            ax.annotate(f"half-life {profile['half_life_days']:.1f} days", (crossing, profile["half_level"]),
                        textcoords="offset points", xytext=(14, 22), color=ALERT_COLOR, fontsize=9,
                        arrowprops={"arrowstyle": "->", "color": ALERT_COLOR})
        ax.legend(frameon=False, fontsize=9, loc="upper right")
    month_name_axis(ax)
    ax.set_xlabel(day_axis_label(series.index))
    ax.set_ylabel(ylabel)
    ax.set_title(title or "A backlash fading")
    return ax
