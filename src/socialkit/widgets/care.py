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

from socialkit import analytics, plots, vocab
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


# --------------------------------------------------------------------------- response times (any table)

RESPONSE_TARGETS = (("1 hour", 1), ("4 hours", 4), ("24 hours", 24), ("3 days", 72))
EVERY_PLATFORM = "all"
# kind of table -> (time the customer wrote, time of the first answer, what one row is, what the answer is)
ANSWER_COLUMNS = {"threads": ("opened_at", "first_response_at", "conversation", "first answer"),
                  "reviews": ("ts", "response_at", "review", "reply to the review")}


class ResponseTimes(Dashboard):
    """Platform and target → the share of customers answered within the target, and how fast the rest were."""

    figsize = (9.0, 3.8)
    keep_axes = True  # number axes: kept and redrawn (faster)

    def __init__(self, waits: pd.Series, platforms: pd.Series, kind: str, left_out: int):
        """Make the controls (every platform, 24-hour target) and show the first view."""
        self.all_waits, self.all_platforms, self.kind, self.left_out = waits, platforms, kind, left_out
        present = [p for p in pd.unique(platforms.dropna())]
        self.platform = w.Dropdown(options=[("every platform", EVERY_PLATFORM)] +
                                   [(vocab.platform_name(p), p) for p in sorted(present, key=str)],
                                   value=EVERY_PLATFORM, description="Platform")
        self.target = w.ToggleButtons(options=RESPONSE_TARGETS, value=24, description="Target: answer within",
                                      style={"description_width": "initial", "button_width": "90px"})
        self.waits = pd.Series(dtype="float64")
        self.table = pd.DataFrame()
        super().__init__({"platform": self.platform, "target": self.target}, [self.platform, self.target])

    def update(self) -> str:
        """Keep the rows of the chosen platform; fill ``waits`` and ``table``; return the line of text."""
        keep = (self.all_platforms == self.platform.value).to_numpy() if self.platform.value != EVERY_PLATFORM \
            else np.ones(len(self.all_waits), bool)
        self.waits = self.all_waits[keep]
        values = self.waits.to_numpy(dtype=float)
        answered = values[~np.isnan(values)]
        target = self.target.value
        n = len(values)
        self.table = pd.DataFrame([{
            "rows": n, "answered (%)": 100 * len(answered) / n if n else np.nan,
            "within target (%)": 100 * np.count_nonzero(answered <= target) / n if n else np.nan,
            "within 24 hours (%)": 100 * np.count_nonzero(answered <= 24) / n if n else np.nan,
            "median hours to answer": float(np.median(answered)) if len(answered) else np.nan}])
        row, what, answer = self.table.iloc[0], ANSWER_COLUMNS[self.kind][2], ANSWER_COLUMNS[self.kind][3]
        if not n:
            return f"<b>No {what}</b> on this platform."
        label = dict((v, k) for k, v in RESPONSE_TARGETS)[target]
        median = (f"half of the answered ones got their {answer} within <b>{_hours_words(row['median hours to answer'])}"
                  "</b>" if len(answered) else f"none got a {answer}")
        left = (f" {self.left_out:,} row(s) whose answer is dated before the customer wrote are left out."
                if self.left_out else "")
        day = f" (within 24 hours: {row['within 24 hours (%)']:.1f} %)" if target != 24 else ""
        return (f"<b>{n:,} {what}{'s' if n != 1 else ''}</b>: {row['answered (%)']:.1f} % got a {answer}; "
                f"<b>{row['within target (%)']:.1f} % within {label}</b>{day}; {median}.{left}")

    def has_chart(self) -> bool:
        return len(self.waits) > 0

    def draw(self, ax) -> None:
        """The share answered within x hours, with the target."""
        name = "every platform" if self.platform.value == EVERY_PLATFORM else vocab.platform_name(self.platform.value)
        plots.response_time_curve({name: self.waits}, ax=ax, target=self.target.value, title=self.title())

    def title(self) -> str:
        return f"How fast each {ANSWER_COLUMNS[self.kind][2]} got a {ANSWER_COLUMNS[self.kind][3]}"


def _hours_words(hours: float) -> str:
    """A wait in words: "35 minutes", "5.2 hours", "3.1 days"."""
    if hours < 1:
        return f"{hours * 60:.0f} minutes"
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"


def response_times_dashboard(table: pd.DataFrame, kind: str = "threads"):
    """How fast customers got an answer: platform and target → share answered in time, with the curve.

    ``table``: care conversations (``kind='threads'``: opened_at, first_response_at) or reviews
    (``kind='reviews'``: ts, response_at, the business's reply). Rows never answered stay in the
    denominator. The returned VBox has the controls (``platform``, ``target``) and the data on
    show: ``waits`` (hours to the answer, NaN = never answered) and ``table``.
    """
    if kind not in ANSWER_COLUMNS:
        raise ValueError(f"kind must be 'threads' or 'reviews'; got {kind!r}.")
    if not isinstance(table, pd.DataFrame):
        from socialkit.analytics._inputs import _need_table

        _need_table(table, "response_times_dashboard", kind)
    wrote, answered, _what, _answer = ANSWER_COLUMNS[kind]
    missing = [c for c in (wrote, answered) if c not in table.columns]
    if missing:
        raise analytics.MissingColumn(f"response_times_dashboard needs the {kind} table (columns {wrote}, "
                                      f"{answered}); this table lacks {', '.join(missing)}.")
    hours = (pd.to_datetime(table[answered], utc=True) - pd.to_datetime(table[wrote], utc=True)).dt.total_seconds() / 3600
    keep = ~(hours < 0).to_numpy() & table[wrote].notna().to_numpy()
    if not keep.any():
        raise ValueError(f"response_times_dashboard got no {kind} row with a time: there is nothing to show.")
    platforms = table["platform"].astype("object") if "platform" in table.columns else pd.Series(
        np.nan, index=table.index, dtype="object")
    return ResponseTimes(hours[keep].reset_index(drop=True).astype("float64"),
                         platforms[keep].reset_index(drop=True), kind, int((hours < 0).sum()))
