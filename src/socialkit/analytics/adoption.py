"""Adoption (module 10): survey adoption curves, the Bass diffusion model and its fit, the channel mix.

The Bass model's formulas on plain numbers (``bass_share``, ``bass_peak``, ``bass_curve``) live here and are
not re-exported by ``socialkit.analytics``, whose public functions all take a table (``@metric``); they
refuse a wrong number in plain words themselves. The table functions are re-exported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import WrongInput, _require, metric
from socialkit.judging.words import describe

MIN_POINTS = 5  # the fit estimates three numbers (p, q, ceiling): it needs clearly more published points
MAX_FIRST_PCT = 30.0  # the model counts time from the launch: the series must start near the bottom of the curve
FIT_BOUNDS = ((1e-4, 0.0, 1.0), (1.0, 3.0, 100.0))  # p, q, ceiling (% of adults)
BASS_SOURCE = ("Bass, F. M. (1969), \"A New Product Growth for Model Consumer Durables\", Management Science "
               "15(5), 215–227")


class NotFittable(ValueError):
    """A series the Bass model cannot be fitted to (too few points, or it starts high on the curve).

    Shown in Jupyter as one plain sentence, not a traceback.
    """

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error."""
        return [f"NotFittable: {self}"]


def _number(value, name: str, function: str, *, low: float | None = None, low_open: bool = False):
    """``value`` as a float or an array of floats; a plain WrongInput when it is not a number (or too small)."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes, dict, type(None), type(...))):
        raise WrongInput(f"{function}() needs a number for {name}, not {describe(value)}.")
    try:
        number = np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        raise WrongInput(f"{function}() needs a number for {name}, not {describe(value)}.") from None
    if np.isnan(number).any():
        raise WrongInput(f"{function}() needs a number for {name}; it got an empty value (NaN).")
    if low is not None and ((number <= low).any() if low_open else (number < low).any()):
        bound = f"above {low:g}" if low_open else f"{low:g} or more"
        raise WrongInput(f"{function}() needs {name} {bound}; it got {describe(value)}.")
    return number


def bass_share(t, p, q):
    """Share of the eventual adopters who have adopted ``t`` years after launch (0 to 1), Bass (1969).

    F(t) = (1 − e^−(p+q)t) / (1 + (q/p)·e^−(p+q)t), F = 0 before launch (t ≤ 0). ``p`` is the
    coefficient of innovation (people who start on their own: advertising, the press) and ``q``
    the coefficient of imitation (people who start because others around them already have).
    A number gives a number; a list, an array or a column gives an array (a column keeps its labels).
    Source: Bass, F. M. (1969), "A New Product Growth for Model Consumer Durables", Management
    Science 15(5), 215–227.
    """
    years = _number(t, "t (years since launch)", "bass_share")
    p = float(_number(p, "p (innovation)", "bass_share", low=0.0, low_open=True))
    q = float(_number(q, "q (imitation)", "bass_share", low=0.0))
    decay = np.exp(-(p + q) * np.clip(years, 0.0, None))
    share = (1.0 - decay) / (1.0 + (q / p) * decay)
    if isinstance(t, pd.Series):
        return pd.Series(share, index=t.index, name="share_of_adopters")
    return float(share) if share.ndim == 0 else share


def bass_peak(p, q) -> float:
    """Years after launch when the most people start in one year: t* = ln(q/p) / (p+q), Bass (1969).

    Negative when q ≤ p: new adopters are most numerous at the launch itself and fewer every year
    after (the curve has no S). Source: Bass (1969), as ``bass_share``; the peak is where
    the derivative of F, the yearly share of new adopters, is highest.
    """
    p = float(_number(p, "p (innovation)", "bass_peak", low=0.0, low_open=True))
    q = float(_number(q, "q (imitation)", "bass_peak", low=0.0, low_open=True))
    return math.log(q / p) / (p + q)


def bass_curve(years, p, q, *, ceiling: float = 100.0, launch: float) -> np.ndarray:
    """Percentage of adults using a technology each year: ceiling × F(year − launch), Bass (1969).

    ``ceiling`` is the market potential m (the share of adults who will use it in the end, 0–100);
    ``launch`` the year the curve starts from (F = 0 then). Source: as ``bass_share``.
    """
    ceiling = float(_number(ceiling, "the ceiling (a percentage)", "bass_curve", low=0.0))
    launch = float(_number(launch, "the launch year", "bass_curve"))
    years = _number(years, "the years", "bass_curve")
    return ceiling * bass_share(years - launch, p, q)


# --------------------------------------------------------------------------- the published figures


def _known(adoption: pd.DataFrame, column: str) -> list[str]:
    """The values of a column of ``adoption``, for a message."""
    return sorted(map(str, adoption[column].astype("object").dropna().unique()))


@metric("adoption")
def adoption_series(adoption: pd.DataFrame, technology: str, country: str) -> pd.Series:
    """The published share of adults (%) using a technology in a country, one value per survey year.

    The rows of ``adoption`` for that technology and country, as a column indexed by ``year``;
    each figure comes from the publication named in its ``source`` (Pew Research Center, Insee,
    CREDOC, Eurostat …): see ``adoption_sources``. Years without a survey are simply absent.
    """
    _require(adoption, "year", "technology", "country", "pct_adults", where="adoption_series")
    if technology not in _known(adoption, "technology"):
        raise ValueError(f"There is no technology {technology!r} in the adoption table; it has "
                         f"{', '.join(_known(adoption, 'technology'))}.")
    rows = adoption[(adoption["technology"] == technology) & (adoption["country"] == country)]
    if rows.empty:
        have = _known(adoption[adoption["technology"] == technology], "country")
        raise ValueError(f"The adoption table has no figure for {technology} in {country!r}; for {technology} "
                         f"it has {', '.join(have)}.")
    series = rows.set_index(rows["year"].astype("int64"))["pct_adults"].astype("float64").sort_index()
    series.index.name = "year"
    return series.rename("pct_adults")


@metric("adoption")
def adoption_sources(adoption: pd.DataFrame, technology: str, country: str) -> list[str]:
    """The publications behind one series (each distinct ``source``, in year order)."""
    _require(adoption, "technology", "country", "source", where="adoption_sources")
    rows = adoption[(adoption["technology"] == technology) & (adoption["country"] == country)].sort_values("year")
    return list(dict.fromkeys(rows["source"].astype(str)))


@metric("adoption")
def adoption_table(adoption: pd.DataFrame, country: str) -> pd.DataFrame:
    """One country's published figures as a table: survey years (rows) × technologies (columns), in %.

    A blank cell is a year without a published figure for that technology (nothing is filled in).
    """
    _require(adoption, "year", "technology", "country", "pct_adults", where="adoption_table")
    rows = adoption[adoption["country"] == country]
    if rows.empty:
        raise ValueError(f"The adoption table has no figure for {country!r}; it has "
                         f"{', '.join(_known(adoption, 'country'))}.")
    table = rows.pivot_table(index="year", columns="technology", values="pct_adults", aggfunc="first",
                             observed=True)
    table.index = table.index.astype("int64")
    table.columns = pd.Index([str(c) for c in table.columns], name="technology")
    return table


# --------------------------------------------------------------------------- fitting the Bass model


@dataclass(frozen=True)
class BassFit:
    """A Bass curve fitted to one published series: p, q, the ceiling m (%), the launch year, how well it fits."""

    technology: str
    country: str
    p: float
    q: float
    ceiling: float
    launch: int
    rmse: float  # root-mean-square distance between the curve and the published figures, in points
    points: int

    @property
    def peak_year(self) -> float | None:
        """launch + t*, the year the most people started; None when q ≤ p (no S: most at the launch)."""
        return self.launch + bass_peak(self.p, self.q) if self.q > self.p else None

    def curve(self, years) -> np.ndarray:
        """The fitted curve, % of adults, for the given years."""
        return bass_curve(years, self.p, self.q, ceiling=self.ceiling, launch=self.launch)


def _fit_problem(series: pd.Series) -> str | None:
    """None when the Bass model can be fitted to this published series, else the plain reason why not."""
    if len(series) < MIN_POINTS:
        return (f"it has only {len(series)} published figure(s); a fit of three numbers (p, q and the ceiling) "
                f"needs at least {MIN_POINTS}.")
    first = float(series.iloc[0])
    if first >= MAX_FIRST_PCT:
        return (f"it starts in {series.index[0]} when {first:.0f} % of adults already used it; the model counts "
                f"time from the launch, so it needs the start of the curve (a first figure under "
                f"{MAX_FIRST_PCT:.0f} %).")
    return None


@metric("adoption")
def why_no_fit(adoption: pd.DataFrame, technology: str, country: str) -> str | None:
    """Why the Bass model is not fitted to one published series, in plain words; None when it can be fitted.

    Refused: fewer than 5 published figures (the fit estimates three numbers), or a first figure of 30 %
    or more (time counts from the launch, so the start of the S must be in the data). See ``fit_bass``.
    """
    return _fit_problem(adoption_series(adoption, technology, country))


@metric("adoption")
def fit_bass(adoption: pd.DataFrame, technology: str, country: str, *, launch: int | None = None) -> BassFit:
    """The Bass curve closest to one published series: p, q and the ceiling m by least squares.

    pct(year) = m × F(year − launch) with F as in ``bass_share``; ``launch`` defaults to the year
    before the first published figure (the curve starts from zero then). p, q and m minimise the
    sum of squared distances to the published figures — SciPy's ``curve_fit`` (trust-region
    reflective least squares, bounds 0 < p ≤ 1, 0 ≤ q ≤ 3, 1 ≤ m ≤ 100), started from a few
    points so that it does not stop at a poor local fit. Refuses (``NotFittable``, in words) a
    series with fewer than 5 figures, or whose first figure is already 30 % or more. Sources:
    Bass (1969), see ``bass_share``; estimating p, q, m by nonlinear least squares: Srinivasan,
    V. & Mason, C. H. (1986), "Nonlinear Least Squares Estimation of New Product Diffusion
    Models", Marketing Science 5(2), 169–178.
    """
    series = adoption_series(adoption, technology, country)
    why_not = _fit_problem(series)
    if why_not:
        raise NotFittable(f"The Bass model cannot be fitted to {technology} in {country}: {why_not}")
    start = int(series.index[0]) - 1 if launch is None else int(launch)
    p, q, ceiling, rmse = _least_squares(series.index.to_numpy(dtype="float64") - start,
                                         series.to_numpy(dtype="float64"))
    return BassFit(technology, country, p, q, ceiling, start, rmse, len(series))


def _least_squares(t: np.ndarray, pct: np.ndarray) -> tuple[float, float, float, float]:
    """(p, q, m, rmse) minimising Σ (m·F(t) − pct)², from the best of a few starting points."""
    import warnings

    from scipy.optimize import OptimizeWarning, curve_fit

    def model(t, p, q, m):
        decay = np.exp(-(p + q) * t)
        return m * (1.0 - decay) / (1.0 + (q / p) * decay)

    best = None
    for p0 in (0.01, 0.05):
        for q0 in (0.1, 0.5):
            start = (p0, q0, min(100.0, max(1.5, 1.1 * float(pct.max()))))
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", OptimizeWarning)
                    params, _ = curve_fit(model, t, pct, p0=start, bounds=FIT_BOUNDS, method="trf", maxfev=20_000)
            except RuntimeError:  # this start did not converge; the others may
                continue
            sse = float(np.sum((model(t, *params) - pct) ** 2))
            if best is None or sse < best[0] - 1e-9:
                best = (sse, params)
    if best is None:
        raise NotFittable("The least-squares fit did not converge from any starting point.")
    sse, (p, q, m) = best
    return float(p), float(q), float(m), math.sqrt(sse / len(t))


# --------------------------------------------------------------------------- Café Lumière's contact channels


@metric("channel_mix")
def channel_shares(channel_mix: pd.DataFrame, *, freq: str = "Y") -> pd.DataFrame:
    """Each channel's share of all customer contacts, in %, per year (``freq="Y"``) or month (``"M"``).

    share = contacts through the channel in the period ÷ all contacts in the period × 100; each
    row sums to 100. Years are labelled by their number (2025), months by their first day. Source:
    the "channel mix" of customer-service reporting (e.g. Gartner's customer-service channel
    surveys); here a share of contacts, not of cost.
    """
    _require(channel_mix, "month", "channel", "contacts", where="channel_shares")
    counts = channel_contacts(channel_mix, freq=freq)
    return 100 * counts.div(counts.sum(axis=1), axis=0)


@metric("channel_mix")
def channel_contacts(channel_mix: pd.DataFrame, *, freq: str = "Y") -> pd.DataFrame:
    """Customer contacts per year (``freq="Y"``) or month (``"M"``) and channel: the sums behind ``channel_shares``."""
    _require(channel_mix, "month", "channel", "contacts", where="channel_contacts")
    if freq not in ("Y", "M"):
        raise ValueError(f"freq must be \"Y\" (per year) or \"M\" (per month); got {freq!r}.")
    month = pd.to_datetime(channel_mix["month"])
    period = month.dt.year.rename("year") if freq == "Y" else month.rename("month")
    table = channel_mix.groupby([period, channel_mix["channel"].astype("object")])["contacts"].sum().unstack()
    from socialkit.schema import CHANNELS

    order = [c for c in CHANNELS if c in table.columns] + sorted(set(table.columns) - set(CHANNELS))
    table = table.reindex(columns=order).fillna(0).astype("int64")
    table.columns.name = "channel"
    return table
