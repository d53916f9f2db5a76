"""Interactive dashboards for the lessons: one builder per module, each returning a widget.

A builder returns an ``ipywidgets.VBox`` subclass that keeps handles to its controls as
attributes and exposes the data it currently shows (``.table``, ``.alerts`` …), so a test
or a curious learner can read the numbers behind the chart. Builders never call
``display``: the notebook cell's last line shows the widget. The charts are drawn by
``socialkit.plots`` from numbers computed by ``socialkit.analytics``.
"""

from __future__ import annotations

import base64
import io

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots

GROUP_LABELS = plots.GROUP_LABELS
EVERYONE = "all"
METRIC_OPTIONS = (
    ("Volume", "volume"), ("Net sentiment", "net_sentiment"), ("Share of voice", "share_of_voice"),
)
BASELINE_DAYS = 7


def _figure_png(draw, figsize=(9, 3.6), dpi=90) -> tuple[bytes, object]:
    """Draw with ``draw(ax)`` on a figure that lives outside pyplot and return (PNG bytes, ax)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    # Fixed margins instead of constrained layout: the chart redraws about twice as fast.
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.9)
    ax = fig.add_subplot()
    draw(ax)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue(), ax


def _png_output(png: bytes, alt: str) -> dict:
    """One display_data output holding a PNG, in the shape ``Output.outputs`` expects."""
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
        "metadata": {},
    }


class ListenDashboard(w.VBox):
    """The listening dashboard: pick brands, group, dates, metric and alert threshold."""

    def __init__(self, cube: "_ListenCube", brands=("lumiere",)):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.cube = cube
        self.brand_boxes = {
            b: w.Checkbox(value=b in brands, description=plots.brand_name(b), indent=False,
                          layout=w.Layout(width="auto"))
            for b in cube.brands
        }
        self.group = w.Dropdown(
            options=[("everyone", EVERYONE)] + [(GROUP_LABELS.get(g, g), g) for g in cube.groups],
            value=EVERYONE, description="Who speaks", disabled=not cube.groups,
            style={"description_width": "initial"},
        )
        self.metric = w.ToggleButtons(options=METRIC_OPTIONS, value="volume",
                                      style={"button_width": "120px"})
        self.threshold = w.FloatSlider(value=2.0, min=1.0, max=4.0, step=0.1,
                                       description="Alert at z ≥", readout_format=".1f",
                                       continuous_update=False,
                                       style={"description_width": "initial"})
        self.exclude_today = w.Checkbox(
            value=False, indent=False, layout=w.Layout(width="auto"),
            description=f"Baseline = the {BASELINE_DAYS} days before",
            tooltip="Leave the day itself out of the baseline it is compared with")
        day_options = [(d.strftime("%d %b"), d) for d in cube.days]
        self.dates = w.SelectionRangeSlider(
            options=day_options, index=(0, len(day_options) - 1), description="Dates",
            continuous_update=False, layout=w.Layout(width="95%"),
        )
        self.summary = w.HTML()
        self.chart = w.Output()
        self.table = pd.DataFrame()
        self.alerts = pd.DataFrame(columns=["date", "brand", "value", "z"])
        self.zscores = pd.DataFrame()
        self.ax = None
        self.updates = 0
        super().__init__([
            w.HBox([w.Label("Brands"), *self.brand_boxes.values()]),
            w.HBox([w.Label("Metric"), self.metric]),
            self.group,
            w.HBox([self.threshold, self.exclude_today]),
            self.dates,
            self.summary,
            self.chart,
        ])
        for control in (*self.brand_boxes.values(), self.group, self.metric, self.threshold,
                        self.exclude_today, self.dates):
            control.observe(self._on_change, names="value")
        self.refresh()

    @property
    def selected_brands(self) -> list[str]:
        """The brands whose box is ticked, in the kit's usual order."""
        return [b for b, box in self.brand_boxes.items() if box.value]

    def _on_change(self, _change) -> None:
        """Any control moved: show the new view."""
        self.refresh()

    def refresh(self, draw: bool = True) -> None:
        """Recompute the table and alerts for the current controls and redraw the chart."""
        start, end = self.dates.value
        self.table, self.zscores, self.alerts = self.cube.view(
            brands=self.selected_brands, group=self.group.value, metric=self.metric.value,
            threshold=self.threshold.value, exclude_today=self.exclude_today.value,
            start=start, end=end,
        )
        self.summary.value = self._summary_html()
        if draw:
            self._draw()
        self.updates += 1

    def _summary_html(self) -> str:
        """The sentence under the controls: how many alerts, the first one, and the rule used."""
        if self.table.empty:
            return "<b>Tick at least one brand</b> to see its curve."
        direction = "drop" if self.metric.value == "net_sentiment" else "rise"
        baseline = (f"baseline = the {BASELINE_DAYS} days before" if self.exclude_today.value
                    else "baseline includes the day itself")
        rule = (f"an alert is a day whose value is a {direction} of at least "
                f"{self.threshold.value:.1f} standard deviations from its "
                f"{BASELINE_DAYS}-day baseline ({baseline})")
        if self.alerts.empty:
            return f"<b>No alert</b> in this period ({rule})."
        first = self.alerts.iloc[0]
        return (f"<b>{len(self.alerts)} alert(s)</b>; first on "
                f"<b>{first['date']:%a %d %b %Y}</b> for {plots.brand_name(first['brand'])} "
                f"(z = {first['z']:.2f}). Rule: {rule}.")

    def _draw(self) -> None:
        """Draw the current table and alerts into the Output widget as one PNG (no flicker)."""
        if self.table.empty:
            self.chart.outputs = ()
            return
        metric = self.metric.value

        def draw(ax):
            """Draw the current view on the dashboard's own figure."""
            plots.volume_with_alerts(self.table, self.alerts, ax=ax, metric=metric,
                                     threshold=self.threshold.value,
                                     title=self._title())

        png, self.ax = _figure_png(draw)
        self.chart.outputs = (_png_output(png, self._title()),)

    def _title(self) -> str:
        """The chart's title: metric, who speaks and the number of alert days."""
        group = self.group.value
        who = "everyone" if group == EVERYONE else GROUP_LABELS.get(group, group)
        name = dict((v, k) for k, v in METRIC_OPTIONS)[self.metric.value]
        return f"{name} per day — mentions by {who}; {len(self.alerts)} alert day(s)"


