"""The competitor benchmark (module 09): brands, metric, platform, period → monthly lines and a projection.

Every (metric, platform) table is computed once, the first time it is shown, so a control change
only slices twelve months, fits a straight line per brand and redraws.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots
from socialkit.vocab import BRANDS, PLATFORM_NAMES, brand_name
from socialkit.widgets._base import Dashboard

ALL_PLATFORMS = "all"
US = "lumiere"  # the brand every other brand is compared with
# (label, code, source table): social-media metrics come from competitor_metrics, the others from reviews
BENCHMARK_METRICS = (
    ("Followers", "followers", "social"),
    ("Follower growth (% a month)", "follower_growth_pct", "social"),
    ("Engagement rate per post (%)", "engagement_rate_pct", "social"),
    ("Posts a month", "posts", "social"),
    ("Questions answered on social media (%)", "response_rate_pct", "social"),
    ("Average rating (stars)", "average_stars", "reviews"),
    ("Reviews a month", "reviews", "reviews"),
    ("Reviews answered (%)", "answered_pct", "reviews"),
)
SOURCE = {code: source for _, code, source in BENCHMARK_METRICS}
LABEL = {code: label for label, code, _ in BENCHMARK_METRICS}


def _months_text(months: float) -> str:
    """A number of months as a manager reads it: "12.4 months", or "9 years" beyond 3 years."""
    if months >= 36:
        return f"{months / 12:.0f} years"
    return f"{months:.1f} months"


class CompetitorDashboard(Dashboard):
    """The competitor benchmark: tick brands, pick a metric, a platform and the months to fit → lines and projection.

    The projection is a straight line fitted on the months chosen (ordinary least squares) with
    its 95 % prediction range; the line of text says, for each competitor ticked, when it would
    reach Café Lumière if both trends held, and how wide the range is.
    """

    def __init__(self, data: "_BenchmarkData", brands=(US, "grano")):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.data = data
        self.brand_boxes = {
            b: w.Checkbox(value=b in brands, description=brand_name(b), indent=False, layout=w.Layout(width="auto"))
            for b in data.brands
        }
        shown = [(label, code) for label, code, source in BENCHMARK_METRICS
                 if source == "social" or data.reviews is not None]
        self.metric = w.Dropdown(options=shown, value="followers",
                                 description="Metric", style={"description_width": "initial"},
                                 layout=w.Layout(width="360px"))
        self.platform = w.Dropdown(options=[("all platforms", ALL_PLATFORMS)] +
                                   [(PLATFORM_NAMES[p], p) for p in data.platforms],
                                   value=ALL_PLATFORMS, description="Platform", style={"description_width": "initial"})
        month_options = [(f"{m:%b %Y}", m) for m in data.months]
        self.period = w.SelectionRangeSlider(options=month_options, index=(0, len(month_options) - 1),
                                             description="Months fitted", continuous_update=False,
                                             style={"description_width": "initial"}, layout=w.Layout(width="95%"))
        self.project = w.Checkbox(value=True, description="Project the trend", indent=False,
                                  layout=w.Layout(width="auto", margin="0 32px 0 0"))  # apart from "Months ahead"
        self.horizon = w.IntSlider(value=18, min=3, max=36, step=1, description="Months ahead",
                                   continuous_update=False, style={"description_width": "initial"})
        self.table = pd.DataFrame()
        self.projections: dict[str, pd.DataFrame] = {}
        self.catch_up: dict[str, pd.Series] = {}
        controls = {f"brand_{b}": box for b, box in self.brand_boxes.items()}
        controls.update(metric=self.metric, platform=self.platform, period=self.period, project=self.project,
                        horizon=self.horizon)
        super().__init__(controls, [
            w.HBox([w.Label("Brands"), *self.brand_boxes.values()]),
            w.HBox([self.metric, self.platform]),
            self.period,
            w.HBox([self.project, self.horizon]),
        ])

    @property
    def selected_brands(self) -> list[str]:
        """The brands whose box is ticked, in the kit's usual order."""
        return [b for b, box in self.brand_boxes.items() if box.value]

    def update(self) -> str:
        """Slice the months, fit the lines and the catch-up dates; return the line under the controls."""
        metric = self.metric.value
        on_reviews = SOURCE[metric] == "reviews"
        self.platform.disabled = on_reviews
        self.horizon.disabled = not self.project.value
        platform = None if on_reviews or self.platform.value == ALL_PLATFORMS else self.platform.value
        start, end = self.period.value
        full = self.data.trend(metric, platform)
        present = [b for b in self.selected_brands if b in full.columns]
        self.absent = [b for b in self.selected_brands if b not in full.columns]
        self.table = full.loc[start:end, present]
        self.projections, self.catch_up, self.problem = {}, {}, ""
        if self.project.value and not self.table.empty:
            try:
                for brand in present:
                    self.projections[brand] = analytics.linear_trend(full, brand, start=start, end=end,
                                                                     horizon=self.horizon.value)
                if US in present:
                    for brand in present:
                        if brand != US:
                            self.catch_up[brand] = analytics.months_to_catch_up(full, chaser=brand, leader=US,
                                                                                start=start, end=end)
            except ValueError as error:  # fewer than 3 months: no line can be fitted
                self.projections, self.catch_up, self.problem = {}, {}, str(error)
        return self._summary_html()

    def _summary_html(self) -> str:
        """The sentences under the controls: who catches up with Café Lumière, when, and how sure."""
        if not self.selected_brands:
            return "<b>Tick at least one brand</b> to see its line."
        where = "" if self.platform.disabled or self.platform.value == ALL_PLATFORMS else \
            f" on {PLATFORM_NAMES[self.platform.value]}"
        missing = "".join(f" {brand_name(b)} is not on {PLATFORM_NAMES.get(self.platform.value, '')}." for b in
                          self.absent)
        if self.table.empty:
            return f"<b>Nothing to show</b>{where}.{missing}"
        if not self.project.value:
            return f"Tick <b>Project the trend</b> to see where the lines are heading.{missing}"
        if self.problem:
            return f"<b>No projection:</b> {self.problem}{missing}"
        if US not in self.table.columns:
            return f"Tick <b>Café Lumière</b> to see when the others would reach it.{missing}"
        start, end = self.period.value
        fitted = f"the straight line of {start:%b %Y}–{end:%b %Y}"
        sentences = [self._sentence(b, r, where) for b, r in self.catch_up.items()]
        if not sentences:
            return f"Tick a competitor as well to see when it would reach Café Lumière.{missing}"
        return (" ".join(sentences) + f" <i>Projection: {fitted}, carried forward; the range allows for the "
                f"month-to-month wobble of those months, not for a change of trend.</i>{missing}")

    def _sentence(self, brand: str, result: pd.Series, where: str) -> str:
        """One competitor's position against Café Lumière, in words."""
        name, label = brand_name(brand), LABEL[self.metric.value].split(" (")[0].lower()
        if result["status"] == "already ahead":
            return f"<b>{name} is already ahead</b> of Café Lumière{where} ({label})."
        if result["status"] == "not catching up":
            return f"<b>{name} is not catching up</b> with Café Lumière{where} ({label}): the gap does not shrink."
        months = result["months"]
        when = f", around {result['catch_up_month']:%B %Y}" if pd.notna(result["catch_up_month"]) else ""
        earliest, latest = result["earliest"], result["latest"]
        if np.isfinite(earliest) and np.isfinite(latest):
            span = f"between {earliest:.1f} and {latest:.1f} months"
            if latest >= 36:  # years are what a manager reads at that distance
                span += f" ({earliest / 12:.1f} to {latest / 12:.1f} years)"
        elif np.isfinite(earliest):
            span = f"not before {earliest:.1f} months, with no latest date"
        else:
            span = "no range can be given"
        return (f"<b>{name} would reach Café Lumière</b>{where} ({label}) in about <b>{_months_text(months)}</b>"
                f"{when} (95 % range: {span} after {self.period.value[1]:%B %Y}).")

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """The months fitted, and the projection when it is ticked."""
        metric = self.metric.value
        if self.projections:
            plots.trend_projection(self.table, self.projections, ax=ax, metric=metric, catch_up=self.catch_up,
                                   title=self.title())
        else:
            plots.monthly_lines(self.table, ax=ax, metric=metric, title=self.title())

    def title(self) -> str:
        """The chart's title: the metric and where."""
        where = "" if self.platform.disabled or self.platform.value == ALL_PLATFORMS else \
            f", {PLATFORM_NAMES[self.platform.value]}"
        return f"{LABEL[self.metric.value]}{where}" + ("; dashed: straight-line trend" if self.projections else "")


