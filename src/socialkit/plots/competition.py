"""Competitor charts (module 09): monthly lines per brand, and a straight-line projection with its range."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import as_frame, brand_color, brand_name, new_ax

DAYS_PER_MONTH = 365.25 / 12
RANGE_COLOR = "#CC79A7"  # Okabe–Ito reddish purple: the catch-up range, unlike any brand's colour

TREND_LABELS = {
    "followers": "followers (end of month)",
    "follower_growth_pct": "follower growth (% a month)",
    "posts": "posts a month",
    "engagements": "engagements a month",
    "engagement_rate_pct": "engagement rate per post (% of followers)",
    "response_rate_pct": "customer questions answered on social media (%)",
    "average_stars": "average rating (stars, 1–5)",
    "reviews": "reviews a month",
    "answered_pct": "reviews answered (%)",
}


# What a metric can never go beyond: a projection's range is cut there (a rating stays within 1–5 stars).
LIMITS = {"average_stars": (1, 5), "answered_pct": (0, 100), "response_rate_pct": (0, 100),
          "followers": (0, np.inf), "posts": (0, np.inf), "engagements": (0, np.inf), "reviews": (0, np.inf)}


def _thousands(ax, values) -> None:
    """Write big numbers on the y axis as 120k rather than 120000 (they fit the dashboard's margin).

    Decided from the values drawn, not from the axis limits: asking the axes for their limits before
    the chart is drawn makes Matplotlib work out the limits twice (a slower redraw).
    """
    from matplotlib.ticker import FuncFormatter

    finite = np.abs(values[np.isfinite(values)])
    if len(finite) and finite.max() >= 10_000:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v / 1000:,.0f}k"))


def _y_range(ax, values: list[np.ndarray], metric: str | None) -> None:
    """Fit the y axis to the data and the fitted lines (a wide 95 % range is cut by the frame, not the data)."""
    finite = np.concatenate([v[np.isfinite(v)] for v in values if len(v)]) if values else np.array([])
    if not len(finite):
        return
    low, high = float(finite.min()), float(finite.max())
    pad = 0.1 * (high - low) or 0.1 * max(abs(high), 1.0)
    floor, ceiling = LIMITS.get(metric or "", (-np.inf, np.inf))
    ax.set_ylim(max(low - pad, floor), min(high + pad, ceiling))


def months_after(month, months: float) -> pd.Timestamp:
    """The date ``months`` (may be fractional) after ``month``, for placing a projection on a month axis."""
    return pd.Timestamp(month) + pd.Timedelta(days=float(months) * DAYS_PER_MONTH)


def _month_axis(ax, index) -> None:
    """Month names on the x axis (January with its year when the months span several years).

    The ticks are placed by hand on the first day of every 1, 2, 3, 4, 6 or 12 months (at most 7
    of them), which reads better than Matplotlib's date locator on a 30-month projection and is
    cheaper to redraw (each tick label is text to lay out).
    """
    from matplotlib.dates import date2num

    months = pd.DatetimeIndex(index)
    first, last = months.min().to_period("M"), months.max().to_period("M")
    span = (last - first).n + 1
    step = next((k for k in (2, 3, 4, 6, 12) if span / k <= 7), 12)
    ticks = pd.period_range(first, last, freq="M")
    ticks = [p for p in ticks if (p.month - 1) % step == 0] or [first]
    years = sorted({p.year for p in ticks} | set(months.year))
    labels = [f"{p:%b %Y}" if len(years) > 1 and p.month == 1 else f"{p:%b}" for p in ticks]
    ax.set_xticks([date2num(p.start_time) for p in ticks], labels)
    ax.set_xlabel(f"month ({years[0]})" if len(years) == 1 else f"month ({years[0]}–{years[-1]})")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))


def monthly_lines(trend, ax=None, *, metric: str | None = None, ylabel: str | None = None,
                  title: str | None = None):
    """One line per brand over the months: ``trend`` is a table month × brand (or one brand's column).

    ``metric`` (a key of ``TREND_LABELS``) sets the y label, or give ``ylabel`` itself.
    """
    frame = as_frame(trend)
    ax = new_ax(ax)
    for brand in frame.columns:
        ax.plot(frame.index, frame[brand].to_numpy(dtype="float64"), marker="o", ms=3, color=brand_color(brand),
                label=brand_name(brand))
    _month_axis(ax, frame.index)
    _thousands(ax, frame.to_numpy(dtype="float64").ravel())
    ax.set_ylabel(ylabel or TREND_LABELS.get(metric or "", metric or "value"))
    ax.legend(loc="best", frameon=False, fontsize="small")
    if title:
        ax.set_title(title)
    return ax


def trend_projection(trend, projections: dict, ax=None, *, metric: str | None = None, catch_up: dict | None = None,
                     ylabel: str | None = None, title: str | None = None):
    """The months fitted (solid lines), each brand's straight line carried forward (dashed) with its 95 % range
    (shaded), and, for each chaser, the catch-up range on the time axis (a band) and its central date.

    ``trend``: month × brand, the months fitted. ``projections``: brand → ``analytics.linear_trend(…)``.
    ``catch_up``: chaser → ``analytics.months_to_catch_up(…)`` (drawn only when it is "catching up"). The
    catch-up range is purple, a colour no brand uses.
    """
    frame = as_frame(trend)
    ax = new_ax(ax)
    shaded = False
    for brand in frame.columns:
        color = brand_color(brand)
        ax.plot(frame.index, frame[brand].to_numpy(dtype="float64"), marker="o", ms=3, color=color,
                label=brand_name(brand))
        line = projections.get(brand)
        if line is None:
            continue
        future = line[line["actual"].isna()]
        ax.plot(line.index, line["fitted"].to_numpy(), ls="--", lw=1.2, color=color)
        if len(future):
            floor, ceiling = LIMITS.get(metric or "", (-np.inf, np.inf))
            lower, upper = (np.clip(future[c].to_numpy(), floor, ceiling) for c in ("lower", "upper"))
            ax.fill_between(future.index, lower, upper, color=color, alpha=0.15, lw=0)
            shaded = True
    if shaded:  # one grey key for every brand's shaded range
        ax.fill_between([], [], [], color="#999999", alpha=0.3, lw=0, label="range of a dashed line (95 %)")
    last = frame.index.max()
    horizon_end = max([p.index.max() for p in projections.values() if p is not None] + [last])
    beyond = []
    for chaser, result in (catch_up or {}).items():
        if result is None or result["status"] != "catching up" or not np.isfinite(result["months"]):
            continue
        start = months_after(last, result["earliest"]) if np.isfinite(result["earliest"]) else None
        end = months_after(last, result["latest"]) if np.isfinite(result["latest"]) else None
        central = months_after(last, result["months"])
        if start is None or start > horizon_end:  # the whole range lies beyond the months projected
            beyond.append(chaser)
            continue
        import matplotlib.dates as mdates

        end = horizon_end if end is None or end > horizon_end else end  # cut at the chart's edge
        ax.axvspan(mdates.date2num(start), mdates.date2num(end), color=RANGE_COLOR, alpha=0.2, lw=0,
                   label="catch-up range (95 %)")
        if central <= horizon_end:
            ax.axvline(central, color=brand_color(chaser), ls=":", lw=1.5)
    if beyond:
        names = " and ".join(brand_name(b) for b in beyond)
        ax.text(0.99, 0.03, f"{names} would catch up beyond the chart (see the text above)",
                transform=ax.transAxes, ha="right", va="bottom", fontsize="small", color="#444444")
    _month_axis(ax, list(frame.index) + [p.index.max() for p in projections.values() if p is not None])
    shown = [frame.to_numpy(dtype="float64").ravel()] + [p["fitted"].to_numpy() for p in projections.values()
                                                          if p is not None]
    _y_range(ax, shown, metric)
    _thousands(ax, np.concatenate(shown))
    ax.set_ylabel(ylabel or TREND_LABELS.get(metric or "", metric or "value"))
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    ax.set_title(title or "The trend so far (solid) and carried forward as a straight line (dashed, 95 % range)")
    return ax
