"""Competitors on social media (module 09): followers, growth, engagement, and when a rival catches up.

The projection is a straight line fitted by ordinary least squares (SciPy's ``linregress``) with
its 95 % prediction interval, the simplest trend a manager can check with a ruler: it says how
far ahead the wobble of the past months leaves the future, never whether the trend will last.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _require, metric

TREND_METRICS = ("followers", "follower_growth_pct", "posts", "engagements", "engagement_rate_pct",
                 "response_rate_pct")
LONGEST_PROJECTION = 240  # months: beyond 20 years a straight line says nothing


def _platform_rows(competitor_metrics: pd.DataFrame, platform, where: str) -> pd.DataFrame:
    """The rows of one platform (or of several, or all when ``platform`` is None)."""
    _require(competitor_metrics, "month", "brand", "platform", where=where)
    if platform is None:
        return competitor_metrics
    wanted = [platform] if isinstance(platform, str) else list(platform)
    known = set(competitor_metrics["platform"].astype("object"))
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise ValueError(f"{where}: there is no platform {', '.join(map(repr, unknown))} in the table; it has "
                         f"{', '.join(sorted(known))}.")
    return competitor_metrics[competitor_metrics["platform"].isin(wanted)]


def _by_month_and_brand(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    """Sum a column per month (rows) and brand (columns), brands in the data's order."""
    table = rows.pivot_table(index="month", columns="brand", values=column, aggfunc="sum", observed=True)
    table.columns = pd.Index(list(table.columns), name="brand")
    table.index = pd.DatetimeIndex(table.index, name="month")
    return table


@metric("competitor_metrics")
def follower_growth(competitor_metrics: pd.DataFrame, *, platform=None) -> pd.DataFrame:
    """Monthly follower growth in %: (followers this month − last month) / last month × 100, per brand.

    Followers are summed over the platforms (or one ``platform``); the first month has no
    previous month (NaN). Compare growth rates, not raw gains: 1,000 new followers is a lot for
    a small account and little for a large one. Source: "audience growth rate" as defined by
    Hootsuite ("How to calculate audience growth rate") and Rival IQ's benchmark reports.
    """
    _require(competitor_metrics, "followers", where="follower_growth")
    followers = _by_month_and_brand(_platform_rows(competitor_metrics, platform, "follower_growth"), "followers")
    return 100 * followers.pct_change(fill_method=None)


@metric("competitor_metrics")
def engagement_rate_per_post(competitor_metrics: pd.DataFrame, *, platform=None) -> pd.DataFrame:
    """Engagement rate per post by follower, in %: Σ (engagements / followers) / Σ posts × 100, per month and brand.

    On one platform it is the month's engagements ÷ followers ÷ posts × 100: how many of its
    followers an average post moves to like, share or comment. Over several platforms each
    platform's engagements are divided by its own followers before adding, so a big audience on
    one platform does not hide a quiet one elsewhere. Months without posts are NaN. Source: Rival
    IQ, "Social Media Industry Benchmark Report" (engagement rate per post by follower).
    """
    _require(competitor_metrics, "followers", "posts", "engagements", where="engagement_rate_per_post")
    rows = _platform_rows(competitor_metrics, platform, "engagement_rate_per_post")
    rows = rows.assign(per_follower=rows["engagements"] / rows["followers"].where(rows["followers"] > 0))
    moved = _by_month_and_brand(rows, "per_follower")
    posts = _by_month_and_brand(rows, "posts")
    return 100 * moved / posts.where(posts > 0)


@metric("competitor_metrics")
def competitor_trend(competitor_metrics: pd.DataFrame, metric: str = "followers", *, platform=None) -> pd.DataFrame:
    """One metric per month (rows) and brand (columns), over all platforms or one ``platform``.

    ``metric``: "followers" (end of month, summed over platforms), "follower_growth_pct"
    (``follower_growth``), "posts" and "engagements" (summed), "engagement_rate_pct"
    (``engagement_rate_per_post``) or "response_rate_pct" (the mean over the brand's platforms of
    the share of customer questions answered, × 100). A brand absent from a platform has no
    column. Source: the competitor benchmarks of social-media tools (e.g. Rival IQ, Sprout Social
    "competitive analysis" reports), which compare these same monthly figures.
    """
    if metric not in TREND_METRICS:
        raise ValueError(f"metric must be one of {', '.join(TREND_METRICS)}; got {metric!r}.")
    if metric == "follower_growth_pct":
        return follower_growth(competitor_metrics, platform=platform)
    if metric == "engagement_rate_pct":
        return engagement_rate_per_post(competitor_metrics, platform=platform)
    rows = _platform_rows(competitor_metrics, platform, "competitor_trend")
    if metric == "response_rate_pct":
        _require(rows, "response_rate", where="competitor_trend")
        table = rows.pivot_table(index="month", columns="brand", values="response_rate", aggfunc="mean",
                                 observed=True) * 100
        table.columns = pd.Index(list(table.columns), name="brand")
        table.index = pd.DatetimeIndex(table.index, name="month")
        return table
    _require(rows, metric, where="competitor_trend")
    return _by_month_and_brand(rows, metric)


