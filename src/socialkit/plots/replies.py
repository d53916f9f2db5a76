"""Reply charts (module 03): a drafted reply's rubric, one bar per line, green when met."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import new_ax

MET_COLOR, MISSED_COLOR = "#1A9850", "#F4A6A0"
SHORT_NAMES = {"acknowledges": "acknowledges", "apologises": "apologises", "private": "private channel",
               "no_pitch": "no sales pitch", "no_abuse": "no abusive words", "short": "≤ 280 characters"}


def rubric_bars(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """One horizontal bar per rubric line, as long as its points: green when the reply meets it, pale red when not.

    ``table``: ``analytics.replies.score_reply`` (rows: the rules' keys; columns label, met, points).
    """
    ax = new_ax(ax, figsize=(8, 2.6))
    labels = [SHORT_NAMES.get(key, label) for key, label in zip(table.index, table["label"])]
    rows = np.arange(len(table))
    colors = [MET_COLOR if met else MISSED_COLOR for met in table["met"]]
    ax.barh(rows, table["points"].to_numpy(dtype=float), color=colors)
    for y, (met, points) in enumerate(zip(table["met"], table["points"])):
        ax.text(float(points) + 0.05, y, "met" if met else "not yet", va="center", fontsize=9,
                color=MET_COLOR if met else "#B3261E")
    if [t.get_text() for t in ax.get_yticklabels()] != labels:  # a dashboard's kept axes keep their labels
        ax.set_yticks(rows, labels)
        ax.set_xticks([0, 1, 2])
        ax.set_xlabel("rubric points (green: met)")
    ax.set_ylim(len(table) - 0.5, -0.5)  # first line on top
    ax.set_xlim(0, 2.6)
    earned, total = float(table["points"][table["met"]].sum()), float(table["points"].sum())
    ax.set_title(title or f"Your reply: {earned:g} of {total:g} rubric points")
    return ax