class _BenchmarkData:
    """Every monthly table the benchmark can show, computed once on first use (month × brand)."""

    def __init__(self, competitor_metrics: pd.DataFrame, reviews: pd.DataFrame | None):
        """Check the tables; note the months, brands and platforms they hold."""
        missing = [c for c in ("month", "brand", "platform", "followers", "posts", "engagements", "response_rate")
                   if c not in competitor_metrics.columns]
        if missing:
            raise KeyError(f"competitor_dashboard needs the competitor_metrics table; this table lacks "
                           f"{', '.join(missing)}. Use data.load('competitor_metrics').")
        if competitor_metrics.empty:
            raise ValueError("competitor_dashboard got an empty competitor_metrics table: there is nothing to show.")
        if reviews is not None and ("stars" not in reviews.columns or "business" not in reviews.columns):
            raise KeyError("competitor_dashboard's second table must be the reviews (columns business, stars, …). "
                           "Use data.load('reviews').")
        self.social, self.reviews = competitor_metrics, reviews
        self.months = pd.DatetimeIndex(sorted(pd.to_datetime(competitor_metrics["month"]).unique()))
        present = set(competitor_metrics["brand"].astype("object"))
        self.brands = [b for b in BRANDS if b in present]
        platforms = set(competitor_metrics["platform"].astype("object"))
        self.platforms = [p for p in PLATFORM_NAMES if p in platforms]
        self._tables: dict[tuple[str, str | None], pd.DataFrame] = {}

    def trend(self, metric: str, platform: str | None) -> pd.DataFrame:
        """The metric per month and brand (one platform, or all when None)."""
        key = (metric, platform if SOURCE[metric] == "social" else None)
        if key not in self._tables:
            self._tables[key] = self._compute(metric, key[1])
        return self._tables[key]

    def _compute(self, metric: str, platform: str | None) -> pd.DataFrame:
        """Compute one table from the raw rows."""
        if SOURCE[metric] == "social":
            table = analytics.competitor_trend(self.social, metric, platform=platform)
        else:
            if metric == "average_stars":
                table = analytics.average_rating(self.reviews, freq="M")
            elif metric == "reviews":
                table = analytics.review_volume(self.reviews, freq="M").astype("float64")
            else:
                table = analytics.review_response(self.reviews, freq="M")["answered_pct"].unstack("business")
        table.index = pd.DatetimeIndex(table.index, name="month")
        return table.reindex(columns=[b for b in BRANDS if b in table.columns])


def competitor_dashboard(competitor_metrics: pd.DataFrame, reviews: pd.DataFrame | None = None, *,
                         brands=(US, "grano")):
    """The module-09 competitor benchmark: brands, metric, platform, months fitted → monthly lines and projection.

    ``reviews`` (optional) adds the rating, review and answer metrics. The returned VBox keeps
    its controls as attributes (``brand_boxes``, ``metric``, ``platform``, ``period``, ``project``,
    ``horizon``) and the data it shows: ``table`` (metric per month and brand, months fitted),
    ``projections`` (brand → ``analytics.linear_trend``) and ``catch_up`` (competitor →
    ``analytics.months_to_catch_up`` against Café Lumière).
    """
    data = _BenchmarkData(competitor_metrics, reviews)
    brands = (brands,) if isinstance(brands, str) else tuple(brands)
    unknown = [b for b in brands if b not in data.brands]
    if unknown:
        raise ValueError(f"Unknown brand(s) {', '.join(unknown)}; the data has {', '.join(data.brands)}.")
    return CompetitorDashboard(data, brands=brands)
