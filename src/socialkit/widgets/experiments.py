"""The experiment calculator (module 08): an outcome and a number of weeks → the test group against the
control group so far, the uplift with its 95 % margin, the z-test's p-value, and the uplift week by week.

The result after every week is computed once per outcome when the dashboard opens (ten weeks, three
outcomes), so a control change only reads one row and redraws.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from socialkit import analytics, plots
from socialkit.analytics._inputs import WrongInput, _need_table
from socialkit.widgets._base import Dashboard

OUTCOME_OPTIONS = (("shared at least once (main metric)", "shared"),
                   ("drew a complaint (guardrail)", "complaint"),
                   ("liked 10 times or more", "liked_10"))
PHRASES = {"shared": "shared at least once", "complaint": "that drew a complaint", "liked_10": "liked 10 times or more"}
SIGNIFICANCE = 0.05  # the usual threshold: a p-value under 5 % is called "significant"


class ExperimentDashboard(Dashboard):
    """Read the spring experiment after a chosen number of weeks, on a chosen outcome.

    ``table`` is ``analytics.experiment_by_week`` for the chosen outcome; ``result`` its row for the
    chosen week (test and control %, uplift, margin, z, p-value, group sizes).
    """

    figsize = (9.0, 3.6)
    keep_axes = True

    def __init__(self, experiment: pd.DataFrame):
        """Compute the week-by-week result of every outcome, make the controls, show the first view."""
        self.by_outcome = {value: analytics.experiment_by_week(experiment, value) for _, value in OUTCOME_OPTIONS}
        weeks = int(max(len(t) for t in self.by_outcome.values()))
        self.outcome = w.Dropdown(options=OUTCOME_OPTIONS, value="shared", description="Outcome",
                                  style={"description_width": "initial"}, layout=w.Layout(width="60%"))
        self.weeks = w.IntSlider(value=weeks, min=1, max=weeks, description="Read the result after week",
                                 continuous_update=False, style={"description_width": "initial"},
                                 layout=w.Layout(width="60%"))
        self.table = pd.DataFrame()
        self.result = pd.Series(dtype="float64")
        super().__init__({"outcome": self.outcome, "weeks": self.weeks}, [self.outcome, self.weeks])

    def update(self) -> str:
        """Read the chosen week's row; set ``table`` and ``result``; return the line of text."""
        self.table = self.by_outcome[self.outcome.value]
        week = min(int(self.weeks.value), int(self.table.index.max()))
        self.result = self.table.loc[week]
        r = self.result
        verdict = ("<b>significant</b>: a difference this large would be rare if the new format changed nothing"
                   if r["p_value"] < SIGNIFICANCE else
                   "<b>not significant</b>: a difference this large could be chance — which does NOT prove "
                   "there is no difference")
        return (f"After week <b>{week}</b> ({int(r['test_posts'])} test posts, {int(r['control_posts'])} control "
                f"posts), posts {PHRASES[self.outcome.value]}: <b>{r['test_pct']:.1f} %</b> with the new format "
                f"against <b>{r['control_pct']:.1f} %</b> as before — an uplift of <b>{r['uplift_points']:+.1f} "
                f"points</b> (± {r['margin_points']:.1f} points, 95 % margin). "
                f"p-value {plots.p_value_text(r['p_value'])}: "
                f"{verdict}.")

    def draw(self, ax) -> None:
        """The uplift week after week, the chosen week marked."""
        plots.experiment_weeks(self.table, ax=ax, current=int(self.result.name), title=self.title())

    def title(self) -> str:
        """The chart's title: which outcome."""
        return f"Uplift read week after week: {dict((v, k) for k, v in OUTCOME_OPTIONS)[self.outcome.value]}"


def experiment_dashboard(employee_posts: pd.DataFrame, employees: pd.DataFrame):
    """The module-08 experiment calculator: outcome and weeks → uplift, margin, p-value, uplift by week.

    ``employee_posts`` and ``employees``: the staff's posts and the staff (the experiment's posts are the
    advocacy programme members' posts of 17 March – 25 May 2025). The returned VBox has the controls as
    attributes (``outcome``, ``weeks``) and the data on show (``table``, ``result``).
    """
    _need_table(employee_posts, "experiment_dashboard", "employee_posts")
    _need_table(employees, "experiment_dashboard", "employees")
    if "is_experiment" not in employee_posts.columns or "advocacy_opt_in" not in employees.columns:
        raise WrongInput("experiment_dashboard needs the employees' posts first, then the employees: "
                         "experiment_dashboard(employee_posts, employees).")
    experiment = analytics.experiment_posts(employee_posts, employees)
    test = experiment["is_experiment"].astype(bool)
    if not test.any() or test.all():
        raise WrongInput("experiment_dashboard found no experiment in these posts (it needs test and control "
                         "posts of 17 March – 25 May 2025). Use data.load(\"employee_posts\").")
    return ExperimentDashboard(experiment)
