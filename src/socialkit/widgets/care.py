"""The response simulator (module 03): days and hours on duty, answering everyone, a target → compliance and mood.

How it simulates, in plain words: it replays Café Lumière's 2025 care threads. Every thread keeps
the moment the customer posted and the time the team took to write the reply once the post was in
front of it; only the hours someone is on duty change (``analytics.simulate_staffing``). The
expected change in the customer's mood is what happened in 2025 to customers who waited as long
(``analytics.sentiment_by_wait``). Everything the replay needs is computed once when the
dashboard opens, so a control change only shifts 2,640 timestamps and counts.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots
from socialkit.analytics import care
from socialkit.widgets._base import Dashboard

DAY_OPTIONS = (("Monday to Friday", "weekdays"), ("Monday to Saturday", "mon_sat"), ("Every day", "every_day"))
DAYS = {"weekdays": care.DAY_NAMES[:5], "mon_sat": care.DAY_NAMES[:6], "every_day": care.DAY_NAMES}
DAY_WORDS = dict((value, label) for label, value in DAY_OPTIONS)
TARGET_OPTIONS = (("1 hour", 1), ("4 hours", 4), ("24 hours", 24))
AS_IT_HAPPENED = "2025, as it happened"
YOUR_SETTING = "your setting"


class ResponseSimulator(Dashboard):
    """Days and hours on duty, "answer every thread" and a target → % answered in time and expected mood."""

    figsize = (9.0, 3.8)
    keep_axes = True  # a chart on number axes: the base keeps them and redraws only the lines (faster)

    def __init__(self, replay: "_Replay"):
        """Make the controls (opening on 2025's schedule), lay them out and show the first view."""
        self.replay = replay
        self.days = w.ToggleButtons(options=DAY_OPTIONS, value="weekdays", description="Days on duty",
                                    style={"description_width": "initial", "button_width": "150px"})
        self.hours = w.IntRangeSlider(value=care.TEAM_2025_HOURS, min=0, max=24, step=1, continuous_update=False,
                                      description="Hours on duty (Lyon time)", readout_format="d",
                                      style={"description_width": "initial"}, layout=w.Layout(width="60%"))
        self.answer_all = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                     description=f"Answer every thread (in 2025, {replay.never:,} got no answer)")
        self.target = w.ToggleButtons(options=TARGET_OPTIONS, value=1, description="Target: answer within",
                                      style={"description_width": "initial", "button_width": "90px"})
        self.table = pd.DataFrame()
        self.waits = pd.Series(dtype="float64")
        super().__init__(
            {"days": self.days, "hours": self.hours, "answer_all": self.answer_all, "target": self.target},
            [self.days, self.hours, self.answer_all, self.target])

    def update(self) -> str:
        """Replay the threads with the chosen schedule; fill ``table`` and ``waits``; return the line of text."""
        start, end = self.hours.value
        if start == end:
            self.table = pd.DataFrame()
            return ("<b>No hour on duty:</b> move the two handles of <b>Hours on duty</b> apart (for example "
                    "7 and 23) so that someone is on duty.")
        days = DAYS[self.days.value]
        self.waits = self.replay.waits(days, (start, end), self.answer_all.value)
        self.table = pd.DataFrame(
            [self.replay.summary(self.replay.actual, care.TEAM_2025_DAYS, care.TEAM_2025_HOURS, self.target.value),
             self.replay.summary(self.waits, days, (start, end), self.target.value)],
            index=[AS_IT_HAPPENED, YOUR_SETTING])
        mine, before = self.table.loc[YOUR_SETTING], self.table.loc[AS_IT_HAPPENED]
        target = dict((v, k) for k, v in TARGET_OPTIONS)[self.target.value]
        answered = ("every thread gets an answer" if self.answer_all.value else
                    f"the {self.replay.never:,} threads nobody answered in 2025 stay unanswered")
        also = "1 hour" if self.target.value == 24 else "24 hours"  # the target's own figure is not said twice
        return (f"<b>Your setting:</b> on duty {mine['hours on duty a week']:.0f} hours a week "
                f"({DAY_WORDS[self.days.value]}, {start}:00–{end}:00 Lyon time); {answered}.<br>"
                f"<b>Answered within {target}: {mine['within target (%)']:.1f} %</b> of all threads "
                f"(2025: {before['within target (%)']:.1f} %) · within {also}: {mine[f'within {also} (%)']:.1f} % "
                f"(2025: {before[f'within {also} (%)']:.1f} %) · "
                f"<b>Expected change in mood: {mine['expected change in mood']:+.2f}</b> per thread "
                f"(2025: {before['expected change in mood']:+.2f}; a customer's mood runs from −1 to +1, so a change runs from −2 to +2).<br>"
                f"<i>How it works: a replay of the {self.replay.n:,} threads of 2025. Each keeps the moment the "
                f"customer posted and the time the team took to write the reply; only the hours on duty change. "
                f"The mood is what happened in 2025 to customers who waited as long.</i>")

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """The share of threads answered within x hours, 2025 against the chosen setting, with the target."""
        plots.response_time_curve({AS_IT_HAPPENED: self.replay.actual, YOUR_SETTING: self.waits}, ax=ax,
                                  target=self.target.value, title=self.title())

    def title(self) -> str:
        """The chart's title."""
        return "How fast customers get a first answer: 2025 against your setting"


