"""Review charts (module 09): the star distribution, a page ranking by Bayesian average, answers to reviews."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import brand_color, brand_name, new_ax


def star_distribution(shares, ax=None, *, means=None, title: str | None = None):
    """Bars of the % of reviews at each star (1–5), side by side per brand: the J shape at a glance.

    ``shares``: a Series star → % (one brand) or a table brand × star, as ``analytics.star_distribution``
    returns. ``means`` (brand → mean stars) adds each brand's mean to its legend entry, so the
    reader sees how little the mean says about the shape.
    """
    frame = shares.to_frame("lumiere").T if isinstance(shares, pd.Series) else shares
    ax = new_ax(ax, figsize=(8, 3.8))
    stars = [int(s) for s in frame.columns]
    width = 0.8 / len(frame.index)
    for i, brand in enumerate(frame.index):
        offsets = [s - 0.4 + width * (i + 0.5) for s in stars]
        label = brand_name(brand)
        if means is not None and brand in means:
            label += f" (mean {means[brand]:.2f} stars)"
        ax.bar(offsets, frame.loc[brand].to_numpy(dtype="float64"), width=width, color=brand_color(brand),
               label=label)
    ax.set_xticks(stars, [f"{s} ★" for s in stars])
    ax.set_xlabel("stars given")
    ax.set_ylabel("share of the brand's reviews (%)")
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    ax.set_title(title or "How many stars reviewers give: few 2s, 3s and 4s, many 5s, some 1s")
    return ax


SITE_NAMES = {"google": "Google", "tripadvisor": "Tripadvisor", "yelp": "Yelp"}


def page_label(key) -> str:
    """A review page in words: ("lumiere", "Brussels", "yelp") → "Café Lumière · Brussels · Yelp"."""
    parts = key if isinstance(key, tuple) else (key,)
    return " · ".join(brand_name(p) if i == 0 else SITE_NAMES.get(p, str(p)) for i, p in enumerate(parts))


def bayesian_ranking(pages: pd.DataFrame, ax=None, *, title: str | None = None):
    """Each page's Bayesian average (coloured dot) against its plain mean (black dot), best on top, with its reviews.

    ``pages``: the table of ``analytics.bayesian_average`` (columns reviews, mean_stars,
    bayesian_average). Dots, not bars: the axis does not start at 0 stars, and a bar's length
    would exaggerate the differences. A long grey line between the two dots means few reviews: the
    plain mean was pulled towards the market's mean (the dashed line).
    """
    shown = pages.sort_values("bayesian_average", ascending=True)
    ax = new_ax(ax, figsize=(8, 0.32 * len(shown) + 1.4))
    labels = [f"{page_label(k)} ({n} reviews)" for k, n in zip(shown.index, shown["reviews"])]
    colors = [brand_color(k[0] if isinstance(k, tuple) else k) for k in shown.index]
    y = np.arange(len(shown))
    fair, plain = shown["bayesian_average"].to_numpy(), shown["mean_stars"].to_numpy()
    ax.hlines(y, np.minimum(fair, plain), np.maximum(fair, plain), color="#bbbbbb", lw=2)
    ax.scatter(fair, y, s=60, c=colors, zorder=3, label="Bayesian average")
    ax.plot(plain, y, "o", color="black", ms=4, zorder=4, label="plain mean")
    market = pages.attrs.get("market_mean")
    if market is not None:
        ax.axvline(market, color="grey", ls="--", lw=1, label=f"market's mean ({market:.2f})")
    ax.set_yticks(y, labels, fontsize="small")
    ax.set_ylim(-0.7, len(shown) - 0.3)
    low = float(min(plain.min(), fair.min()))
    ax.set_xlim(max(1.0, np.floor(low * 2) / 2 - 0.25), 5)
    ax.set_xlabel("stars (1–5)")
    ax.legend(loc="lower right", frameon=True, fontsize="small")
    ax.set_title(title or "Review pages ranked by Bayesian average (coloured dots); black dots: the plain mean")
    return ax


def review_response(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Bars of the % of reviews each brand answered, labelled with the median hours it took.

    ``table``: ``analytics.review_response(reviews)`` (rows brands; answered_pct, median_hours).
    """
    ax = new_ax(ax, figsize=(7, 3.2))
    brands = list(table.index)
    values = table["answered_pct"].to_numpy(dtype="float64")
    ax.bar([brand_name(b) for b in brands], values, color=[brand_color(b) for b in brands])
    for x, (value, hours) in enumerate(zip(values, table["median_hours"].to_numpy(dtype="float64"))):
        ax.annotate(f"{value:.0f} % answered\nin {hours:.0f} h (median)", (x, value), ha="center", va="bottom",
                    fontsize="small")
    ax.set_ylim(0, 115)
    ax.set_ylabel("reviews answered (%)")
    ax.set_xlabel("brand")
    ax.set_title(title or "Who answers its reviews, and how fast")
    return ax
