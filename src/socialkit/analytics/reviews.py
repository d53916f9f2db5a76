"""Online reviews (module 09): star distribution, Bayesian average, volume, rating, response, complaint themes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _require, metric, period_start

STARS = (1, 2, 3, 4, 5)
PAGE = ("business", "city", "platform")  # one review page: a brand's café on one review site
# Words that name a complaint, in English and French (lower case); a review may name several themes.
COMPLAINT_THEMES = {
    "waiting": ("wait", "queue", "attente", "minutes"),
    "cold or burnt coffee": ("cold", "burnt", "lukewarm", "froid", "brûlé", "tiède"),
    "staff": ("rude", "staff", "désagréable", "personnel"),
    "price": ("overpriced", "price", "trop cher", "prix"),
    "cleanliness": ("dirty", "sales"),
    "the April post": ("post", "boycott"),
}


def _group_keys(reviews: pd.DataFrame, by, freq: str | None, where: str) -> list[pd.Series]:
    """The grouping keys: a time bucket (``freq``) and the columns named in ``by``."""
    keys = []
    if freq is not None:
        _require(reviews, "ts", where=f"{where}(freq=...)")
        keys.append(period_start(reviews["ts"], freq).rename("period"))
    for col in [] if by is None else ([by] if isinstance(by, str) else list(by)):
        _require(reviews, col, where=f"{where}(by=...)")
        keys.append(reviews[col])
    return keys


def _plain_labels(table):
    """Row (and column) labels as plain text, in the order found (category labels make
    ``.loc[["lumiere"]]`` unreliable on a table with several levels of labels)."""
    table.index = _plain_index(table.index)
    if isinstance(table, pd.DataFrame):
        table.columns = _plain_index(table.columns)
    return table


def _plain_index(index: pd.Index) -> pd.Index:
    """The same labels, none of them a category."""
    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(map(_plain, key)) for key in index], names=index.names)
    if isinstance(index, pd.CategoricalIndex):
        return pd.Index([_plain(key) for key in index], name=index.name)
    return index


def _plain(label):
    """A category label as a plain Python value (text stays text, a period stays a timestamp)."""
    return label.item() if isinstance(label, np.generic) else label


@metric("reviews")
def star_distribution(reviews: pd.DataFrame, *, by=None) -> pd.Series | pd.DataFrame:
    """Share of reviews giving each number of stars, in % (1 to 5 stars; each row sums to 100).

    Overall: a Series star → %; with ``by`` (e.g. "business"): one row per group, one column per
    star. Online ratings are usually J-shaped — many 5s, some 1s, few 2s, 3s and 4s — so the
    mean sits where few reviews are and hides the angry minority: read the shape, not only the
    mean. Source: Hu, Pavlou & Zhang, "Overcoming the J-shaped distribution of product reviews",
    Communications of the ACM 52(10), 2009, pp. 144–147.
    """
    _require(reviews, "stars", where="star_distribution")
    stars = reviews["stars"].astype("int64")
    if by is None:
        counts = stars.value_counts().reindex(STARS, fill_value=0)
        total = counts.sum()
        share = 100 * counts / total if total else counts.astype("float64") * np.nan
        share.index.name = "stars"
        return share.rename("share_pct")
    table = pd.crosstab(_group_keys(reviews, by, None, "star_distribution"), stars)
    table = table.reindex(columns=list(STARS), fill_value=0)
    table.columns = pd.Index(list(STARS), name="stars")
    return _plain_labels(100 * table.div(table.sum(axis=1), axis=0))


@metric("reviews")
def bayesian_average(reviews: pd.DataFrame, *, by=PAGE, m: float = 20, prior: float | None = None) -> pd.DataFrame:
    """Each group's rating pulled towards the market's mean by as many "typical" reviews as ``m``.

    WR = v/(v+m) × R + m/(v+m) × C, where R is the group's mean stars, v its number of reviews, C
    the mean stars of ALL the reviews given (or ``prior``) and m the weight of C, counted in
    reviews: a group with v = m reviews is half its own mean, half the market's. A handful of
    reviews barely moves a group away from C; hundreds leave it near its own mean. Groups (``by``,
    default a review page: business, city, platform) are listed brand by brand, then alphabetically.
    Returns columns reviews (v), mean_stars (R), own_weight_pct (100·v/(v+m)) and
    bayesian_average (WR). Source: the "true Bayesian estimate" of IMDb's Top 250 chart,
    WR = (v ÷ (v+m)) × R + (m ÷ (v+m)) × C, published in IMDb's help pages (quoted in 2007 with
    m = 1,300 votes and C = 6.7); it is the mean of a posterior whose prior is m pseudo-reviews at C.
    """
    if isinstance(m, bool) or not isinstance(m, (int, float, np.integer, np.floating)) or not m >= 0:
        raise ValueError(f"m must be a number of reviews, 0 or more (e.g. m=20); got {m!r}.")
    _require(reviews, "stars", where="bayesian_average")
    stars = reviews["stars"].astype("float64")
    market = float(stars.mean()) if prior is None else float(prior)
    grouped = stars.groupby(_group_keys(reviews, by, None, "bayesian_average"), observed=True)
    out = pd.DataFrame({"reviews": grouped.size().astype("int64"), "mean_stars": grouped.mean()})
    v = out["reviews"].astype("float64")
    out["own_weight_pct"] = 100 * v / (v + m) if m else 100.0
    out["bayesian_average"] = (v * out["mean_stars"] + m * market) / (v + m)
    out.attrs.update(m=m, market_mean=market)
    return _plain_labels(out)


@metric("reviews")
def review_volume(reviews: pd.DataFrame, *, freq: str = "M", by="business") -> pd.DataFrame | pd.Series:
    """Reviews per period (``freq`` "D", "W" or "M"), one column per ``by`` group (a Series when ``by=None``).

    The more recent reviews a page has, the more a reader finds there and the more its average
    means (see ``bayesian_average``). Source: the "review volume" of review-management tools (e.g.
    BrightLocal and ReviewTrackers documentation).
    """
    counts = pd.Series(1, index=reviews.index).groupby(
        _group_keys(reviews, by, freq, "review_volume"), observed=True).sum()
    if by is None:
        return _plain_labels(counts.rename("reviews"))
    return _plain_labels(counts.unstack(fill_value=0).astype("int64"))


@metric("reviews")
def average_rating(reviews: pd.DataFrame, *, freq: str | None = "M", by="business") -> pd.DataFrame | pd.Series:
    """Mean stars (1–5) per period and ``by`` group: the plain mean review sites show next to a page.

    Read it with the star distribution: the mean of a J-shaped distribution hides how many
    reviews are 1-star. Source: the "average rating" of Google, Tripadvisor and Yelp pages.
    """
    _require(reviews, "stars", where="average_rating")
    keys = _group_keys(reviews, by, freq, "average_rating")
    stars = reviews["stars"].astype("float64")
    if not keys:
        return float(stars.mean()) if len(stars) else float("nan")
    means = stars.groupby(keys, observed=True).mean().rename("average_stars")
    return _plain_labels(means.unstack() if freq is not None and by is not None else means)


@metric("reviews")
def review_response(reviews: pd.DataFrame, *, by="business", freq: str | None = None) -> pd.DataFrame:
    """How the business answers its reviews: reviews, answered_pct and median_hours per ``by`` group.

    answered_pct = reviews with an answer / reviews × 100 (the response rate); median_hours = the
    median time from the review to the answer, over answered reviews only (a median, since a few
    answers come weeks later). ``by=None`` gives one row ("all"). Source: response rate and
    response time as review-management tools report them (e.g. ReviewTrackers, "Online Reviews
    Survey"; BrightLocal "Local Consumer Review Survey").
    """
    _require(reviews, "responded", "response_at", "ts", where="review_response")
    answered = reviews["responded"].astype(bool)
    hours = (pd.to_datetime(reviews["response_at"]) - pd.to_datetime(reviews["ts"])).dt.total_seconds() / 3600
    frame = pd.DataFrame({"answered": answered.astype("float64") * 100, "hours": hours.where(answered)})
    keys = _group_keys(reviews, by, freq, "review_response")
    if not keys:
        keys = [pd.Series("all", index=reviews.index, name="group")]
    grouped = frame.groupby(keys, observed=True)
    return _plain_labels(pd.DataFrame({"reviews": grouped.size().astype("int64"),
                                       "answered_pct": grouped["answered"].mean(),
                                       "median_hours": grouped["hours"].median()}))


@metric("reviews")
def complaint_themes(reviews: pd.DataFrame, *, by=None) -> pd.Series | pd.DataFrame:
    """Share of the reviews given (in %) that name each complaint theme, by keywords in English and French.

    A review counts once per theme it names (waiting, cold or burnt coffee, staff, price,
    cleanliness, the April post), so shares can add up to more than 100. Give it the 1- and
    2-star reviews to read what unhappy customers complain about. The keyword lists are in
    ``COMPLAINT_THEMES``. Source: keyword-based theme tagging, as in review-management tools'
    "topics" (e.g. ReviewTrackers, Birdeye); a person should read a sample to check the words.
    """
    _require(reviews, "text", where="complaint_themes")
    text = reviews["text"].astype("string").str.lower().fillna("")
    flags = pd.DataFrame({theme: text.str.contains("|".join(words), regex=True).astype("float64") * 100
                          for theme, words in COMPLAINT_THEMES.items()}, index=reviews.index)
    if by is None:
        return flags.mean().rename("share_pct") if len(flags) else flags.mean() * np.nan
    return _plain_labels(flags.groupby(_group_keys(reviews, by, None, "complaint_themes"), observed=True).mean())
