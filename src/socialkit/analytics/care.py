"""Customer care in public (module 03): response rate and time, SLA compliance, private channels, backlash decay."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _require, metric, period_start

@metric("threads")
def response_hours(threads: pd.DataFrame) -> pd.Series:
    """Hours from the customer's post to the first answer (NaN when never answered)."""
    _require(threads, "opened_at", "first_response_at", where="response_hours")
    delta = pd.to_datetime(threads["first_response_at"]) - pd.to_datetime(threads["opened_at"])
    return (delta.dt.total_seconds() / 3600).rename("response_hours")


@metric("threads")
def response_rate(threads: pd.DataFrame, *, by=None):
    """Response rate in %: threads with at least one answer / all threads × 100.

    Source: Sprout Social Index ("response rate"); the Socialbakers Socially
    Devoted benchmark. ``by``: a column → one rate per group.
    """
    _require(threads, "first_response_at", where="response_rate")
    answered = threads["first_response_at"].notna().astype("float64") * 100
    if by is None:
        return float(answered.mean()) if len(answered) else float("nan")
    return answered.groupby(threads[by], observed=True).mean().rename("response_rate_pct")


@metric("threads")
def first_response_time(threads: pd.DataFrame, *, by=None):
    """Median and 90th-percentile first-response time in hours, over answered threads only.

    Unanswered threads have no response time and are left out here (see
    ``response_rate`` and ``sla_compliance``, which count them). Medians and p90
    rather than means because response times are heavily right-skewed. Source:
    Sprout Social Index and Zendesk "first reply time" (reported as median and
    percentiles). Returns a Series (median_hours, p90_hours, answered) or a
    DataFrame with one row per ``by`` group.
    """
    hours = response_hours(threads)

    def summary(h: pd.Series) -> pd.Series:
        h = h.dropna()
        return pd.Series({"median_hours": h.median() if len(h) else np.nan,
                          "p90_hours": h.quantile(0.9) if len(h) else np.nan,
                          "answered": float(len(h))})

    if by is None:
        return summary(hours)
    return hours.groupby(threads[by], observed=True).apply(summary).unstack()


@metric("threads")
def sla_compliance(threads: pd.DataFrame, *, hours=(1, 24), unanswered: str = "miss", by=None):
    """SLA compliance in %: threads answered within each target (1 h, 24 h) / threads × 100.

    ``unanswered="miss"`` (default) keeps never-answered threads in the
    denominator as failures: a customer nobody answered was not served within
    any target, and dropping them would reward ignoring hard cases.
    ``unanswered="exclude"`` measures only answered threads. A response exactly
    at the target counts as within it. Source: customer-service SLA definitions
    (Zendesk "SLA policies": % of tickets meeting the first-reply target).
    Returns a Series within_1h_pct, within_24h_pct… (DataFrame with ``by``).
    """
    if unanswered not in ("miss", "exclude"):
        raise ValueError(f"unanswered must be 'miss' or 'exclude'; got {unanswered!r}.")
    h = response_hours(threads)
    targets = [hours] if np.isscalar(hours) else list(hours)
    rows = h.notna() if unanswered == "exclude" else pd.Series(True, index=h.index)
    frame = pd.DataFrame({
        f"within_{t:g}h_pct": (h <= t).astype("float64") * 100 for t in targets
    })[rows]
    if by is None:
        return frame.mean()
    return frame.groupby(threads.loc[rows, by], observed=True).mean()


@metric("threads")
def private_share(threads: pd.DataFrame) -> float:
    """Share moved to private in %: answered threads moved to a private message / answered threads × 100.

    Only answered threads can move to private, so they form the denominator.
    Source: the "take it offline" practice in customer-care playbooks (e.g.
    Sprout Social, "How to handle negative comments on social media").
    """
    _require(threads, "moved_to_private", "first_response_at", where="private_share")
    answered = threads[threads["first_response_at"].notna()]
    if not len(answered):
        return float("nan")
    return float(100 * answered["moved_to_private"].astype(bool).mean())


@metric("threads")
def resolution_rate(threads: pd.DataFrame, *, by=None, answered_only: bool = False):
    """Resolution rate in %: resolved threads / threads × 100 (overall, or per ``by`` group).

    ``answered_only=True`` leaves out never-answered threads. Source: Zendesk
    "resolution rate" (solved tickets / tickets).
    """
    _require(threads, "resolved", where="resolution_rate")
    rows = threads[threads["first_response_at"].notna()] if answered_only else threads
    resolved = rows["resolved"].astype(bool).astype("float64") * 100
    if by is None:
        return float(resolved.mean()) if len(resolved) else float("nan")
    return resolved.groupby(rows[by], observed=True).mean().rename("resolution_rate_pct")


