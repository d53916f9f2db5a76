"""The reviews dashboard: site and months → how many stars reviewers give, the mean, and how many got a reply.

Stars are counted once per (business, site, month) when the dashboard opens, so a control change
only sums a small array and redraws.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots, vocab
from socialkit.widgets._base import Dashboard

EVERY_SITE = "all"
STARS = (1, 2, 3, 4, 5)
YOURS = "your business"  # the one business of a learner's export that does not name it


class _StarCube:
    """Reviews per (business, site, month, stars) and replies per (business, site, month), counted once."""

    def __init__(self, reviews: pd.DataFrame):
        """Count the reviews; fail in one plain sentence when the table has no stars or times."""
        missing = [c for c in ("ts", "stars") if c not in reviews.columns]
        if missing:
            raise analytics.MissingColumn(f"reviews_dashboard needs the reviews table (columns ts, stars); this "
                                          f"table lacks {', '.join(missing)}. Use data.load(\"reviews\").")
        stars = pd.to_numeric(reviews["stars"], errors="coerce")
        rows = reviews[stars.isin(STARS).to_numpy() & reviews["ts"].notna().to_numpy()]
        if rows.empty:
            raise ValueError("reviews_dashboard got no review with stars (1 to 5) and a date: there is nothing to show.")
        business = (rows["business"].astype("object") if "business" in rows.columns
                    and rows["business"].notna().any() else pd.Series(YOURS, index=rows.index))
        site = (rows["platform"].astype("object") if "platform" in rows.columns
                else pd.Series("reviews", index=rows.index))
        self.businesses = [b for b in vocab.BRAND_NAMES if b in set(business)] + \
            sorted(set(business.dropna()) - set(vocab.BRAND_NAMES))
        self.sites = sorted(set(site.dropna()), key=str)
        times = pd.to_datetime(rows["ts"])
        month = (times.dt.year * 12 + times.dt.month - 1).to_numpy()
        self.months = [pd.Timestamp(year=m // 12, month=m % 12 + 1, day=1) for m in range(month.min(), month.max() + 1)]
        self.has_replies = "responded" in rows.columns and rows["responded"].notna().any()
        index = (pd.Categorical(business, categories=self.businesses).codes,
                 pd.Categorical(site, categories=self.sites).codes,
                 month - month.min(),
                 stars[rows.index].astype(int).to_numpy() - 1)
        keep = np.all([i >= 0 for i in index], axis=0)
        shape = (len(self.businesses), len(self.sites), len(self.months), len(STARS))
        flat = np.ravel_multi_index(tuple(i[keep] for i in index), shape)
        self.counts = np.bincount(flat, minlength=int(np.prod(shape))).reshape(shape)
        replied = rows["responded"].fillna(False).astype(bool).to_numpy() if self.has_replies else np.zeros(len(rows))
        self.replies = np.bincount(flat, weights=replied[keep], minlength=int(np.prod(shape))).reshape(shape).sum(axis=3)

    def view(self, *, site: str, first: int, last: int):
        """(shares %, counts, means, replied %) per business for one site (or all) and months first..last."""
        sites = slice(None) if site == EVERY_SITE else [self.sites.index(site)]
        counts = self.counts[:, sites, first:last + 1].sum(axis=(1, 2))  # business × stars
        replies = self.replies[:, sites, first:last + 1].sum(axis=(1, 2))
        totals = counts.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = 100 * counts / totals[:, None]
            means = (counts * np.array(STARS)).sum(axis=1) / totals
            replied = 100 * replies / totals
        index = pd.Index(self.businesses, name="business")
        return (pd.DataFrame(shares, index=index, columns=pd.Index(STARS, name="stars")),
                pd.Series(totals, index=index, name="reviews"), pd.Series(means, index=index, name="mean_stars"),
                pd.Series(replied, index=index, name="replied_pct"))


class ReviewsDashboard(Dashboard):
    """Site and months → the share of reviews at each star, per business, with the mean and the replies."""

    figsize = (9.0, 3.8)

    def __init__(self, cube: _StarCube):
        """Make the controls (every site, every month) and show the first view."""
        self.cube = cube
        self.site = w.Dropdown(options=[("every site", EVERY_SITE)] + [(_site_name(s), s) for s in cube.sites],
                               value=EVERY_SITE, description="Site")
        options = [(f"{m:%b %Y}", i) for i, m in enumerate(cube.months)]
        self.months = w.SelectionRangeSlider(options=options, index=(0, len(options) - 1), description="Months",
                                             continuous_update=False, layout=w.Layout(width="70%"))
        self.table = pd.DataFrame()
        self.reviews = pd.Series(dtype="int64")
        self.means = pd.Series(dtype="float64")
        self.replied = pd.Series(dtype="float64")
        super().__init__({"site": self.site, "months": self.months}, [self.site, self.months])

    def update(self) -> str:
        """Recompute the shares for the chosen site and months; return the line of text."""
        first, last = self.months.value
        shares, self.reviews, self.means, self.replied = self.cube.view(site=self.site.value, first=first, last=last)
        shown = self.reviews > 0
        self.table = shares[shown.to_numpy()]
        when = f"{self.cube.months[first]:%B %Y}" + (f"–{self.cube.months[last]:%B %Y}" if last > first else "")
        if self.table.empty:
            return f"<b>No review</b> on this site in {when}."
        parts = []
        for business in self.table.index:
            low = self.table.loc[business, [1, 2]].sum()
            count = self.reviews[business]
            part = (f"<b>{vocab.brand_name(business)}</b>: {count:,} review{'s' if count != 1 else ''}, mean "
                    f"<b>{self.means[business]:.2f} stars</b>, {low:.1f} % at 1 or 2 stars")
            if self.cube.has_replies:
                part += f", {self.replied[business]:.1f} % answered"
            parts.append(part)
        return f"{when}: " + "; ".join(parts) + (". The mean hides the shape: read the bars (few 2s, 3s and 4s is "
                                                  "the usual J shape; a block of 1s is an angry minority).")

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """Bars of the share of reviews at each star, one colour per business."""
        plots.star_distribution(self.table, ax=ax, means=self.means.to_dict(), title=self.title())

    def title(self) -> str:
        where = "every site" if self.site.value == EVERY_SITE else _site_name(self.site.value)
        return f"How many stars reviewers give ({where})"


def _site_name(site) -> str:
    return plots.SITE_NAMES.get(str(site), vocab.platform_name(site).capitalize())


def reviews_dashboard(reviews: pd.DataFrame):
    """Reviews: site and months → the share at each star per business, the mean and the share answered.

    The returned VBox has the controls (``site``, ``months``) and the data on show: ``table``
    (business × stars, % of its reviews), ``reviews`` (counts), ``means`` (mean stars) and
    ``replied`` (% of reviews with a reply, when the table says).
    """
    if not isinstance(reviews, pd.DataFrame):
        from socialkit.analytics._inputs import _need_table

        _need_table(reviews, "reviews_dashboard", "reviews")
    return ReviewsDashboard(_StarCube(reviews))
