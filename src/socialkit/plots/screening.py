"""Screening charts (module 05): where the meeting hours went, which signals inform, a rule's four
outcomes, and the trade-off between hours saved and valuable contacts missed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import new_ax
from socialkit.vocab import SIGNAL_LABELS, outcome_name  # noqa: F401  (re-exported: plots.outcome_name)

# Okabe & Ito (2008): bluish green for what proved valuable, vermillion for what did not.
VALUABLE_COLOR = "#009E73"
WASTED_COLOR = "#D55E00"
CURVE_COLOR = "#0072B2"


def hours_text(hours: float) -> str:
    """Hours as the lesson's tables show them, never rounded away: ``22.5`` → ``22.5``, ``86.0`` → ``86``."""
    return f"{hours:,.2f}".rstrip("0").rstrip(".")


def meeting_outcomes(outcomes: pd.DataFrame, ax=None, *, title: str | None = None):
    """Horizontal bars: hours spent in the meetings of each outcome, valuable ones in green, the rest in orange (vermillion).

    ``outcomes``: the table of ``analytics.meeting_outcomes`` (columns meetings, hours, valuable).
    Each bar is labelled with its meetings and hours.
    """
    if not isinstance(outcomes, pd.DataFrame) or not {"meetings", "hours", "valuable"} <= set(outcomes.columns):
        raise TypeError("meeting_outcomes needs the table of analytics.meeting_outcomes(requests).")
    ax = new_ax(ax, figsize=(8, 0.42 * len(outcomes) + 1.4))
    colors = [VALUABLE_COLOR if v else WASTED_COLOR for v in outcomes["valuable"]]
    labels = [outcome_name(o) for o in outcomes.index]
    ax.barh(labels, outcomes["hours"].to_numpy(), color=colors)
    top = float(outcomes["hours"].max()) if len(outcomes) else 1.0
    for y, (meetings, hours) in enumerate(zip(outcomes["meetings"], outcomes["hours"])):
        ax.annotate(f"{int(meetings)} meetings, {hours_text(hours)} h", (hours, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize="small")
    ax.set_xlim(0, top * 1.35)
    ax.invert_yaxis()
    ax.set_xlabel("hours spent in these meetings, travel included")
    ax.set_ylabel("the meeting turned out to be")
    valuable = outcomes.loc[outcomes["valuable"], "hours"].sum()
    wasted = outcomes.loc[~outcomes["valuable"].astype(bool), "hours"].sum()
    ax.set_title(title or f"Where the meeting hours went: {hours_text(valuable)} h valuable (green), "
                          f"{hours_text(wasted)} h led nowhere (orange)")
    return ax


def valuable_share_by_level(levels: pd.DataFrame, ax=None, *, overall: float | None = None,
                            title: str | None = None):
    """Horizontal bars: the % of meetings that proved valuable at each level of each signal, grouped by signal.

    ``levels``: the table of ``analytics.valuable_share_by_level`` (rows signal × level). A dashed
    line marks ``overall`` (the % valuable of all meetings): a signal informs when its bars move
    away from it level by level. Each bar is labelled with how many meetings it holds.
    """
    if not isinstance(levels, pd.DataFrame) or "valuable_pct" not in levels.columns:
        raise TypeError("valuable_share_by_level needs the table of analytics.valuable_share_by_level(meetings).")
    ax = new_ax(ax, figsize=(8, 0.28 * len(levels) + 1.6))
    signals = list(dict.fromkeys(levels.index.get_level_values(0)))
    positions, labels, y = [], [], 0.0
    palette = ("#0072B2", "#E69F00", "#56B4E9", "#CC79A7")
    for i, signal in enumerate(signals):
        part = levels.loc[signal]
        ys = y + np.arange(len(part))
        ax.barh(ys, part["valuable_pct"].fillna(0).to_numpy(), color=palette[i % len(palette)],
                label=SIGNAL_LABELS.get(signal, signal))
        for yy, (n, pct) in zip(ys, zip(part["meetings"], part["valuable_pct"])):
            text = f"{pct:.0f}% of {int(n)}" if n else "no meeting"
            ax.annotate(text, (0 if pd.isna(pct) else pct, yy), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize="x-small")
        positions += list(ys)
        labels += list(part.index)
        y += len(part) + 0.8
    ax.set_yticks(positions, labels, fontsize="small")
    ax.set_ylim(max(positions) + 0.7, -1.4)  # first signal on top, room above it for the dashed line's label
    if overall is not None:
        ax.axvline(overall, color="black", lw=1, ls="--")
        ax.annotate(f"all meetings: {overall:.0f}% valuable", (overall, -0.6), xytext=(3, 0),
                    textcoords="offset points", fontsize="x-small", va="bottom")
    ax.set_xlim(0, 110)
    ax.set_xlabel("meetings that proved valuable (%)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize="small")
    ax.set_title(title or "Which signals tell you something? % valuable at each level of each signal")
    return ax


def confusion_table(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """The four outcomes of a rule as a 2 × 2 grid of counts, each cell named in plain words.

    ``table``: the 2 × 2 table of ``analytics.confusion_table`` (rows: what the rule decides, e.g.
    meet / skip; columns: what proved true, e.g. valuable / wasted). Cells where the rule was right
    are green, its two kinds of mistake red.
    """
    from matplotlib.patches import Rectangle

    if not isinstance(table, pd.DataFrame) or table.shape != (2, 2):
        raise TypeError("confusion_table needs the 2 × 2 table of analytics.confusion_table(decided, proved).")
    ax = new_ax(ax, figsize=(5.2, 3.6))
    (yes, no), (true, false) = list(table.index), list(table.columns)
    verbs = {yes: {"meet": "met", "skip": "skipped"}.get(yes, yes), no: {"meet": "met", "skip": "skipped"}.get(no, no)}
    right = {(yes, true), (no, false)}
    for i, row in enumerate(table.index):
        for j, col in enumerate(table.columns):
            color = VALUABLE_COLOR if (row, col) in right else WASTED_COLOR
            ax.add_patch(Rectangle((j, i), 0.96, 0.96, facecolor=color, alpha=0.25, edgecolor=color))
            ax.text(j + 0.48, i + 0.38, f"{int(table.loc[row, col])}", ha="center", va="center",
                    fontsize="xx-large", fontweight="bold")
            ax.text(j + 0.48, i + 0.72, f"{verbs[row]} and {col}", ha="center", va="center", fontsize="small")
    ax.set_xlim(-0.02, 2)
    ax.set_ylim(2, -0.02)
    ax.set_xticks([0.48, 1.48], [f"proved {c}" for c in table.columns])
    ax.set_yticks([0.48, 1.48], [f"the rule says: {r}" for r in table.index])
    ax.xaxis.tick_top()
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_title(title or "What the rule decides vs what proved true", pad=28)
    return ax


def screening_tradeoff(curve: pd.DataFrame, ax=None, *, current: float | None = None, title: str | None = None):
    """The trade-off curve: hours saved (up) against valuable contacts missed (right), one point per threshold.

    ``curve``: the table of ``analytics.screening_tradeoff`` (rows: thresholds). Every whole
    threshold (0, 1, 2 …) is labelled; ``current`` (a threshold of the table) is marked with a large orange point and
    its figures, written inside the chart. The best rules sit high and to the left: many hours saved, few contacts missed.
    """
    if not isinstance(curve, pd.DataFrame) or not {"hours_saved", "valuable_missed"} <= set(curve.columns):
        raise TypeError("screening_tradeoff needs the table of analytics.screening_tradeoff(meetings).")
    ax = new_ax(ax, figsize=(8, 4))
    x, y = curve["valuable_missed"].to_numpy(), curve["hours_saved"].to_numpy()
    ax.plot(x, y, "-o", color=CURVE_COLOR, ms=3.5, lw=1.4)
    for threshold, xx, yy in zip(curve.index, x, y):
        if float(threshold).is_integer():  # every whole threshold (a learner's answer may be any of them)
            ax.annotate(f"{threshold:g}", (xx, yy), xytext=(-4, 5), textcoords="offset points", ha="right",
                        fontsize="x-small", color=CURVE_COLOR)
    if current is not None:
        nearest = curve.index[curve.index.get_indexer([float(current)], method="nearest")[0]]
        point = curve.loc[nearest]
        ax.plot([point["valuable_missed"]], [point["hours_saved"]], "o", ms=11, color=WASTED_COLOR, zorder=3)
        right_half = point["valuable_missed"] > 0.6 * max(1.0, float(np.nanmax(x)))
        low = point["hours_saved"] < 0.2 * max(1.0, float(np.nanmax(y)))  # near the x-axis: write the note above
        ax.annotate(f"threshold {nearest:g}: {point['hours_saved']:,.0f} h saved,\n"
                    f"{int(point['valuable_missed'])} valuable contact(s) missed",
                    (point["valuable_missed"], point["hours_saved"]), xytext=(-12 if right_half else 12, 16 if low else -16),
                    textcoords="offset points", fontsize="small", va="bottom" if low else "top",
                    ha="right" if right_half else "left")
    top = max(1.0, float(np.nanmax(y)))
    ax.set_xlim(-2, max(1.0, float(np.nanmax(x))) * 1.05 + 1)
    ax.set_ylim(-0.05 * top, top * 1.08)  # room below 0 so a marker on the corner is drawn whole
    ax.set_xlabel("valuable contacts missed (the rule would have skipped them)")
    ax.set_ylabel("hours saved")
    ax.set_title(title or "Hours saved vs valuable contacts missed (one point per threshold; small numbers: "
                          "the threshold)")
    return ax
