"""The "who should speak for us" comparator (module 04): a measure, a role to compare with and a platform →
one bar per role with its 95 % interval and the number of threads or posts behind it, and each role's
difference from the chosen one in words (a real difference, or one that could be chance).

Everything is counted once when the dashboard opens (successes and totals per role and platform), so a
control change only adds a few counts and computes four intervals.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit.analytics import expertise
from socialkit.plots import expertise as charts
from socialkit.vocab import signed
from socialkit.widgets._base import Dashboard

MEASURE_OPTIONS = (
    ("Problem solved (threads)", "resolved"),
    ("Customer ended in a good mood (threads)", "recovered"),
    ("Argued at length in public (threads)", "escalated"),
    ("Drew a reply from an industry leader (posts)", "leader"),
)
MEASURE_AXIS = {"resolved": "threads where the problem was solved (%)",
                "recovered": "threads where the customer ended in a good mood (%)",
                "escalated": "threads with 5 or more public replies (%)",
                "leader": "posts that drew an industry leader's reply (%)"}
ALL_PLATFORMS = "all"
PLATFORM_OPTIONS = (("All platforms", ALL_PLATFORMS), ("X (Twitter)", "x"), ("LinkedIn", "linkedin"),
                    ("Instagram", "instagram"), ("Facebook", "facebook"), ("TikTok", "tiktok"))
ROLE_OPTIONS = tuple((charts.role_word(r).capitalize(), r) for r in expertise.ROLES)


class _Counts:
    """Successes and totals per role and platform for one measure, counted once."""

    def __init__(self, roles: pd.Series, platforms: pd.Series, flags: pd.Series):
        role_codes = pd.Categorical(roles.astype(str), categories=expertise.ROLES).codes
        platform_list = [p for _, p in PLATFORM_OPTIONS[1:]]
        platform_codes = pd.Categorical(platforms.astype(str), categories=platform_list).codes
        keep = (role_codes >= 0) & (platform_codes >= 0)
        cell = role_codes[keep] * len(platform_list) + platform_codes[keep]
        size = len(expertise.ROLES) * len(platform_list)
        shape = (len(expertise.ROLES), len(platform_list))
        self.platforms = platform_list
        self.totals = np.bincount(cell, minlength=size).reshape(shape)
        self.successes = np.bincount(cell, weights=flags.to_numpy(dtype=bool)[keep], minlength=size).reshape(shape)

    def by_role(self, platform: str) -> tuple[np.ndarray, np.ndarray]:
        """(successes, totals) per role, for one platform or all."""
        if platform == ALL_PLATFORMS:
            return self.successes.sum(axis=1).astype(int), self.totals.sum(axis=1)
        j = self.platforms.index(platform)
        return self.successes[:, j].astype(int), self.totals[:, j]


class WhoSpeaksDashboard(Dashboard):
    """Measure, role to compare with, platform → rates by role with 95 % intervals, and each role's difference."""

    figsize = (9.0, 3.8)
    margins = (0.11, 0.98, 0.17, 0.9)  # room for a two-line axis label and the sample sizes under the bars
    keep_axes = True  # the bars stand on a number axis (0–3, labelled per draw): the base keeps the axes (faster)

    def __init__(self, counts: dict[str, _Counts]):
        """Make the controls (opening on problems solved, compared with the intern, all platforms)."""
        self.counts = counts
        self.measure = w.Dropdown(options=MEASURE_OPTIONS, value="resolved", description="Measure",
                                  style={"description_width": "initial"}, layout=w.Layout(width="420px"))
        self.compare_with = w.Dropdown(options=ROLE_OPTIONS, value="intern", description="Compare with",
                                       style={"description_width": "initial"}, layout=w.Layout(width="260px"))
        self.platform = w.Dropdown(options=PLATFORM_OPTIONS, value=ALL_PLATFORMS, description="Platform",
                                   style={"description_width": "initial"}, layout=w.Layout(width="240px"))
        self.table = pd.DataFrame()
        super().__init__({"measure": self.measure, "compare_with": self.compare_with, "platform": self.platform},
                         [self.measure, w.HBox([self.compare_with, self.platform])])

    def update(self) -> str:
        """Count the chosen measure on the chosen platform; fill ``table``; return the line of text."""
        successes, totals = self.counts[self.measure.value].by_role(self.platform.value)
        base = expertise.ROLES.index(self.compare_with.value)
        rows = {}
        for i, role in enumerate(expertise.ROLES):
            x, n = int(successes[i]), int(totals[i])
            low, high = expertise.wilson_interval(x, n)
            diff = expertise.difference_interval(x, n, int(successes[base]), int(totals[base])) if i != base \
                else {"difference": np.nan, "low": np.nan, "high": np.nan}
            rows[role] = {"count": n, "successes": x, "rate_pct": 100 * x / n if n else np.nan,
                          "low_pct": 100 * low, "high_pct": 100 * high,
                          "difference": 100 * diff["difference"], "difference_low": 100 * diff["low"],
                          "difference_high": 100 * diff["high"],
                          "real": bool(diff["low"] > 0 or diff["high"] < 0)}
        self.table = pd.DataFrame.from_dict(rows, orient="index")
        unit = "posts" if self.measure.value == "leader" else "threads"
        other = charts.role_word(self.compare_with.value)
        if not totals[base]:
            return (f"<b>No {unit} from the {other} on this platform:</b> choose another <b>Compare with</b> or "
                    f"<b>Platform</b>.")
        lines = []
        for role, row in self.table.iterrows():
            if role == self.compare_with.value:
                continue
            if not row["count"]:
                lines.append(f"{charts.role_word(role)}: no {unit} here")
                continue
            verdict = ("<b>a real difference</b>" if row["real"] else
                       "<b>could be chance</b> (the interval includes 0)")
            lines.append(f"{charts.role_word(role)}: {signed(row['difference'])} points "
                         f"(95 % interval {signed(row['difference_low'])} to {signed(row['difference_high'])}) — "
                         f"{verdict}")
        where = "all platforms" if self.platform.value == ALL_PLATFORMS else self.platform.label
        scope = ("Café Lumière's posts" if unit == "posts" else "Café Lumière's answered threads")
        return (f"<b>{html.escape(self.measure.label)}</b>, {scope}, {html.escape(where)}. "
                f"Compared with the <b>{other}</b>:<br>" + "<br>".join(lines) +
                "<br><i>A difference is real when its 95 % interval leaves out 0; the fewer the threads or posts "
                "(n under each bar), the wider the interval.</i>")

    def draw(self, ax) -> None:
        """Bars per role with their intervals and sample sizes; the compared role outlined."""
        charts.rates_with_intervals(self.table, ax=ax, ylabel=MEASURE_AXIS[self.measure.value],
                                    title=self.title(), highlight=self.compare_with.value,
                                    unit="posts" if self.measure.value == "leader" else "threads")

    def title(self) -> str:
        """The chart's title."""
        return f"{self.measure.label.split(' (')[0]}: by who spoke for Café Lumière, with 95 % intervals"