@metric("competitor_metrics")
def competitor_summary(competitor_metrics: pd.DataFrame, *, platform=None) -> pd.DataFrame:
    """The year at a glance, one row per brand: followers at the end, and the monthly averages of
    follower growth (%), engagement rate per post (%) and posts.

    Each column is the mean over the months of ``follower_growth``, ``engagement_rate_per_post`` and
    ``competitor_trend(…, "posts")`` (the first month has no growth). Source: as those functions.
    """
    followers = competitor_trend(competitor_metrics, "followers", platform=platform)
    summary = pd.DataFrame({
        "followers_at_end": followers.iloc[-1],
        "growth_pct_a_month": follower_growth(competitor_metrics, platform=platform).mean(),
        "engagement_rate_pct": engagement_rate_per_post(competitor_metrics, platform=platform).mean(),
        "posts_a_month": competitor_trend(competitor_metrics, "posts", platform=platform).mean(),
    })
    summary.index.name = "brand"
    return summary


# ---------------------------------------------------------------- the straight-line projection


def _month_number(index: pd.Index) -> np.ndarray:
    """Months counted from January of year 0, so consecutive months differ by exactly 1."""
    stamps = pd.DatetimeIndex(index)
    return (stamps.year * 12 + stamps.month - 1).to_numpy(dtype="float64")


def _window(series: pd.Series, start, end) -> pd.Series:
    """The months from ``start`` to ``end`` (inclusive, any day of the month), without missing values."""
    months = pd.DatetimeIndex(series.index)
    keep = np.ones(len(series), bool)
    if start is not None:
        keep &= months >= pd.Timestamp(start).to_period("M").start_time
    if end is not None:
        keep &= months <= pd.Timestamp(end).to_period("M").start_time
    return series[keep].dropna()


class _Line:
    """An ordinary-least-squares line y = a + b·x with what its prediction interval needs."""

    def __init__(self, x: np.ndarray, y: np.ndarray, level: float):
        """Fit with SciPy's ``linregress``; keep n, the mean of x, Sxx, the residual sd s and the t quantile."""
        from scipy import stats

        if len(x) < 3:
            raise ValueError("a trend needs at least 3 months to fit a line and say how sure it is; "
                             "choose a longer period.")
        if not 0 < level < 1:
            raise ValueError(f"level must be between 0 and 1 (e.g. 0.95 for 95 %); got {level!r}.")
        fit = stats.linregress(x, y)
        self.intercept, self.slope = float(fit.intercept), float(fit.slope)
        self.n, self.x_mean = len(x), float(x.mean())
        self.sxx = float(((x - self.x_mean) ** 2).sum())
        residuals = y - (self.intercept + self.slope * x)
        self.s = float(np.sqrt((residuals ** 2).sum() / (self.n - 2)))
        self.t = float(stats.t.ppf(0.5 + level / 2, self.n - 2))

    def at(self, x) -> np.ndarray:
        """The fitted value at x."""
        return self.intercept + self.slope * np.asarray(x, dtype="float64")

    def margin(self, x) -> np.ndarray:
        """Half the width of the prediction interval at x: t · s · √(1 + 1/n + (x − x̄)² / Sxx)."""
        x = np.asarray(x, dtype="float64")
        return self.t * self.s * np.sqrt(1 + 1 / self.n + (x - self.x_mean) ** 2 / self.sxx)


@metric("followers")
def linear_trend(trend: pd.DataFrame, brand: str, *, start=None, end=None, horizon: int = 12,
                 level: float = 0.95) -> pd.DataFrame:
    """A brand's straight-line trend and its prediction interval, over the months fitted and ``horizon`` after.

    Fits y = a + b·month by ordinary least squares (SciPy ``linregress``) on the months from
    ``start`` to ``end`` of ``trend[brand]`` (default: all), then gives, for every month of the
    window and the ``horizon`` months after it: actual (NaN in the future), fitted, and the
    ``level`` (95 %) prediction interval lower/upper = fitted ± t(n−2) · s · √(1 + 1/n + (x − x̄)²
    / Σ(x − x̄)²), s being the residual standard deviation. The interval covers the month-to-month
    wobble seen in the window, not a change of trend. Source: the prediction interval for a new
    observation in simple linear regression (Montgomery, Peck & Vining, *Introduction to Linear
    Regression Analysis*, 5th ed., Wiley 2012, section 2.5).
    """
    if brand not in trend.columns:
        raise ValueError(f"There is no brand {brand!r} in this table; it has {', '.join(map(str, trend.columns))}.")
    series = _window(trend[brand], start, end)
    x = _month_number(series.index)
    line = _Line(x, series.to_numpy(dtype="float64"), level)
    last = pd.Timestamp(series.index[-1]) + pd.DateOffset(months=int(horizon))
    months = pd.date_range(series.index[0], last, freq="MS", name="month")  # a month without a value stays in
    xs = _month_number(months)
    fitted, margin = line.at(xs), line.margin(xs)
    return pd.DataFrame({"actual": series.reindex(months).to_numpy(dtype="float64"), "fitted": fitted,
                         "lower": fitted - margin, "upper": fitted + margin}, index=months)