class _Replay:
    """2025's threads, prepared once: when each was posted, how long the team took to write each reply,
    and the 2025 mood change by wait band, so a new schedule only moves timestamps and counts."""

    def __init__(self, threads: pd.DataFrame):
        """Measure each thread's handling time under 2025's schedule; fail clearly on a wrong table."""
        missing = [c for c in ("opened_at", "first_response_at", "sentiment_before", "sentiment_after")
                   if c not in threads.columns]
        if missing:
            raise KeyError(f"response_simulator_dashboard needs the threads table (columns opened_at, "
                           f"first_response_at, sentiment_before, sentiment_after); this table lacks "
                           f"{', '.join(missing)}. Use data.load('threads').")
        if threads.empty:
            raise ValueError("response_simulator_dashboard got an empty threads table: there is nothing to replay.")
        self.n = len(threads)
        self.opened = pd.to_datetime(threads["opened_at"], utc=True).reset_index(drop=True)
        replayed = analytics.simulate_staffing(threads)
        self.handling = replayed["handling_hours"].to_numpy(dtype=float)
        self.median_handling = float(np.nanmedian(self.handling)) if np.isfinite(self.handling).any() else 0.0
        self.actual = analytics.response_hours(threads).reset_index(drop=True).astype("float64")
        self.never = int(self.actual.isna().sum())
        model = analytics.sentiment_by_wait(threads)
        labels = care._band_labels(care.WAIT_BANDS)
        waits = model["change"].reindex(labels).ffill().bfill().to_numpy(dtype=float)
        self.mood_by_band = np.append(waits, float(model.loc[care.NEVER_ANSWERED, "change"]))
        self.edges = np.array(care.WAIT_BANDS[1:], dtype=float)

    def waits(self, days, hours, answer_all: bool) -> pd.Series:
        """Hours from each post to its first reply under a schedule (NaN: never answered)."""
        handling = np.where(np.isnan(self.handling), self.median_handling, self.handling) if answer_all \
            else self.handling
        on_duty = care.next_on_duty(self.opened, days=days, hours=hours)
        until = (on_duty - self.opened).dt.total_seconds().to_numpy() / 3600
        return pd.Series(until + handling, name="hours")

    def expected_mood(self, waits: pd.Series) -> float:
        """Mean of each thread's 2025 mood change for its wait band (never answered: that band's own mean)."""
        values = waits.to_numpy(dtype=float)
        band = np.where(np.isnan(values), len(self.mood_by_band) - 1, np.searchsorted(self.edges, values, "right"))
        return float(self.mood_by_band[band].mean())

    def summary(self, waits: pd.Series, days, hours, target: float) -> dict:
        """One row of the dashboard's table for a set of waits."""
        values = waits.to_numpy(dtype=float)
        within = {t: 100 * np.count_nonzero(values <= t) / len(values) for t in (target, 1, 24)}
        return {"hours on duty a week": float(care.staffed_hours_per_week(days, hours)),
                "within target (%)": within[target], "within 1 hour (%)": within[1],
                "within 24 hours (%)": within[24], "never answered (%)": 100 * np.isnan(values).mean(),
                "expected change in mood": self.expected_mood(waits)}


def response_simulator_dashboard(threads: pd.DataFrame):
    """The module-03 response simulator: days and hours on duty, answering everyone, a target → compliance and mood.

    It opens on 2025's schedule (Monday to Friday, 7:00–23:00 Lyon time). The returned VBox has
    the controls as attributes (``days``, ``hours``, ``answer_all``, ``target``) and the data on
    show: ``table`` (2025 and your setting: hours on duty a week, % answered within the target,
    within 1 and 24 hours, never answered, expected change in mood) and ``waits`` (hours to the
    first reply of every thread under your setting).
    """
    from socialkit.analytics._inputs import _need_table

    _need_table(threads, "response_simulator_dashboard", "threads")
    return ResponseSimulator(_Replay(threads))