@metric("threads")
def resolution_public_vs_private(threads: pd.DataFrame) -> pd.Series:
    """Resolution rate in % of answered threads kept in public vs moved to private (index public, private).

    Compares like with like: only answered threads, since an unanswered thread
    was never "argued in public". Source: as ``resolution_rate``.
    """
    _require(threads, "moved_to_private", "resolved", "first_response_at",
             where="resolution_public_vs_private")
    answered = threads[threads["first_response_at"].notna()]
    channel = answered["moved_to_private"].astype(bool).map({False: "public", True: "private"})
    rates = (answered["resolved"].astype(bool).astype("float64") * 100).groupby(channel).mean()
    return rates.reindex(["public", "private"]).rename("resolution_rate_pct")


@metric("threads")
def sentiment_change(threads: pd.DataFrame, *, by=None, answered_only: bool = True):
    """Customer sentiment before vs after the reply: mean before, mean after and mean change (−2..+2).

    change = sentiment_after − sentiment_before per thread, averaged; sentiments
    are on the −1..+1 scale of the data. By default only answered threads (the
    effect of a reply). Source: "sentiment shift" in customer-care analytics
    (e.g. Sprout Social, Brandwatch customer-care reports).
    Returns a Series (before, after, change, threads) or a DataFrame per ``by`` group.
    """
    _require(threads, "sentiment_before", "sentiment_after", where="sentiment_change")
    rows = threads[threads["first_response_at"].notna()] if answered_only else threads
    frame = pd.DataFrame({
        "before": rows["sentiment_before"].astype("float64"),
        "after": rows["sentiment_after"].astype("float64"),
    })
    frame["change"] = frame["after"] - frame["before"]
    if by is None:
        out = frame.mean()
        out["threads"] = float(len(frame))
        return out
    grouped = frame.groupby(rows[by], observed=True)
    out = grouped.mean()
    out["threads"] = grouped.size().astype("float64")
    return out


@metric(counts=True)
def backlash_half_life(counts: pd.Series, *, peak=None, baseline_days: int = 28) -> float:
    """Days for a spike's excess over the baseline to fall to half its peak value.

    baseline = median of the ``baseline_days`` values before the peak (median, so
    earlier small spikes barely move it); excess_t = x_t − baseline. Walking
    forward from the peak (the series maximum, or the label ``peak``), the
    half-life is the first time excess ≤ excess_peak / 2, interpolated linearly
    between the two days around the crossing. Works on daily counts or on a
    daily % negative. NaN when the series never falls that far. Source: the
    half-life of exponential decay, used for the decay of collective attention
    online (Wu & Huberman 2007, "Novelty and collective attention", PNAS).
    """
    return float(backlash_profile(counts, peak=peak, baseline_days=baseline_days)["half_life_days"])


@metric(counts=True)
def backlash_profile(counts: pd.Series, *, peak=None, baseline_days: int = 28) -> pd.Series:
    """A spike's peak day and value, its baseline, the half-way level and its half-life in days.

    half_level = baseline + (peak − baseline) / 2; the half-life is as in
    ``backlash_half_life`` (which returns this Series' ``half_life_days``).
    """
    x = counts.astype("float64").reset_index(drop=True)
    out = pd.Series({"peak_day": pd.NaT, "peak": np.nan, "baseline": np.nan, "half_level": np.nan,
                     "half_life_days": np.nan}, dtype="object")
    if x.dropna().empty:
        return out
    at = int(x.idxmax()) if peak is None else int(counts.index.get_loc(peak))
    before = x.iloc[max(0, at - baseline_days):at].dropna()
    if before.empty:
        raise ValueError("backlash_half_life needs some days before the peak to measure the baseline.")
    baseline = before.median()
    excess = x - baseline
    half = excess.iloc[at] / 2
    out[["peak_day", "peak", "baseline", "half_level"]] = [counts.index[at], x.iloc[at], baseline, baseline + half]
    if not half > 0:
        return out
    for t in range(at + 1, len(x)):
        if excess.iloc[t] <= half:
            previous = excess.iloc[t - 1]
            out["half_life_days"] = float(t - 1 - at + (previous - half) / (previous - excess.iloc[t]))
            break
    return out