def who_speaks_dashboard(threads: pd.DataFrame, brand_posts: pd.DataFrame, *, brand: str = "lumiere"):
    """The module-04 comparator: measure, role to compare with, platform → rates by role with 95 % intervals.

    Thread measures (problem solved, good mood at the end, argued at length in public) count the answered
    threads by who answered; the post measure counts ``brand``'s posts (Café Lumière's by default) by who
    wrote them. The returned VBox has the controls as attributes (``measure``, ``compare_with``,
    ``platform``) and ``table``: per role, count, successes, rate_pct, low_pct, high_pct, and the difference
    from the chosen role in points with its Newcombe interval (difference, difference_low, difference_high,
    real).
    """
    from socialkit.analytics._inputs import MissingColumn, _need_table

    _need_table(threads, "who_speaks_dashboard", "threads")
    _need_table(brand_posts, "who_speaks_dashboard", "brand_posts")
    need = {"threads": (threads, ("responder_role", "platform", "resolved", "sentiment_after", "public_replies")),
            "brand_posts": (brand_posts, ("author_role", "platform", "brand", "leader_replies"))}
    for name, (table, columns) in need.items():
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise MissingColumn(f"who_speaks_dashboard needs the {name} table as its "
                           f"{'first' if name == 'threads' else 'second'} argument; this table lacks "
                           f"{', '.join(missing)}. Write widgets.who_speaks_dashboard(threads, brand_posts).")
    answered = threads[threads["responder_role"].notna()]
    ours = brand_posts[brand_posts["brand"].astype(str) == brand]
    counts = {outcome: _Counts(answered["responder_role"], answered["platform"],
                               expertise.thread_outcome(answered, outcome)) for outcome in expertise.OUTCOMES}
    counts["leader"] = _Counts(ours["author_role"], ours["platform"], ours["leader_replies"] > 0)
    return WhoSpeaksDashboard(counts)
