"""The adoption explorer (module 10): technology, country, p, q, ceiling, horizon → a Bass curve against the
published figures, and the best fit on request.

Every published series and every best fit are computed once, when the dashboard opens, so a control change
only evaluates one formula on a few dozen years and redraws.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots
from socialkit.analytics.adoption import bass_curve, bass_peak
from socialkit.schema import TECHNOLOGIES
from socialkit.vocab import technology_name
from socialkit.widgets._base import Dashboard

# Where the sliders open: a curve that matches no published series, so the learner moves them.
START = {"p": 0.02, "q": 0.40, "ceiling": 80.0}
FIRST_YEAR_SHOWN = 1995
HORIZON = (2025, 2040)


class AdoptionDashboard(Dashboard):
    """Pick a published series; shape a Bass curve with p, q and the ceiling; tick to see the best fit."""

    keep_axes = True  # number axes: redraw on the same axes (faster)
    figsize = (9.0, 3.8)

    def __init__(self, atlas: "_AdoptionAtlas", technology: str, country: str):
        """Make the controls, lay them out and show the first view."""
        self.atlas = atlas
        self.technology = w.Dropdown(
            options=[(technology_name(t).capitalize(), t) for t in atlas.technologies], value=technology,
            description="Technology", style={"description_width": "initial"})
        self.country = w.Dropdown(options=atlas.countries, value=country, description="Country",
                                  style={"description_width": "initial"})
        slider = dict(continuous_update=False, style={"description_width": "initial"},
                      layout=w.Layout(width="32%"))
        self.p = w.FloatSlider(value=START["p"], min=0.001, max=0.2, step=0.001, readout_format=".3f",
                               description="p (innovation)", **slider)
        self.q = w.FloatSlider(value=START["q"], min=0.0, max=1.0, step=0.01, readout_format=".2f",
                               description="q (imitation)", **slider)
        self.ceiling = w.FloatSlider(value=START["ceiling"], min=10.0, max=100.0, step=1.0, readout_format=".0f",
                                     description="ceiling m (%)", **slider)
        self.horizon = w.IntSlider(value=2030, min=HORIZON[0], max=HORIZON[1], description="Show until",
                                   continuous_update=False, style={"description_width": "initial"})
        self.best_fit = w.Checkbox(value=False, description="Show the best fit", indent=False,
                                   layout=w.Layout(width="auto"))
        self.table = pd.DataFrame()
        self.fit = None  # the BassFit on show, or None
        controls = dict(technology=self.technology, country=self.country, p=self.p, q=self.q,
                        ceiling=self.ceiling, horizon=self.horizon, best_fit=self.best_fit)
        super().__init__(controls, [
            w.HBox([self.technology, self.country]),
            w.HBox([self.p, self.q, self.ceiling]),
            w.HBox([self.horizon, self.best_fit]),
        ])

    # --- what the dashboard shows

    def update(self) -> str:
        """Recompute the curve (and the fit) for the controls; return the line of text."""
        key = (self.technology.value, self.country.value)
        published = self.atlas.series.get(key)
        self.fit = None
        if published is None:
            self.table = pd.DataFrame()
            have = ", ".join(c for (t, c) in self.atlas.series if t == key[0])
            return (f"<b>No published figures for {html.escape(technology_name(key[0]))} in "
                    f"{html.escape(key[1])}</b> in the data. For this technology, choose: {html.escape(have)}.")
        self.published = published
        self.launch = int(published.index[0]) - 1
        self.years = np.arange(min(FIRST_YEAR_SHOWN, self.launch), self.horizon.value + 1, dtype="float64")
        yours = bass_curve(self.years, self.p.value, self.q.value, ceiling=self.ceiling.value,
                                     launch=self.launch)
        self.curve = pd.Series(yours, index=self.years)
        self.table = pd.DataFrame({"published_pct": published.astype("float64"),
                                   "your_curve_pct": pd.Series(yours, index=self.years.astype(int)).reindex(
                                       published.index)})
        at_data = self.table["your_curve_pct"].to_numpy()
        rmse = float(np.sqrt(np.mean((at_data - published.to_numpy()) ** 2)))
        parts = [self._data_line(key, published), self._curve_line(rmse)]
        if self.best_fit.value:
            fitted = self.atlas.fits[key]
            if isinstance(fitted, str):
                parts.append(f"<b>No best fit</b>: {html.escape(fitted)}")
            else:
                self.fit = fitted
                self.fit_curve = pd.Series(fitted.curve(self.years), index=self.years)
                self.table["best_fit_pct"] = self.fit_curve.set_axis(self.years.astype(int)).reindex(published.index)
                parts.append(self._fit_line(fitted))
        return "<br>".join(parts)

    def _data_line(self, key, published) -> str:
        """What was published: how many figures, from when to when, and by whom."""
        first, last = published.index[0], published.index[-1]
        return (f"<b>{html.escape(technology_name(key[0]).capitalize())} · {html.escape(key[1])}</b>: "
                f"{len(published)} published figures, {first}–{last} ({published.iloc[0]:.0f} % → "
                f"{published.iloc[-1]:.0f} % of people). Source: {html.escape(self.atlas.publishers[key])}.")

    def _curve_line(self, rmse: float) -> str:
        """The learner's curve in words: where it peaks, where it ends, how far from the figures."""
        p, q, m = self.p.value, self.q.value, self.ceiling.value
        if q > p:
            peak = self.launch + bass_peak(p, q)
            when = f"the most new users in one year come in {plots.year_in_words(peak)}"
        else:
            when = "with q no larger than p, new users are most numerous at the start and fewer every year after"
        end = float(self.curve.iloc[-1])
        return (f"<b>Your curve</b> (p = {p:.3f}, q = {q:.2f}, ceiling {m:.0f} %, starting in {self.launch}): "
                f"{when}; it reaches {end:.0f} % by {self.horizon.value}. Typical distance from the published "
                f"figures: {rmse:.1f} points.")

    @staticmethod
    def _fit_line(fit) -> str:
        """The best fit in words."""
        peak = "q is smaller than p: new users were most numerous at the start"
        if fit.peak_year is not None:
            year, month = plots.year_in_words(fit.peak_year).split(" ", 1)  # "2007.6", "(about August 2007)"
            peak = f"the most new users in one year came in <b>{year}</b> {month}"
        return (f"<b>Best fit</b>: p = {fit.p:.3f}, q = {fit.q:.3f}, ceiling {fit.ceiling:.1f} %; {peak}; typical "
                f"distance from the published figures: {fit.rmse:.1f} points.")

    def has_chart(self) -> bool:
        return not self.table.empty

    def title(self) -> str:
        """The chart's title: the series and what is drawn."""
        key = (self.technology.value, self.country.value)
        fit = " and the best fit" if self.fit is not None else ""
        return f"{technology_name(key[0]).capitalize()} · {key[1]}: published figures, your curve{fit}"

    def draw(self, ax) -> None:
        """Dots for the published figures, a line for the learner's curve, a dashed line for the best fit."""
        curves = {"your curve (sliders)": self.curve}
        peaks = {}
        if self.fit is not None:
            curves["best fit"] = self.fit_curve
            peaks["best fit"] = self.fit.peak_year
        plots.bass_vs_published(self.published, curves, ax=ax, title=self.title(), peaks=peaks,
                                years=(self.years[0], self.years[-1]))


