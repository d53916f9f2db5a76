"""The listening dashboard (module 01): brands, who speaks, months, metric and alert rule → a daily chart.

Counts are computed once per (day, brand, stakeholder group) when the dashboard opens, so a control
change only sums small arrays, runs the z-score and redraws.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots
from socialkit.vocab import BRANDS, brand_name, group_name
from socialkit.widgets._base import Dashboard

EVERYONE = "all"
METRIC_OPTIONS = (
    ("Volume", "volume"), ("Net sentiment", "net_sentiment"), ("Share of voice", "share_of_voice"),
)
BASELINE_DAYS = 7
SHOWN_ALERT_DAYS = 6  # the line of text lists this many alert days, then "…"


class ListenDashboard(Dashboard):
    """The listening dashboard: pick brands, group, months, metric and alert threshold.

    Alerts are computed on **Volume** only (a jump in the number of posts is an event; on share of
    voice or net sentiment a small day swings widely by chance), so the alert controls are greyed
    out for the other metrics and no circle is drawn.
    """

    keep_axes = True  # a date axis: the chart is redrawn on the same axes (faster)

    def __init__(self, cube: "_ListenCube", brands=("lumiere",)):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.cube = cube
        self.brand_boxes = {
            b: w.Checkbox(value=b in brands, description=brand_name(b), indent=False,
                          layout=w.Layout(width="auto"))
            for b in cube.brands
        }
        self.group = w.Dropdown(
            options=[("everyone", EVERYONE)] + [(group_name(g), g) for g in cube.groups],
            value=EVERYONE, description="Who speaks", disabled=not cube.groups,
            style={"description_width": "initial"},
        )
        self.metric = w.ToggleButtons(options=cube.metrics, value="volume", style={"button_width": "120px"})
        self.threshold = w.FloatSlider(value=2.0, min=1.0, max=4.0, step=0.1,
                                       description="Alert at z ≥", readout_format=".1f",
                                       continuous_update=False,
                                       style={"description_width": "initial"})
        self.exclude_today = w.Checkbox(
            value=False, indent=False, layout=w.Layout(width="auto"),
            description=f"Baseline = the {BASELINE_DAYS} days before",
            tooltip="Leave the day itself out of the baseline it is compared with")
        # Whole months, not days: twelve positions a learner can set with the mouse or the arrow keys.
        month_format = "%b" if cube.months.year.nunique() == 1 else "%b %Y"
        month_options = [(m.strftime(month_format), m) for m in cube.months]
        self.months = w.SelectionRangeSlider(
            options=month_options, index=(0, len(month_options) - 1), description="Months",
            continuous_update=False, layout=w.Layout(width="60%"),
        )
        self.table = pd.DataFrame()
        self.alerts = pd.DataFrame(columns=["date", "brand", "value", "z"])
        self.zscores = pd.DataFrame()
        controls = {f"brand_{b}": box for b, box in self.brand_boxes.items()}
        controls.update(group=self.group, metric=self.metric, threshold=self.threshold,
                        exclude_today=self.exclude_today, months=self.months)
        super().__init__(controls, [
            w.HBox([w.Label("Brands"), *self.brand_boxes.values()]),
            w.HBox([w.Label("Metric"), self.metric]),
            self.group,
            w.HBox([self.threshold, self.exclude_today]),
            self.months,
        ])

    @property
    def selected_brands(self) -> list[str]:
        """The brands whose box is ticked, in the kit's usual order."""
        return [b for b, box in self.brand_boxes.items() if box.value]

    @property
    def alerting(self) -> bool:
        """True when the metric shown is one alerts are computed on (Volume)."""
        return self.metric.value == "volume"

    @property
    def date_range(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The first and last day shown: from the 1st of the first month chosen to the end of the last one."""
        first, last = self.months.value
        days = self.cube.days
        return max(first, days[0]), min(last + pd.offsets.MonthEnd(0), days[-1])

    def update(self) -> str:
        """Recompute the table and alerts for the current controls; return the line under the controls."""
        start, end = self.date_range
        self.threshold.disabled = self.exclude_today.disabled = not self.alerting
        self.table, self.zscores, self.alerts = self.cube.view(
            brands=self.selected_brands, group=self.group.value, metric=self.metric.value,
            threshold=self.threshold.value, exclude_today=self.exclude_today.value,
            start=start, end=end,
        )
        if not self.alerting:
            self.alerts = self.alerts.iloc[0:0]
        return self._summary_html()

    def _summary_html(self) -> str:
        """The sentence under the controls: how many alerts, on which days, and the rule used."""
        if self.table.empty:
            return "<b>Tick at least one brand</b> to see its curve."
        if not self.alerting:
            unscored = (f" {self.cube.unscored:,} mention(s) in languages other than English and French are not "
                        "scored: net sentiment leaves them out." if self.cube.unscored
                        and self.metric.value == "net_sentiment" else "")
            return ("Alerts are computed on <b>Volume</b> only: a day's share of voice or net sentiment swings "
                    "widely by chance. Choose <b>Volume</b> to see them." + unscored)
        baseline = (f"baseline = the {BASELINE_DAYS} days before" if self.exclude_today.value
                    else "baseline includes the day itself")
        rule = (f"an alert is a day whose mentions rise at least {self.threshold.value:.1f} standard deviations "
                f"above its {BASELINE_DAYS}-day baseline ({baseline})")
        needed = BASELINE_DAYS + (1 if self.exclude_today.value else 0)  # the baseline, then a day to compare
        covered = len(self.cube.days)
        if covered < needed:
            return (f"<b>No alert can be computed</b>: alerts need at least {needed} days; your data covers "
                    f"{covered} day{'s' if covered != 1 else ''} ({rule}).")
        if self.alerts.empty:
            return f"<b>No alert</b> in this period ({rule})."
        several = len(self.selected_brands) > 1
        days = [f"{row.date:%a %d %b}" + (f" ({brand_name(row.brand)})" if several else "")
                for row in self.alerts.head(SHOWN_ALERT_DAYS).itertuples()]
        more = " …" if len(self.alerts) > SHOWN_ALERT_DAYS else ""
        first = self.alerts.iloc[0]
        return (f"<b>{len(self.alerts)} alert(s)</b>; first on <b>{first['date']:%a %d %b %Y}</b> for "
                f"{brand_name(first['brand'])} (z = {first['z']:.2f}). Alert days: {', '.join(days)}{more}. "
                f"Rule: {rule}.")

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """Draw the current table (and its alerts on Volume) on the dashboard's figure."""
        plots.volume_with_alerts(self.table, self.alerts if self.alerting else None, ax=ax,
                                 metric=self.metric.value, threshold=self.threshold.value if self.alerting else None,
                                 title=self.title())

    def title(self) -> str:
        """The chart's title: metric, who speaks and, on Volume, the number of alert days."""
        group = self.group.value
        who = "everyone" if group == EVERYONE else group_name(group)
        name = dict((v, k) for k, v in METRIC_OPTIONS)[self.metric.value]
        alerts = f"; {len(self.alerts)} alert day(s)" if self.alerting else ""
        return f"{name} per day — mentions by {who}{alerts}"


class _ListenCube:
    """Daily counts per (day, brand, stakeholder group), computed once, so controls only slice arrays.

    ``n``, ``pos``, ``neg`` have shape (days, brands, groups + 1); the last group slot holds
    everyone. Every view the dashboard shows is a sum over these arrays, so an update costs
    the same whatever the size of the data.
    """

    def __init__(self, mentions: pd.DataFrame, accounts: pd.DataFrame | None, sentiment: str = "true_sentiment"):
        """Count the mentions once; fail clearly when the table is not the mentions table.

        ``sentiment`` names the column of labels (positive, neutral, negative; missing = not scored):
        the sample's human labels, or a learner's mentions scored by ``socialkit.sentiment``.
        """
        missing = [c for c in ("ts", "brand", sentiment) if c not in mentions.columns]
        if missing:
            raise KeyError(
                f"listen_dashboard needs the mentions table (columns ts, brand, {sentiment}); "
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
        self.months = pd.date_range(self.days[0].to_period("M").start_time, self.days[-1], freq="MS")
        present = set(frame["brand"].astype("object").dropna())
        self.brands = [b for b in BRANDS if b in present] + sorted(present - set(BRANDS))
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
        labels = frame[sentiment].astype("object")
        self.n = self._count(shape, day_idx, brand_idx, group_idx, np.ones(len(frame), bool))
        self.scored = self._count(shape, day_idx, brand_idx, group_idx, labels.notna().to_numpy())
        self.unscored = int(labels.isna().sum())
        labels = labels.to_numpy()
        self.pos = self._count(shape, day_idx, brand_idx, group_idx, labels == "positive")
        self.neg = self._count(shape, day_idx, brand_idx, group_idx, labels == "negative")
        # a learner's export may have one brand (share of voice is then always 100 %) or no scored text
        self.metrics = tuple(option for option in METRIC_OPTIONS
                             if not (option[1] == "share_of_voice" and len(self.brands) < 2)
                             and not (option[1] == "net_sentiment" and not self.scored.any()))

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

        volume = mentions; net sentiment = 100 × (positive − negative) / mentions scored (NaN on days
        without any; the sample's mentions are all labelled, a learner's in other languages are not
        scored); share of voice = 100 × brand mentions / all brands' mentions.
        """
        g = self._slot(group)
        n = self.n[:, :, g].astype("float64")
        if metric == "volume":
            values = n
        elif metric == "net_sentiment":
            scored = self.scored[:, :, g].astype("float64")
            with np.errstate(divide="ignore", invalid="ignore"):
                values = 100 * (self.pos[:, :, g] - self.neg[:, :, g]) / np.where(scored > 0, scored, np.nan)
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
                     brands=("lumiere",), sentiment: str = "true_sentiment"):
    """The module-01 listening dashboard: brands, group, months, metric and z threshold → chart with alerts.

    ``accounts`` (optional) adds the "Who speaks" filter by the author's role (customers,
    journalists, shareholders …). The returned VBox has the controls as attributes
    (``brand_boxes``, ``group``, ``metric``, ``threshold``, ``exclude_today``, ``months``) and
    the data on show (``table``: metric per day and brand; ``alerts``: date, brand, value, z).
    ``sentiment`` names the column of sentiment labels (the sample's human ``true_sentiment``).
    """
    cube = _ListenCube(mentions, accounts, sentiment)
    brands = (brands,) if isinstance(brands, str) else tuple(brands)  # "grano" is one brand, not five letters
    unknown = [b for b in brands if b not in cube.brands]
    if unknown:
        raise ValueError(f"Unknown brand(s) {', '.join(unknown)}; the data has {', '.join(cube.brands)}.")
    return ListenDashboard(cube, brands=brands)