class _ListenCube:
    """Daily counts per (day, brand, stakeholder group), computed once, so controls only slice arrays.

    ``n``, ``pos``, ``neg`` have shape (days, brands, groups + 1); the last group slot holds
    everyone. Every view the dashboard shows is a sum over these arrays, so an update costs
    the same whatever the size of the data.
    """

    def __init__(self, mentions: pd.DataFrame, accounts: pd.DataFrame | None):
        """Count the mentions once; fail clearly when the table is not the mentions table."""
        missing = [c for c in ("ts", "brand", "true_sentiment") if c not in mentions.columns]
        if missing:
            raise KeyError(
                f"listen_dashboard needs the mentions table (columns ts, brand, true_sentiment); "
                f"this table lacks {', '.join(missing)}. Use data.load('mentions')."
            )
        if mentions.empty:
            raise ValueError("listen_dashboard got an empty mentions table: there is nothing to show.")
        frame = mentions
        group_col = None
        if "role" in mentions.columns:
            group_col = "role"
        elif accounts is not None:
            frame = analytics.with_author_role(mentions, accounts)
            group_col = "author_role" if "author_role" in frame.columns else "role"
        day = analytics.period_start(frame["ts"], "D")
        self.days = pd.date_range(day.min(), day.max(), freq="D", name="day")
        present = set(frame["brand"].astype("object").dropna())
        self.brands = [b for b in plots.BRANDS if b in present] + sorted(present - set(plots.BRANDS))
        if group_col is not None:
            counts = frame[group_col].astype("object").value_counts()
            self.groups = [g for g in counts.index if pd.notna(g)]
        else:
            self.groups = []
        day_idx = ((day - self.days[0]) // pd.Timedelta(days=1)).to_numpy()
        brand_idx = pd.Categorical(frame["brand"].astype("object"), categories=self.brands).codes
        if group_col is not None:
            group_idx = pd.Categorical(frame[group_col].astype("object"), categories=self.groups).codes
        else:
            group_idx = np.full(len(frame), -1)
        group_idx = np.where(group_idx < 0, len(self.groups), group_idx)  # unknown authors
        shape = (len(self.days), len(self.brands), len(self.groups) + 1)
        sentiment = frame["true_sentiment"].astype("object").to_numpy()
        self.n = self._count(shape, day_idx, brand_idx, group_idx, np.ones(len(frame), bool))
        self.pos = self._count(shape, day_idx, brand_idx, group_idx, sentiment == "positive")
        self.neg = self._count(shape, day_idx, brand_idx, group_idx, sentiment == "negative")

    @staticmethod
    def _count(shape, day_idx, brand_idx, group_idx, mask) -> np.ndarray:
        """Count rows where ``mask`` holds into a (day, brand, group) array, everyone summed last."""
        keep = mask & (brand_idx >= 0)
        flat = np.ravel_multi_index((day_idx[keep], brand_idx[keep], group_idx[keep]), shape)
        cube = np.bincount(flat, minlength=int(np.prod(shape))).reshape(shape)
        everyone = cube.sum(axis=2, keepdims=True)
        return np.concatenate([cube[:, :, :-1], everyone], axis=2)

    def _slot(self, group: str) -> int:
        """Index of a stakeholder group in the last axis of the count arrays."""
        if group == EVERYONE:
            return len(self.groups)
        if group not in self.groups:
            raise ValueError(f"Unknown stakeholder group {group!r}; choose one of {', '.join(self.groups)}.")
        return self.groups.index(group)

    def series(self, metric: str, group: str = EVERYONE) -> pd.DataFrame:
        """The metric per day (rows) and brand (columns) for one stakeholder group, whole year.

        volume = mentions; net sentiment = 100 × (positive − negative) / mentions (NaN on days
        without mentions); share of voice = 100 × brand mentions / all brands' mentions.
        """
        g = self._slot(group)
        n = self.n[:, :, g].astype("float64")
        if metric == "volume":
            values = n
        elif metric == "net_sentiment":
            with np.errstate(divide="ignore", invalid="ignore"):
                values = 100 * (self.pos[:, :, g] - self.neg[:, :, g]) / np.where(n > 0, n, np.nan)
        elif metric == "share_of_voice":
            total = n.sum(axis=1, keepdims=True)
            with np.errstate(divide="ignore", invalid="ignore"):
                values = 100 * n / np.where(total > 0, total, np.nan)
        else:
            raise ValueError(
                f"metric must be one of {', '.join(v for _, v in METRIC_OPTIONS)}; got {metric!r}.")
        return pd.DataFrame(values, index=self.days, columns=pd.Index(self.brands, name="brand"))

    def view(self, *, brands, group, metric, threshold, exclude_today, start, end):
        """(table, z-scores, alerts) for the chosen brands and dates; z uses the whole year's history."""
        full = self.series(metric, group)[list(brands)]
        zs, rows = {}, []
        for brand in full.columns:
            # Net sentiment alerts on a fall, volume and share of voice on a rise.
            sign = -1.0 if metric == "net_sentiment" else 1.0
            result = analytics.spikes(sign * full[brand], window=BASELINE_DAYS, threshold=threshold,
                                      exclude_current=exclude_today)
            zs[brand] = sign * result["z"]
            hits = result.index[result["alert"].to_numpy()]
            rows += [(day, brand, full.at[day, brand], sign * result.at[day, "z"]) for day in hits]
        window = slice(pd.Timestamp(start), pd.Timestamp(end))
        table = full.loc[window]
        zscores = pd.DataFrame(zs, index=full.index).loc[window] if zs else pd.DataFrame(index=table.index)
        alerts = pd.DataFrame(rows, columns=["date", "brand", "value", "z"])
        if not alerts.empty:
            inside = (alerts["date"] >= window.start) & (alerts["date"] <= window.stop)
            alerts = alerts[inside].sort_values(["date", "brand"]).reset_index(drop=True)
        return table, zscores, alerts


def listen_dashboard(mentions: pd.DataFrame, accounts: pd.DataFrame | None = None, *,
                     brands=("lumiere",)):
    """The module-01 listening dashboard: brands, group, dates, metric and z threshold → chart with alerts.

    ``accounts`` (optional) adds the "Who speaks" filter by the author's role (customers,
    journalists, shareholders …). The returned VBox has the controls as attributes
    (``brand_boxes``, ``group``, ``metric``, ``threshold``, ``exclude_today``, ``dates``) and
    the data on show (``table``: metric per day and brand; ``alerts``: date, brand, value, z).
    """
    cube = _ListenCube(mentions, accounts)
    brands = (brands,) if isinstance(brands, str) else tuple(brands)  # "grano" is one brand, not five letters
    unknown = [b for b in brands if b not in cube.brands]
    if unknown:
        raise ValueError(f"Unknown brand(s) {', '.join(unknown)}; the data has {', '.join(cube.brands)}.")
    return ListenDashboard(cube, brands=brands)
