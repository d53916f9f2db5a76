"""The kit's chart style: brand colours, axes that read as months, and the small helpers every chart uses."""

from __future__ import annotations

import pandas as pd

from socialkit.vocab import BRAND_NAMES, BRANDS, GROUP_LABELS, LANGUAGE_NAMES, TOPIC_LABELS  # noqa: F401
from socialkit.vocab import brand_name, in_words  # noqa: F401  (re-exported: plots.in_words, plots.brand_name)

# Okabe & Ito (2008), "Color Universal Design": orange, blue, grey.
BRAND_COLORS = {"lumiere": "#E69F00", "grano": "#0072B2", "maison": "#7A7A7A"}
SENTIMENT_COLORS = {"positive": "#1A9850", "neutral": "#BDBDBD", "negative": "#D73027"}
ALERT_COLOR = "#CC0000"
# A rise and a fall told apart without red and green (about 8 % of men cannot tell those two apart):
# Okabe & Ito's blue and vermillion (an orange), the pair they give for "plus" and "minus".
CHANGE_COLORS = {"rise": "#0072B2", "fall": "#D55E00"}


def brand_color(brand: str, fallback: str = "#444444") -> str:
    """The brand's colour, the same in every chart of the kit."""
    return BRAND_COLORS.get(str(brand), fallback)


def new_ax(ax, figsize=(8, 3.5)):
    """Return ``ax`` itself, or the axes of a new pyplot figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def as_frame(data, name: str = "value") -> pd.DataFrame:
    """A Series becomes a one-column frame so every chart can loop over columns."""
    if isinstance(data, pd.Series):
        return data.to_frame(data.name if data.name is not None else name)
    if isinstance(data, pd.DataFrame):
        return data
    raise TypeError(
        f"Expected a pandas Series or DataFrame, got {type(data).__name__}. "
        "Pass the table computed by socialkit.analytics."
    )


def day_axis_label(days) -> str:
    """"day (2025)" when every day falls in one year, else just "day"."""
    years = pd.DatetimeIndex(days).year.unique()
    return f"day ({years[0]})" if len(years) == 1 else "day"


def month_name_axis(ax) -> None:
    """Date ticks read as month names ("Jan", "Feb" …, day numbers when zoomed in), never a bare "2025"."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(maxticks=10)
    # Matplotlib's concise format marks each new year with the year alone (January shows "2025");
    # managers read month names, so the year is in the axis label instead.
    formatter = mdates.ConciseDateFormatter(
        locator, formats=["%b", "%b", "%d", "%H:%M", "%H:%M", "%S.%f"],
        zero_formats=["", "%b", "%b", "%d %b", "%H:%M", "%H:%M"], show_offset=False)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)


def is_monthly(index) -> bool:
    """True when every label is the first day of a month (as ``freq="M"`` returns) or a monthly Period."""
    if isinstance(index, pd.PeriodIndex):
        return index.freqstr.startswith("M")
    if isinstance(index, pd.DatetimeIndex):
        return bool(len(index)) and bool((index.day == 1).all() and (index.normalize() == index).all())
    return False


def period_label(period) -> str:
    """Short label for a period on an axis: "Mar 2025" for a month, the text itself otherwise."""
    if isinstance(period, pd.Period):
        return period.strftime("%b %Y") if period.freqstr.startswith("M") else str(period)
    if isinstance(period, pd.Timestamp):
        return period.strftime("%b %Y")
    return str(period)
