"""Policy charts (module 08): how often each team's posts break the policy, by kind of breach, and what a
word screen catches and misses of each kind."""

from __future__ import annotations

import textwrap

import pandas as pd

from socialkit.plots._style import new_ax
from socialkit.vocab import policy_label_name, team_name

# Okabe & Ito colours, one per kind of breach (readable by colour-blind readers)
BREACH_COLORS = {"insult": "#D55E00", "profanity": "#E69F00", "confidential": "#0072B2", "off_values": "#CC79A7"}
OK_COLOR = "#999999"


def violation_bars(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Stacked horizontal bars: % of each group's posts against the policy, split by kind of breach.

    ``table``: ``analytics.violations_by_kind`` (groups × kinds, in %). The highest total is on top.
    """
    ax = new_ax(ax, figsize=(8, 4))
    kinds = [k for k in BREACH_COLORS if k in table.columns]
    rows = table[kinds].iloc[::-1]
    left = pd.Series(0.0, index=rows.index)
    labels = [team_name(g) for g in rows.index]
    for kind in kinds:
        ax.barh(labels, rows[kind], left=left, color=BREACH_COLORS[kind], label=policy_label_name(kind))
        left = left + rows[kind]
    for y, total in enumerate(left):
        ax.text(total + 0.1, y, f"{total:.1f} %", va="center", fontsize=8)
    ax.set_xlabel("posts against the policy (% of the group's posts)")
    ax.set_xlim(0, max(1.0, float(left.max())) * 1.2)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title(title or "Posts against the policy, by team and kind of breach (2025)")
    return ax


def screen_outcomes(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Horizontal bars: % of each kind of post the word screen flagged (recall for breaches, false alarms for ok).

    ``table``: ``analytics.screen_outcomes``. Each bar is labelled "flagged of posts".
    """
    ax = new_ax(ax, figsize=(8, 3.2))
    rows = table.iloc[::-1]
    labels = [textwrap.fill(policy_label_name(k), 18) for k in rows.index]  # long names on two lines
    colors = [BREACH_COLORS.get(k, OK_COLOR) for k in rows.index]
    values = rows["flagged_pct"].fillna(0.0)
    places = list(range(len(rows)))  # numbers, not categories: a dashboard can keep the axes between draws
    ax.barh(places, values, color=colors)
    ax.set_yticks(places, labels)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    for y, (pct, flagged, posts) in enumerate(zip(values, rows["flagged"], rows["posts"])):
        ax.text(pct + 1, y, f"{int(flagged)} of {int(posts)}", va="center", fontsize=8)
    ax.set_xlim(0, 118)
    ax.set_xlabel("posts the word screen flagged (% of each kind)")
    ax.set_title(title or "What the word screen catches (coloured) and its false alarms (grey)")
    return ax