@metric("followers")
def months_to_catch_up(trend: pd.DataFrame, *, chaser: str = "grano", leader: str = "lumiere", start=None,
                       end=None, level: float = 0.95) -> pd.Series:
    """When ``chaser`` reaches ``leader`` if both keep their straight-line trend, with the range the past wobble allows.

    The gap g = leader − chaser is fitted by a straight line over the months from ``start`` to
    ``end`` (ordinary least squares, as ``linear_trend``; the gap's line is the difference of the
    two brands' lines). The chaser catches up when the line reaches 0: ``months`` after the last
    month fitted. ``earliest`` is when the lower end of the gap's 95 % prediction interval first
    reaches 0 (catching up is then plausible), ``latest`` when its upper end does (the gap is then
    below 0 even at the top of the range); NaN when that never happens within 20 years.
    ``catch_up_month`` is the month, as the table labels months, nearest to where the line reaches
    0 (where a chart of the table shows the two lines crossing). ``status``: "catching up", "already ahead" (the chaser is level or ahead in the
    last month) or "not catching up" (the gap does not shrink). The range says how sure the
    straight line is, not whether the trend will last. Source: as ``linear_trend``.
    Returns a Series: status, gap_now, gap_change_per_month, months, earliest, latest, catch_up_month.
    """
    for brand in (chaser, leader):
        if brand not in trend.columns:
            raise ValueError(f"There is no brand {brand!r} in this table; it has "
                             f"{', '.join(map(str, trend.columns))}.")
    gap = _window(trend[leader] - trend[chaser], start, end)
    x = _month_number(gap.index)
    line = _Line(x, gap.to_numpy(dtype="float64"), level)
    last = x[-1]
    result = {"status": "catching up", "gap_now": float(gap.iloc[-1]), "gap_change_per_month": line.slope,
              "months": np.nan, "earliest": np.nan, "latest": np.nan, "catch_up_month": pd.NaT}
    if gap.iloc[-1] <= 0:
        result.update(status="already ahead", months=0.0, earliest=0.0, latest=0.0,
                      catch_up_month=pd.Timestamp(gap.index[-1]))
        return pd.Series(result, name=f"{chaser} reaching {leader}")
    if line.slope >= 0:
        result["status"] = "not catching up"
        return pd.Series(result, name=f"{chaser} reaching {leader}")
    months = max(0.0, -line.intercept / line.slope - last)  # 0: the line says it should have happened already
    ahead = np.arange(0, LONGEST_PROJECTION * 100 + 1) / 100  # every hundredth of a month, up to 20 years
    fitted, margin = line.at(last + ahead), line.margin(last + ahead)

    def first_zero(values: np.ndarray) -> float:
        hits = np.flatnonzero(values <= 0)
        return float(ahead[hits[0]]) if len(hits) else np.nan

    result.update(months=float(months), earliest=first_zero(fitted - margin), latest=first_zero(fitted + margin))
    if months <= LONGEST_PROJECTION:
        result["catch_up_month"] = pd.Timestamp(gap.index[-1]) + pd.DateOffset(months=int(round(months)))
    return pd.Series(result, name=f"{chaser} reaching {leader}")


@metric("followers")
def catch_up_by_period(trend: pd.DataFrame, *, starts=("2025-01-01", "2025-07-01"), end=None, chaser: str = "grano",
                       leader: str = "lumiere", level: float = 0.95) -> pd.DataFrame:
    """``months_to_catch_up`` fitted from each of ``starts`` to ``end``, side by side: how much the date
    depends on the months chosen.

    One row per period fitted (labelled "Jan 2025–Dec 2025" …) with months, earliest, latest and
    catch_up_month (the month in words, "Dec 2026", or "never"; "Dec 2025" for a chaser already ahead). When the ranges of two periods barely overlap, the range measures the
    wobble around each straight line, not the choice of line. Source: as ``linear_trend``.
    """
    rows = {}
    for start in starts:
        result = months_to_catch_up(trend, chaser=chaser, leader=leader, start=start, end=end, level=level)
        months = _window(trend[leader] - trend[chaser], start, end).index
        label = f"{pd.Timestamp(months[0]):%b %Y}–{pd.Timestamp(months[-1]):%b %Y}"
        rows[label] = {"months": result["months"], "earliest": result["earliest"], "latest": result["latest"],
                       "catch_up_month": f"{result['catch_up_month']:%b %Y}" if pd.notna(result["catch_up_month"])
                       else "never"}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "months fitted"
    return table
