"""Experiment charts (module 08): the test group against the control group on yes/no outcomes, with the
95 % margin of each rate, and the uplift read week after week."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import new_ax

TEST_COLOR, CONTROL_COLOR = "#009E73", "#999999"  # Okabe & Ito green for the new format, grey for as before


RESULT_ROWS = {  # analytics.experiment_uplift's lines, in plain words, in the order a manager reads them
    "test_posts": "test group (new format): posts with the outcome", "test_pct": "test group: % of its posts",
    "control_posts": "control group (as before): posts with the outcome",
    "control_pct": "control group: % of its posts",
    "uplift_points": "uplift (percentage points, test − control)",
    "margin_points": "95 % margin of the uplift (± points)",
    "relative_uplift_pct": "relative uplift (% of the control group's rate)",
    "z": "z (standard errors away from \"no change\")", "p_value": "p-value",
}


def p_value_text(p: float) -> str:
    """A p-value as a manager reads it: three decimals, or "under 0.001" when it rounds to 0.000."""
    return "under 0.001" if p < 0.001 else f"{p:.3f}"


def experiment_result(result: pd.Series, outcome: str):
    """``analytics.experiment_uplift``'s result as a one-column table in plain words, ready to show.

    Each group's posts with the outcome as "34 of 356" (count = rate × posts ÷ 100, exact), rates and
    points to one decimal, z to two, the p-value to three decimals or "under 0.001"; the column is
    headed by the outcome (e.g. "shared at least once").
    """
    def shown(name: str) -> str:
        value = float(result[name])
        if name in ("test_posts", "control_posts"):
            group = name.split("_")[0]
            return f"{round(float(result[f'{group}_pct']) * value / 100):,} of {value:,.0f}"
        if name == "p_value":
            return p_value_text(value)
        return f"{value:.2f}" if name == "z" else f"{value:.1f}"

    values = {words: shown(name) for name, words in RESULT_ROWS.items() if name in result.index}
    return pd.DataFrame({outcome: pd.Series(values, dtype="object")})


def experiment_bars(results: dict, ax=None, *, title: str | None = None):
    """Paired bars per outcome: % of test posts and % of control posts, with each rate's 95 % margin.

    ``results``: outcome label → ``analytics.experiment_uplift(...)`` (a Series with ``test_pct``,
    ``control_pct`` and the group sizes). Margin of one rate: 1.96 × √(p(1 − p)/n).
    """
    ax = new_ax(ax, figsize=(8, 3.5))
    x = np.arange(len(results))
    for offset, group, color, name in ((-0.2, "test", TEST_COLOR, "test group (new format)"),
                                       (0.2, "control", CONTROL_COLOR, "control group (as before)")):
        pct = np.array([float(r[f"{group}_pct"]) for r in results.values()])
        n = np.array([float(r[f"{group}_posts"]) for r in results.values()])
        margin = 100 * 1.96 * np.sqrt((pct / 100) * (1 - pct / 100) / n)
        ax.bar(x + offset, pct, width=0.4, color=color, yerr=margin, capsize=4, label=name)
        for xi, p, m in zip(x + offset, pct, margin):  # above the margin's cap, a few points clear of it
            ax.annotate(f"{p:.1f} %", (xi, p + m), xytext=(0, 5), textcoords="offset points", ha="center",
                        va="bottom", fontsize=8)
    ax.set_ylim(0, ax.get_ylim()[1] * 1.12)  # room for the labels above the tallest margin
    ax.set_xticks(x, list(results))
    ax.set_ylabel("% of the group's posts")
    ax.legend(fontsize=8, frameon=False)
    ax.set_title(title or "Spring experiment: test against control (black lines: 95 % margin of each group's rate)")
    return ax


def experiment_weeks(by_week: pd.DataFrame, ax=None, *, current: int | None = None, title: str | None = None):
    """The uplift (points) read after each week, with its 95 % margin as a band, and a line at zero.

    ``by_week``: ``analytics.experiment_by_week``. ``current`` marks the week being read.
    """
    ax = new_ax(ax, figsize=(8, 3.5))
    weeks = by_week.index.to_numpy(dtype=float)
    uplift = by_week["uplift_points"].to_numpy(dtype=float)
    margin = by_week["margin_points"].to_numpy(dtype=float)
    ax.fill_between(weeks, uplift - margin, uplift + margin, color=TEST_COLOR, alpha=0.2)
    ax.plot(weeks, uplift, marker="o", color=TEST_COLOR)
    ax.axhline(0, color="black", linewidth=0.8)
    if current is not None and current in by_week.index:
        ax.axvline(current, color="#CC0000", linestyle="--", linewidth=1)
    ax.set_xlabel("weeks since the experiment started (17 March 2025); red: the week read")
    ax.set_ylabel("uplift (points) ± 95 % margin")
    ax.set_title(title or "The uplift (test − control), read week after week; band: 95 % margin")
    return ax