@metric("threads")
def sla_by_weekday(threads: pd.DataFrame, *, hours=(1, 24), timezone: str = "Europe/Paris") -> pd.DataFrame:
    """SLA compliance in % (as ``sla_compliance``, unanswered = missed) by the weekday the customer posted, Lyon time.

    One row per day, Monday to Sunday: shows what a team that works on weekdays
    only does to the customers who write at the weekend. Source: as ``sla_compliance``.
    """
    _require(threads, "opened_at", where="sla_by_weekday")
    local = pd.to_datetime(threads["opened_at"], utc=True).dt.tz_convert(timezone)
    names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    weekday = pd.Categorical.from_codes(local.dt.day_of_week.to_numpy(), categories=names)
    table = sla_compliance(threads.assign(weekday=weekday), hours=hours, by="weekday")
    table.index.name = "weekday"
    return table


@metric("threads")
def outcomes_by_channel(threads: pd.DataFrame) -> pd.DataFrame:
    """How threads ended, by where the conversation went: moved to private, answered in public, never answered.

    Per group: threads; resolved % (resolved / threads × 100); mean change in the
    customer's sentiment (after − before, −1..+1 scale); median public replies
    (how long it was argued in public); median hours from the post to the
    resolution (resolved threads only). Source: as ``resolution_rate`` and
    ``sentiment_change``.
    """
    _require(threads, "first_response_at", "moved_to_private", "resolved", "resolved_at", "opened_at",
             "sentiment_before", "sentiment_after", "public_replies", where="outcomes_by_channel")
    answered = threads["first_response_at"].notna()
    private = threads["moved_to_private"].astype(bool)
    channel = pd.Series(np.select([answered & private, answered], ["moved to private", "answered in public"],
                                  "never answered"), index=threads.index)
    hours_to_solve = (pd.to_datetime(threads["resolved_at"]) - pd.to_datetime(threads["opened_at"])
                      ).dt.total_seconds() / 3600
    frame = pd.DataFrame({
        "threads": 1,
        "resolved_pct": threads["resolved"].astype(bool).astype("float64") * 100,
        "sentiment_change": (threads["sentiment_after"] - threads["sentiment_before"]).astype("float64"),
        "public_replies": threads["public_replies"].astype("float64"),
        "hours_to_resolution": hours_to_solve,
    })
    grouped = frame.groupby(channel)
    table = pd.DataFrame({
        "threads": grouped["threads"].sum(),
        "resolved_pct": grouped["resolved_pct"].mean(),
        "sentiment_change": grouped["sentiment_change"].mean(),
        "public_replies": grouped["public_replies"].median(),
        "hours_to_resolution": grouped["hours_to_resolution"].median(),
    })
    return table.reindex(["moved to private", "answered in public", "never answered"]).dropna(how="all")


# ---------------------------------------------------------------- the backlash, day by day


@metric("threads")
def daily_threads(threads: pd.DataFrame) -> pd.Series:
    """New care threads per UTC day (days without one count 0): the care team's daily load.

    Formula: count of threads whose ``opened_at`` falls on each calendar day.
    Source: the "incoming volume" of contact-centre workforce planning (e.g.
    Zendesk, "ticket volume").
    """
    _require(threads, "opened_at", where="daily_threads")
    day = period_start(threads["opened_at"], "D")
    if day.dropna().empty:
        return pd.Series(dtype="int64", name="threads", index=pd.DatetimeIndex([], name="day"))
    days = pd.date_range(day.min(), day.max(), freq="D", name="day")
    return day.value_counts().reindex(days, fill_value=0).astype("int64").rename("threads")


@metric("mentions")
def daily_negative_share(mentions: pd.DataFrame, *, sentiment_col: str = "true_sentiment") -> pd.DataFrame:
    """Share of each brand's mentions that are negative, per UTC day, in % (one column per brand).

    negative share_t = negative mentions_t / all mentions_t × 100; NaN on a day
    without mentions. The mood curve of a backlash, next to its volume
    (``daily_volume``): the noise can fade before the anger does. Source: the
    "negative sentiment share" of listening tools (e.g. Brandwatch, Talkwalker).
    """
    _require(mentions, "ts", "brand", sentiment_col, where="daily_negative_share")
    day = period_start(mentions["ts"], "D").rename("day")
    negative = (mentions[sentiment_col].astype("object") == "negative").astype("float64") * 100
    brand = mentions["brand"].astype("object").rename("brand")
    table = negative.groupby([day, brand]).mean().unstack("brand")
    days = pd.date_range(table.index.min(), table.index.max(), freq="D", name="day")
    table = table.reindex(days)
    known = [b for b in ("lumiere", "grano", "maison") if b in table.columns]
    return table[known + sorted(c for c in table.columns if c not in known)]


