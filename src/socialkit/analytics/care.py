"""Customer care in public (module 03): response rate and time, SLA compliance, private channels, backlash decay."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _require, metric

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
    x = counts.astype("float64").reset_index(drop=True)
    if x.dropna().empty:
        return float("nan")
    at = int(x.idxmax()) if peak is None else int(counts.index.get_loc(peak))
    before = x.iloc[max(0, at - baseline_days):at].dropna()
    if before.empty:
        raise ValueError("backlash_half_life needs some days before the peak to measure the baseline.")
    baseline = before.median()
    excess = x - baseline
    half = excess.iloc[at] / 2
    if not half > 0:
        return float("nan")
    for t in range(at + 1, len(x)):
        if excess.iloc[t] <= half:
            previous = excess.iloc[t - 1]
            return float(t - 1 - at + (previous - half) / (previous - excess.iloc[t]))
    return float("nan")
