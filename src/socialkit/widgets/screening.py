"""The screening calculator (module 05): a threshold on the screening score and a meeting length → hours
saved, valuable contacts missed, and the trade-off curve with the current point marked.

The curve is computed once per meeting length when the dashboard opens (21 thresholds), so a control
change only reads one row, counts four cells and redraws.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from socialkit import analytics, plots
from socialkit.analytics._inputs import WrongInput, _need_table
from socialkit.widgets._base import Dashboard

DIARY = "diary"
LENGTH_OPTIONS = (
    ("the hours in the 2025 diary (travel included)", DIARY),
    ("1 hour (a video call)", 1.0),
    ("1.5 hours", 1.5),
    ("2 hours", 2.0),
    ("3 hours", 3.0),
)
WEEKS_A_YEAR = 52


class ScreeningDashboard(Dashboard):
    """The screening calculator: meet a request when its screening score reaches the threshold.

    ``table`` holds the rule's four outcomes at the current threshold (rows meet / skip, columns
    valuable / wasted), ``point`` its row of ``analytics.screening_tradeoff`` and ``curve`` the
    whole trade-off for the chosen meeting length.
    """

    figsize = (9.0, 4.2)

    def __init__(self, meetings: pd.DataFrame):
        """Precompute the trade-off for every meeting length, make the controls, show the first view."""
        self.meetings = meetings
        self.curves = {value: analytics.screening_tradeoff(meetings, hours_per_meeting=None if value == DIARY
                                                           else value) for _, value in LENGTH_OPTIONS}
        self.threshold = w.FloatSlider(value=0.0, min=0.0, max=10.0, step=0.5, readout_format=".1f",
                                       description="Meet when the score is at least", continuous_update=False,
                                       style={"description_width": "initial"}, layout=w.Layout(width="60%"))
        self.length = w.Dropdown(options=LENGTH_OPTIONS, value=DIARY, description="One meeting takes",
                                 style={"description_width": "initial"}, layout=w.Layout(width="60%"))
        self.table = pd.DataFrame()
        self.point = pd.Series(dtype="float64")
        self.curve = self.curves[DIARY]
        super().__init__({"threshold": self.threshold, "length": self.length}, [self.threshold, self.length])

    def update(self) -> str:
        """Read the current point of the curve; set ``table``, ``point`` and ``curve``; return the line of text."""
        length = self.length.value
        self.curve = self.curves[length]
        threshold = round(float(self.threshold.value), 1)
        if threshold in self.curve.index:
            self.point = self.curve.loc[threshold]
        else:  # a threshold typed between two steps: compute that one point
            self.point = analytics.screening_tradeoff(
                self.meetings, [threshold], hours_per_meeting=None if length == DIARY else length).iloc[0]
        p = self.point
        self.table = pd.DataFrame(
            [[int(p["valuable_kept"]), int(p["meetings_kept"] - p["valuable_kept"])],
             [int(p["valuable_missed"]), int(p["meetings_skipped"] - p["valuable_missed"])]],
            index=pd.Index(["meet", "skip"], name="the rule says"),
            columns=pd.Index(["valuable", "wasted"], name="it proved"))
        return self._summary_html(threshold)

    def _summary_html(self, threshold: float) -> str:
        """The sentence under the controls: what the rule keeps, saves and misses, and how good its picks are."""
        p = self.point
        meetings, valuable = len(self.meetings), int(p["valuable_kept"] + p["valuable_missed"])
        everyone = 100 * valuable / meetings if meetings else float("nan")
        length = "" if self.length.value == DIARY else f", counting {self.length.value:g} h per meeting"
        precision = ("it keeps no meeting at all" if pd.isna(p["precision_pct"])
                     else f"of the meetings it keeps, <b>{p['precision_pct']:.1f} %</b> proved valuable (precision), "
                          f"against {everyone:.1f} % when meeting everyone")
        return (f"Meet when the score is at least <b>{threshold:g}</b>: <b>{int(p['meetings_kept'])}</b> of the "
                f"{meetings} meetings of 2025 kept, <b>{int(p['meetings_skipped'])}</b> replaced by an online reply. "
                f"<b>Hours saved: {p['hours_saved']:,.0f}</b>{length} (about {p['hours_saved'] / WEEKS_A_YEAR:.1f} "
                f"hours a week). <b>Valuable contacts missed: {int(p['valuable_missed'])} of {valuable}</b> "
                f"(recall {p['recall_pct']:.1f} %); {precision}.")

    def draw(self, ax) -> None:
        """The trade-off curve for the chosen meeting length, the current threshold marked."""
        plots.screening_tradeoff(self.curve, ax=ax, current=float(self.threshold.value), title=self.title())

    def title(self) -> str:
        """The chart's title: which meeting length the hours count."""
        length = self.length.value
        hours = "the diary's hours" if length == DIARY else f"{length:g} h per meeting"
        return f"Hours saved vs valuable contacts missed ({hours}; small numbers: the threshold)"


def screening_dashboard(requests: pd.DataFrame):
    """The module-05 screening calculator: threshold and meeting length → hours saved, contacts missed, curve.

    ``requests``: the ``meeting_candidates`` table (all requests, or only the meetings held); the
    dashboard judges the rule on the meetings that took place, the only ones whose outcome is known.
    The returned VBox has the controls as attributes (``threshold``, ``length``) and the data on show
    (``table``, ``point``, ``curve``).
    """
    _need_table(requests, "screening_dashboard", "requests")
    needed = ("relevance", "mutual_connections", "red_flags", "meeting_hours", "valuable")
    missing = [c for c in needed if c not in requests.columns]
    if missing:
        raise WrongInput(f"screening_dashboard needs the meeting requests table (columns {', '.join(needed)}); this "
                       f"table lacks {', '.join(missing)}. Use data.load(\"meeting_candidates\").")
    held = requests["met"].astype(bool) if "met" in requests.columns else pd.Series(True, index=requests.index)
    meetings = requests[held & requests["valuable"].notna()]
    if meetings.empty:
        raise WrongInput("screening_dashboard found no meeting whose outcome is known: there is nothing to judge "
                         "a rule on. Use data.load(\"meeting_candidates\").")
    return ScreeningDashboard(meetings)