# ---------------------------------------------------------------- the response simulator

CARE_TIMEZONE = "Europe/Paris"  # the care team works from Lyon
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TEAM_2025_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
TEAM_2025_HOURS = (7, 23)  # 7:00 to 23:00, Lyon time
WAIT_BANDS = (0, 1, 4, 24, 72)  # hours: under 1 h, 1–4 h, 4–24 h, 24–72 h, 72 h or more


def on_duty_days(days) -> tuple[int, ...]:
    """Days on duty as weekday numbers (Monday = 0), from names ("Mon", "Saturday") or numbers 0–6."""
    items = [days] if isinstance(days, (str, int)) else list(days)
    numbers = []
    for item in items:
        if isinstance(item, str) and item.strip()[:3].title() in DAY_NAMES:
            numbers.append(DAY_NAMES.index(item.strip()[:3].title()))
        elif isinstance(item, (int, np.integer)) and not isinstance(item, bool) and 0 <= int(item) <= 6:
            numbers.append(int(item))
        else:
            raise ValueError(f"{item!r} is not a day of the week: write days as names, e.g. "
                             f"days=(\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\").")
    if not numbers:
        raise ValueError("Give at least one day on duty, e.g. days=(\"Mon\", \"Tue\", \"Wed\", \"Thu\", \"Fri\").")
    return tuple(sorted(set(numbers)))


def on_duty_hours(hours) -> tuple[int, int]:
    """(start, end) of the working day in whole hours, 0 ≤ start < end ≤ 24, e.g. (7, 23)."""
    try:
        start, end = (int(h) for h in hours)
    except (TypeError, ValueError):
        raise ValueError(f"hours must be two whole hours (start, end), e.g. hours=(7, 23); got {hours!r}.") from None
    if not 0 <= start < end <= 24:
        raise ValueError(f"hours must run from a start to a later end between 0 and 24, e.g. hours=(7, 23); "
                         f"got ({start}, {end}).")
    return start, end


def staffed_hours_per_week(days=TEAM_2025_DAYS, hours=TEAM_2025_HOURS) -> int:
    """Hours a week someone is on duty: days on duty × (end − start); 2025's team: 5 × 16 = 80."""
    start, end = on_duty_hours(hours)
    return len(on_duty_days(days)) * (end - start)


