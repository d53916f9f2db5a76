"""Adoption charts (module 10): published adoption curves, a Bass curve against the figures, the channel mix."""

from __future__ import annotations

import pandas as pd

from socialkit.plots._style import as_frame, new_ax
from socialkit.vocab import channel_name, technology_name

# Okabe & Ito (2008) colours, kept apart from the brands' orange, blue and grey.
TECHNOLOGY_COLORS = {"internet": "#009E73", "email": "#F0E442", "mobile_phone": "#56B4E9",
                     "smartphone": "#CC79A7", "social_media": "#D55E00"}
CHANNEL_COLORS = {"phone": "#0072B2", "email": "#CC79A7", "social": "#D55E00", "chat": "#009E73",
                  "in_person": "#7A7A7A"}


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def year_in_words(year: float) -> str:
    """A year with a decimal, as the Bass model gives it, and its month: "2007.6 (about August 2007)".

    The decimal is the part of the year gone by (0.5 is the end of June): month = ⌊decimal × 12⌋ + 1.
    """
    shown = round(float(year), 1)  # the month of the year as written, so 2012.99 is "2013.0 (about January 2013)"
    whole = int(shown // 1)
    return f"{shown:.1f} (about {MONTHS[min(11, int(round((shown - whole) * 120)) // 10)]} {whole})"


def adoption_curves(table, ax=None, *, title: str | None = None, source: str | None = None):
    """Published share of adults using each technology (one line per column), survey years on the x axis.

    ``table``: years (rows) × technologies (columns) in %, as ``analytics.adoption_table`` gives it;
    a blank cell (no survey that year) is skipped, so each line joins the published points only.
    """
    frame = as_frame(table, name="pct_adults")
    ax = new_ax(ax)
    for technology in frame.columns:
        points = frame[technology].dropna()
        ax.plot(points.index, points.to_numpy(), "o-", ms=4, lw=1.6,
                color=TECHNOLOGY_COLORS.get(str(technology), "#444444"), label=technology_name(technology))
    ax.set_ylim(0, 100)
    _whole_years(ax)
    ax.set_xlabel("survey year")
    ax.set_ylabel("% of people who use it")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower right", frameon=False)
    ax.set_title(title or "Share of people using each technology")
    if source:
        ax.annotate(f"Source: {source}", (0, 0), xycoords="figure fraction", xytext=(4, 2),
                    textcoords="offset points", fontsize=7, color="#555555")
    return ax


def bass_vs_published(published: pd.Series, curves: dict | None = None, ax=None, *, title: str | None = None,
                      peaks: dict | None = None, years=None):
    """Published figures (dots) against one or more Bass curves (lines), in % of adults.

    ``curves``: label → a Series of % indexed by year (the first solid, the next dashed);
    ``peaks``: label → the year the most people started, marked with a small triangle on that curve.
    """
    ax = new_ax(ax)
    styles = [dict(color="#333333", lw=1.8, ls="-"), dict(color="#D55E00", lw=2.0, ls="--"),
              dict(color="#0072B2", lw=1.5, ls=":")]
    for (label, curve), style in zip((curves or {}).items(), styles):
        ax.plot(curve.index, curve.to_numpy(), label=label, **style)
        peak = (peaks or {}).get(label)
        if peak is not None and curve.index.min() <= peak <= curve.index.max():
            level = float(pd.Series(curve.to_numpy(), index=curve.index.astype(float)).reindex(
                [float(peak)], method="nearest").iloc[0])
            ax.plot([peak], [level], marker="v", ms=9, color=style["color"], ls="none",
                    label=f"most new users: {peak:.1f}")
    ax.plot(published.index, published.to_numpy(), "o", ms=6, color="#000000", mfc="#FFFFFF", mew=1.6,
            label="published survey figures", zorder=5)
    ax.set_ylim(0, 100)
    if years is not None:
        ax.set_xlim(years[0], years[-1])
    _whole_years(ax)
    ax.set_xlabel("year")
    ax.set_ylabel("% of people who use it")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title(title or "Published figures and the Bass curve")
    return ax


def channel_mix(shares, ax=None, *, title: str | None = None):
    """Each contact channel's share of all customer contacts (%), one line per channel, per year.

    ``shares``: years (rows) × channels (columns), as ``analytics.channel_shares`` gives it.
    """
    frame = as_frame(shares, name="share")
    ax = new_ax(ax)
    for channel in frame.columns:
        ax.plot(frame.index, frame[channel].to_numpy(), "o-", ms=3.5, lw=2.2 if channel == "social" else 1.4,
                color=CHANNEL_COLORS.get(str(channel), "#444444"), label=channel_name(channel))
    ax.set_ylim(0, max(60.0, float(frame.max().max()) + 5))
    _whole_years(ax)
    ax.set_xlabel("year")
    ax.set_ylabel("% of customer contacts")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper right", frameon=False, ncols=2, fontsize=8)
    ax.set_title(title or "How customers contact Café Lumière: each channel's share of contacts")
    return ax


def _whole_years(ax) -> None:
    """Ticks on whole years (2010, 2015 …), never 2007.5."""
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