class _AdoptionAtlas:
    """Every published series of the adoption table and its best fit (or why there is none), computed once."""

    def __init__(self, adoption: pd.DataFrame):
        """Read each (technology, country) series; fit the Bass model where it can be fitted."""
        missing = [c for c in ("year", "technology", "country", "pct_adults", "source") if c not in adoption.columns]
        if missing:
            raise KeyError(f"adoption_dashboard needs the adoption table (columns year, technology, country, "
                           f"pct_adults, source); this table lacks {', '.join(missing)}. Use data.load('adoption').")
        if adoption.empty:
            raise ValueError("adoption_dashboard got an empty adoption table: there is nothing to show.")
        pairs = adoption[["technology", "country"]].astype("object").drop_duplicates()
        present = set(pairs["technology"])
        self.technologies = [t for t in TECHNOLOGIES if t in present] + sorted(present - set(TECHNOLOGIES))
        counts = adoption["country"].astype("object").value_counts()
        self.countries = list(counts.index)  # the country with the most figures first
        self.series, self.fits, self.publishers = {}, {}, {}
        for technology, country in pairs.itertuples(index=False):
            key = (technology, country)
            self.series[key] = analytics.adoption_series(adoption, technology, country)
            self.publishers[key] = _publishers(analytics.adoption_sources(adoption, technology, country))
            try:
                self.fits[key] = analytics.fit_bass(adoption, technology, country)
            except analytics.NotFittable as reason:
                self.fits[key] = str(reason).split(": ", 1)[-1]


PUBLISHERS = ("Pew Research Center", "Insee", "CREDOC", "Eurostat")


def _publishers(sources: list[str]) -> str:
    """The organisations behind a series' figures, e.g. "Pew Research Center" (each row's source names them)."""
    names = [name for name in PUBLISHERS if any(name in source for source in sources)]
    return "; ".join(names) or "; ".join(sources)


def adoption_dashboard(adoption: pd.DataFrame, *, technology: str = "social_media",
                       country: str = "United States"):
    """The module-10 adoption explorer: technology, country, p, q, ceiling, horizon → Bass curve vs figures.

    The returned VBox has the controls as attributes (``technology``, ``country``, ``p``, ``q``,
    ``ceiling``, ``horizon``, ``best_fit``) and the data on show (``table``: the published figures
    and the curves at the survey years; ``fit``: the best fit when it is shown).
    """
    atlas = _AdoptionAtlas(adoption)
    if technology not in atlas.technologies:
        raise ValueError(f"Unknown technology {technology!r}; the data has {', '.join(atlas.technologies)}.")
    if country not in atlas.countries:
        raise ValueError(f"Unknown country {country!r}; the data has {', '.join(atlas.countries)}.")
    return AdoptionDashboard(atlas, technology, country)