def _next_on_duty_local(local: np.ndarray, days: tuple[int, ...], start: int, end: int) -> np.ndarray:
    """For local wall-clock times (datetime64[s]), the first moment at or after each one when someone is on duty."""
    day = local.astype("datetime64[D]")
    weekday = (day.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday (Monday = 0)
    hour = (local - day).astype("int64") / 3600
    working = np.isin(weekday, days)
    result = np.where(working & (hour >= start) & (hour < end), local, np.datetime64("NaT", "s"))
    for ahead in range(8):  # a week is enough to find the next working morning
        morning = (day + np.timedelta64(ahead, "D")).astype("datetime64[s]") + np.timedelta64(start * 3600, "s")
        open_then = np.isin((weekday + ahead) % 7, days) & (morning > local)
        result = np.where(np.isnat(result) & open_then, morning, result)
    return result


def next_on_duty(times: pd.Series, *, days=TEAM_2025_DAYS, hours=TEAM_2025_HOURS,
                 timezone: str = CARE_TIMEZONE) -> pd.Series:
    """The first moment (UTC) at or after each time when someone is on duty (``days``, ``hours`` in local time)."""
    day_numbers, (start, end) = on_duty_days(days), on_duty_hours(hours)
    utc = pd.DatetimeIndex(pd.to_datetime(times, utc=True))
    local = utc.tz_convert(timezone).tz_localize(None).to_numpy("datetime64[s]")
    found = pd.DatetimeIndex(_next_on_duty_local(local, day_numbers, start, end))
    back = found.tz_localize(timezone, ambiguous=np.ones(len(found), bool), nonexistent="shift_forward")
    return pd.Series(back.tz_convert("UTC"), index=getattr(times, "index", None), name="on_duty_at")


@metric("threads")
def simulate_staffing(threads: pd.DataFrame, *, days=TEAM_2025_DAYS, hours=TEAM_2025_HOURS,
                      answer_all: bool = False, actual_days=TEAM_2025_DAYS, actual_hours=TEAM_2025_HOURS,
                      timezone: str = CARE_TIMEZONE) -> pd.DataFrame:
    """The threads replayed as if the care team had been on duty other days and hours (a copy; first replies moved).

    A replay ("trace-driven") simulation: every 2025 thread keeps its opening
    time and the time the team took once the post was in front of it:
    handling = first reply − first moment on duty after the post (2025's
    schedule, ``actual_days``/``actual_hours``); simulated first reply = first
    moment on duty after the post (new schedule) + handling. Threads nobody
    answered stay unanswered, unless ``answer_all=True`` gives each of them the
    median handling time of the answered ones. A reply started before the end
    of the day is finished. With 2025's schedule it gives back 2025's replies
    exactly. Source: trace-driven simulation, A. M. Law, *Simulation Modeling
    and Analysis*, 5th ed., McGraw-Hill, 2015 (the recorded data drive the model).
    """
    _require(threads, "opened_at", "first_response_at", where="simulate_staffing")
    opened = pd.to_datetime(threads["opened_at"], utc=True)
    first = pd.to_datetime(threads["first_response_at"], utc=True)
    handling = (first - next_on_duty(opened, days=actual_days, hours=actual_hours, timezone=timezone)).clip(
        lower=pd.Timedelta(0))
    if answer_all and handling.notna().any():
        handling = handling.fillna(handling.median())
    simulated = threads.copy()
    simulated["first_response_at"] = next_on_duty(opened, days=days, hours=hours, timezone=timezone) + handling
    simulated["handling_hours"] = handling.dt.total_seconds() / 3600
    return simulated


NEVER_ANSWERED = "never answered"


def _band_labels(bands) -> list[str]:
    """"under 1 h", "1–4 h", …, "72 h or more" for band edges (0, 1, 4, 24, 72)."""
    edges = list(bands)
    labels = [f"under {edges[1]:g} h"] + [f"{a:g}–{b:g} h" for a, b in zip(edges[1:], edges[2:])]
    return labels + [f"{edges[-1]:g} h or more"]


def wait_band(hours: pd.Series, bands=WAIT_BANDS) -> pd.Series:
    """Each wait (hours) as its band's label, e.g. "1–4 h"; a thread never answered is "never answered"."""
    labels = _band_labels(bands)
    cut = pd.cut(hours, [*bands, np.inf], right=False, labels=labels)
    return cut.cat.add_categories([NEVER_ANSWERED]).fillna(NEVER_ANSWERED).rename("wait")


@metric("threads")
def sentiment_by_wait(threads: pd.DataFrame, *, bands=WAIT_BANDS) -> pd.DataFrame:
    """Mean change in the customer's sentiment by how long they waited for a first reply (and when nobody replied).

    change = sentiment_after − sentiment_before (−1..+1 scale), averaged within
    each wait band (hours: under 1, 1–4, 4–24, 24–72, 72 or more) and over the
    threads never answered. It is the simulator's recovery model: what happened
    in 2025 to customers who waited that long. Observed, not an experiment:
    waits and outcomes may share causes. Source: "sentiment shift" in
    customer-care analytics, as ``sentiment_change``.
    """
    _require(threads, "sentiment_before", "sentiment_after", "first_response_at", where="sentiment_by_wait")
    change = (threads["sentiment_after"] - threads["sentiment_before"]).astype("float64")
    grouped = change.groupby(wait_band(response_hours(threads), bands), observed=False)
    return pd.DataFrame({"change": grouped.mean(), "threads": grouped.size().astype("int64")})


@metric("threads")
def expected_sentiment_change(simulated: pd.DataFrame, *, model: pd.DataFrame, bands=WAIT_BANDS) -> float:
    """Expected mean sentiment change per thread for simulated waits: each thread gets its wait band's 2025 mean.

    expected = Σ over threads of model.change[band(wait)] / threads, where a
    thread nobody answers takes the "never answered" mean; ``model`` is
    ``sentiment_by_wait`` of the real threads. A band 2025 never saw takes the
    value of the band before it. On 2025's own waits it gives 2025's mean change.
    """
    band = wait_band(response_hours(simulated), bands).astype("object")
    if band.empty:
        return float("nan")
    waits = model["change"].reindex(_band_labels(bands)).ffill().bfill()
    change = pd.concat([waits, model["change"].reindex([NEVER_ANSWERED])])
    return float(band.map(change).mean())
