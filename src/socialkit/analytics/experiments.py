"""Letting staff experiment, and reading the result honestly (module 08): an A/B comparison of two groups
of posts on a yes/no outcome, with the two-proportion z-test and a guardrail metric.

A test group tries something new (the spring experiment's behind-the-scenes format, ``is_experiment``);
a control group goes on as before. The uplift is the difference of the two rates; the z-test says how
surprising that difference would be if the new format changed nothing. A guardrail metric (complaints)
is one that must not get worse, whatever the main result.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import WrongInput, _require, metric

START, END = "2025-03-17", "2025-05-25"  # the spring experiment, first and last day (UTC)
# outcome name -> (what it means, the column and the rule that makes a post count as a "yes")
OUTCOMES = {
    "shared": ("shared at least once", "shares"),
    "complaint": ("drew at least one complaint", "complaints"),
    "liked_10": ("liked 10 times or more", "likes"),
}
THRESHOLDS = {"shared": 1, "complaint": 1, "liked_10": 10}


def _outcome(posts: pd.DataFrame, outcome: str, where: str) -> pd.Series:
    """The yes/no outcome of each post (True/False) for an outcome's name; an unknown name refused in words."""
    if outcome not in OUTCOMES:
        raise WrongInput(f"{where}(outcome=...): the outcomes are {', '.join(map(repr, OUTCOMES))} "
                         f"({'; '.join(f'{k}: {v[0]}' for k, v in OUTCOMES.items())}); got {outcome!r}.")
    column = OUTCOMES[outcome][1]
    _require(posts, column, where=f"{where}(outcome={outcome!r})")
    return posts[column] >= THRESHOLDS[outcome]


@metric("employee_posts", "employees")
def experiment_posts(employee_posts: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    """The posts of the spring experiment: advocacy programme members' posts from 17 March to 25 May 2025.

    The test group is ``is_experiment == True`` (the new behind-the-scenes format, drawn at random for
    half of the members' posts); the control group is the members' other posts of the same weeks.
    """
    _require(employee_posts, "employee_id", "ts", "is_experiment", where="experiment_posts")
    _require(employees, "employee_id", "advocacy_opt_in", where="experiment_posts (employees)")
    members = employees.loc[employees["advocacy_opt_in"].astype(bool), "employee_id"]
    day = employee_posts["ts"].dt.tz_convert("UTC").dt.tz_localize(None).dt.floor("D") \
        if getattr(employee_posts["ts"].dt, "tz", None) is not None else employee_posts["ts"].dt.floor("D")
    within = day.between(pd.Timestamp(START), pd.Timestamp(END))
    return employee_posts[within & employee_posts["employee_id"].isin(members)]


def two_proportion_test(yes_test: int, n_test: int, yes_control: int, n_control: int) -> pd.Series:
    """The two-proportion z-test (pooled), two-sided: rates, uplift, z and p-value, as a Series.

    p₁ = yes_test / n_test, p₂ = yes_control / n_control, pooled p = (yes_test + yes_control) / (n_test + n_control);
    z = (p₁ − p₂) / √(p (1 − p) (1/n_test + 1/n_control)); p-value = 2 × (1 − Φ(|z|)), Φ the standard normal
    distribution (``scipy.stats.norm``). The 95 % margin of the uplift uses the unpooled standard error
    √(p₁(1−p₁)/n_test + p₂(1−p₂)/n_control) × 1.96. Source: NIST/SEMATECH e-Handbook of Statistical Methods,
    §7.3.3 "How can we determine whether two processes produce the same proportion of defectives?".
    """
    from scipy.stats import norm

    if min(n_test, n_control) <= 0:
        raise WrongInput("two_proportion_test needs at least one post in each group (test and control).")
    p1, p2 = yes_test / n_test, yes_control / n_control
    pooled = (yes_test + yes_control) / (n_test + n_control)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n_test + 1 / n_control))
    z = (p1 - p2) / se if se > 0 else 0.0
    margin = 1.96 * np.sqrt(p1 * (1 - p1) / n_test + p2 * (1 - p2) / n_control)
    return pd.Series({
        "test_pct": 100 * p1, "control_pct": 100 * p2, "uplift_points": 100 * (p1 - p2),
        "relative_uplift_pct": 100 * (p1 - p2) / p2 if p2 > 0 else np.nan, "margin_points": 100 * margin,
        "z": float(z), "p_value": float(2 * norm.sf(abs(z))), "test_posts": int(n_test),
        "control_posts": int(n_control),
    }, name="experiment")


@metric("employee_posts")
def experiment_uplift(experiment: pd.DataFrame, outcome: str = "shared") -> pd.Series:
    """The experiment's result on one yes/no outcome: test vs control rates in %, uplift and z-test.

    ``experiment``: the experiment's posts (``analytics.experiment_posts``), the test group marked by
    ``is_experiment``. ``outcome``: "shared" (shared at least once, the main metric), "complaint" (drew at
    least one complaint, the guardrail) or "liked_10" (10 likes or more). Returns ``test_pct``,
    ``control_pct``, ``uplift_points`` (test − control, in percentage points), ``relative_uplift_pct``,
    ``margin_points`` (95 % margin of the uplift), ``z``, ``p_value`` and the two group sizes. Formula:
    ``two_proportion_test``; guardrail metrics: Kohavi, Tang & Xu, *Trustworthy Online Controlled
    Experiments* (Cambridge University Press, 2020), chapter 21.
    """
    _require(experiment, "is_experiment", where="experiment_uplift")
    yes = _outcome(experiment, outcome, "experiment_uplift")
    test = experiment["is_experiment"].astype(bool)
    if test.all() or not test.any():
        raise WrongInput("experiment_uplift() needs both groups, the test posts (is_experiment True) AND the "
                         "control posts (False): give it analytics.experiment_posts(employee_posts, employees), "
                         "not only one group.")
    return two_proportion_test(int(yes[test].sum()), int(test.sum()), int(yes[~test].sum()), int((~test).sum()))


@metric("employee_posts")
def experiment_by_week(experiment: pd.DataFrame, outcome: str = "shared") -> pd.DataFrame:
    """The experiment read after each week: the cumulative result (as ``experiment_uplift``) week by week.

    One row per week since the start (1, 2, …), the posts up to the end of that week: shows how the
    uplift settles and the p-value falls as posts accumulate — and why peeking early misleads.
    """
    _require(experiment, "is_experiment", "ts", where="experiment_by_week")
    yes = _outcome(experiment, outcome, "experiment_by_week").to_numpy()
    test = experiment["is_experiment"].astype(bool).to_numpy()
    ts = experiment["ts"]
    start = pd.Timestamp(START, tz="UTC") if getattr(ts.dt, "tz", None) is not None else pd.Timestamp(START)
    week = ((ts - start).dt.days // 7 + 1).to_numpy()
    rows = {}
    for last in range(1, int(week.max()) + 1 if len(week) else 1):
        upto = week <= last
        t, c = upto & test, upto & ~test
        if t.any() and c.any():
            rows[last] = two_proportion_test(int(yes[t].sum()), int(t.sum()), int(yes[c].sum()), int(c.sum()))
    table = pd.DataFrame(rows).T
    table.index.name = "week"
    return table
