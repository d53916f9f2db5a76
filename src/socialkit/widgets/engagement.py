"""The engagement dashboards (module 02): the post-mix explorer and the influencer finder.

Both count once when they open: the post-mix explorer sums likes, shares, comments, reach and followers per
(brand, kind of post, platform, month), so a control change only adds small arrays; the influencer finder
totals each author's posts per brand, so a change only filters and sorts a few thousand rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots
from socialkit.plots.engagement import FEW_POSTS
from socialkit.schema import BRANDS, PLATFORMS, POST_TYPES
from socialkit.vocab import brand_name, group_name, platform_name, post_type_name
from socialkit.widgets._base import Dashboard

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
MEASURE_OPTIONS = tuple((f"{name} ({unit})", key) for key, (name, unit) in plots.MEASURES.items())
SPLIT_OPTIONS = (("platforms together", "together"), ("each platform side by side", "side"))
EVERYONE = "all"
ALL_BRANDS = "all"
TOP = 10
MIN_FOLLOWER_STEPS = (0, 100, 1_000, 5_000, 10_000, 50_000, 100_000)
ALL_POSTS = "all posts"
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}  # the one bar of an export that does not say which kind of post each is


def days_in_words(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """"15–31 August 2021", "28 August–3 September 2021" or "15 August 2021": a period of days, in one year."""
    if start == end:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} {start.year}"
    if start.month == end.month:
        return f"{start.day}–{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"
    return f"{start.day} {MONTH_NAMES[start.month - 1]}–{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"


@dataclass(frozen=True)
class PlatformRate:
    """The platform's own engagement count in an export: its column, the platform, what it counts beyond the kit."""

    column: str  # e.g. X Analytics' "engagements" (over impressions, it is X's "engagement rate")
    platform: str  # "X"
    counts_too: str  # what the platform counts that the kit does not, in a manager's words


def _posts(n: int) -> str:
    """"1 post", "12 posts"."""
    return f"{n:,} post{'s' if n != 1 else ''}"


# --------------------------------------------------------------------------- the post-mix explorer


class _PostCube:
    """Sums per (brand, kind of post, platform, month) of each measure's top and bottom, and the posts behind them.

    A measure counts only the posts that have every figure it needs (an export may lack reach on some
    posts, or a metric altogether), so a missing figure never counts as a zero. The sample data has
    every figure on every post. Posts of one calendar year are shown (the latest in the data).
    """

    # measure -> (columns that must be filled, numerator columns ×100 for a rate, denominator column or None)
    NEEDS = {
        "er_reach": (("likes", "shares", "comments", "reach"), ("likes", "shares", "comments"), "reach"),
        "er_impressions": (("likes", "shares", "comments", "impressions"), ("likes", "shares", "comments"),
                           "impressions"),
        "er_followers": (("likes", "shares", "comments", "followers"), ("likes", "shares", "comments"), "followers"),
        "conversation": (("comments",), ("comments",), None),
        "amplification": (("shares",), ("shares",), None),
        "applause": (("likes",), ("likes",), None),
    }

    def __init__(self, posts: pd.DataFrame, accounts: pd.DataFrame | None, platform_rate: PlatformRate | None = None):
        """Count the posts once; fail in one plain sentence when the table is not ``brand_posts``."""
        needed = ("ts", "brand", "post_type", "platform", "likes", "shares", "comments", "reach", "account_id")
        missing = [c for c in needed if c not in posts.columns]
        if missing:
            raise analytics.MissingColumn(
                f"post_mix_dashboard needs the brand_posts table (columns {', '.join(needed)}); this table "
                f"lacks {', '.join(missing)}. Use data.load(\"brand_posts\").")
        if posts.empty:
            raise ValueError("post_mix_dashboard got an empty brand_posts table: there is nothing to show.")
        times = pd.to_datetime(posts["ts"])
        self.year = int(times.dt.year.max())
        in_year = (times.dt.year == self.year).to_numpy()
        self.other_years = int((~in_year).sum())
        posts, times = posts[in_year], times[in_year]
        present = set(posts["brand"].astype("object").dropna())
        self.brands = [b for b in BRANDS if b in present] + sorted(present - set(BRANDS))
        kinds = set(posts["post_type"].astype("object").dropna())
        self.types = [t for t in POST_TYPES if t in kinds] if kinds else [ALL_POSTS]
        platforms = set(posts["platform"].astype("object").dropna())
        self.platforms = [p for p in PLATFORMS if p in platforms] + sorted(platforms - set(PLATFORMS))
        followers = None
        if "followers" in posts.columns:
            followers = posts["followers"].astype("float64")
        elif accounts is not None:
            by_account = accounts.drop_duplicates("account_id").set_index("account_id")["followers"]
            followers = posts["account_id"].astype("object").map(by_account).astype("float64")
        self.has_followers = followers is not None and bool(followers.notna().any())
        kind_codes = (pd.Categorical(posts["post_type"].astype("object"), categories=self.types).codes
                      if kinds else np.zeros(len(posts), dtype=np.int8))
        index = (pd.Categorical(posts["brand"].astype("object"), categories=self.brands).codes, kind_codes,
                 pd.Categorical(posts["platform"].astype("object"), categories=self.platforms).codes,
                 times.dt.month.to_numpy() - 1)
        keep = np.all([i >= 0 for i in index], axis=0)
        shape = (len(self.brands), len(self.types), len(self.platforms), 12)
        flat = np.ravel_multi_index(tuple(i[keep] for i in index), shape)
        size = int(np.prod(shape))
        columns = {c: posts[c].to_numpy(float, na_value=np.nan) for c in ("likes", "shares", "comments", "reach")}
        columns["impressions"] = (posts["impressions"].to_numpy(float, na_value=np.nan)
                                  if "impressions" in posts.columns else np.full(len(posts), np.nan))
        columns["followers"] = followers.to_numpy(float) if followers is not None else np.full(len(posts), np.nan)

        def total(values):
            return np.bincount(flat, weights=values[keep], minlength=size).reshape(shape)

        self.posts = total(np.ones(len(posts)))
        # the first and last day with a post, per (brand, platform, month): the period a view really covers
        days = times.dt.tz_localize(None) if times.dt.tz is not None else times
        day_numbers = (days.dt.normalize() - pd.Timestamp(self.year, 1, 1)).dt.days.to_numpy()[keep]
        cell = (index[0][keep], index[2][keep], index[3][keep])
        self.first_day = np.full((len(self.brands), len(self.platforms), 12), 400)
        self.last_day = np.full((len(self.brands), len(self.platforms), 12), -1)
        np.minimum.at(self.first_day, cell, day_numbers)
        np.maximum.at(self.last_day, cell, day_numbers)
        self.sums = {}  # measure -> (top, bottom, posts counted)
        for measure, (filled, top, bottom) in self.NEEDS.items():
            usable = np.all([~np.isnan(columns[c]) for c in filled], axis=0)
            if not usable.any():
                continue
            numerator = sum(np.where(usable, columns[c], 0.0) for c in top)
            counted = usable.astype(float)
            self.sums[measure] = (total(numerator), total(np.where(usable, columns[bottom], 0.0))
                                  if bottom else total(counted), total(counted))
        self.platform_rate, self.platform_sums = None, None  # the platform's own engagements and impressions
        if platform_rate is not None and platform_rate.column in posts.columns:
            engagements = pd.to_numeric(posts[platform_rate.column], errors="coerce").to_numpy(float, na_value=np.nan)
            usable = ~np.isnan(engagements) & ~np.isnan(columns["impressions"])
            if usable.any():
                self.platform_rate = platform_rate
                self.platform_sums = (total(np.where(usable, engagements, 0.0)),
                                      total(np.where(usable, columns["impressions"], 0.0)))
        if "er_reach" in self.sums:
            self.sums.pop("er_impressions", None)  # by reach when the export has it, as the lesson does
        self.measures = [m for m in plots.MEASURES if m in self.sums]

    def days_covered(self, *, brand: str, platforms, months: tuple[int, int]) -> tuple[pd.Timestamp, pd.Timestamp] | None:
        """The first and last day with a post of ``brand`` on ``platforms`` in ``months`` (1–12); None without posts."""
        b = self.brands.index(brand)
        chosen = [self.platforms.index(p) for p in platforms]
        first, last = months
        earliest = int(self.first_day[b][chosen, first - 1:last].min(initial=400))
        latest = int(self.last_day[b][chosen, first - 1:last].max(initial=-1))
        if latest < 0:
            return None
        start = pd.Timestamp(self.year, 1, 1)
        return start + pd.Timedelta(days=earliest), start + pd.Timedelta(days=latest)

    def platform_rate_value(self, *, brand: str, platforms, months: tuple[int, int]) -> float | None:
        """The platform's own engagement rate (%) for the same posts: its engagements over their impressions."""
        if self.platform_sums is None:
            return None
        b = self.brands.index(brand)
        chosen = [self.platforms.index(p) for p in platforms]
        first, last = months
        top, bottom = (v[b][:, chosen, first - 1:last].sum() for v in self.platform_sums)
        return 100 * top / bottom if bottom > 0 else None

    def view(self, *, brand: str, measure: str, platforms, months: tuple[int, int], split: str):
        """(values, posts): post types × ('all' or each ticked platform), for one brand and months (1–12)."""
        b = self.brands.index(brand)
        chosen = [self.platforms.index(p) for p in platforms]
        first, last = months
        top, bottom, counted = (v[b][:, chosen, first - 1:last].sum(axis=2) for v in self.sums[measure])
        if split == "together":
            top, bottom, counted = (v.sum(axis=1, keepdims=True) for v in (top, bottom, counted))
            columns = ["all"]
        else:
            columns = list(platforms)
        scale = 100 if self.NEEDS[measure][2] else 1
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(bottom > 0, scale * top / np.where(bottom > 0, bottom, 1), np.nan)
        frame = pd.DataFrame(values, index=pd.Index(self.types, name="post_type"), columns=columns)
        posts = pd.DataFrame(counted.astype(int), index=frame.index, columns=columns)
        return frame, posts


class PostMixDashboard(Dashboard):
    """Brand, measure, platforms and months → one bar per kind of post, with the posts behind each bar."""

    figsize = (9.0, 3.9)

    def __init__(self, cube: _PostCube, brand: str = "lumiere"):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.cube = cube
        self.brand = w.Dropdown(options=[(brand_name(b), b) for b in cube.brands], value=brand, description="Brand")
        options = [o for o in MEASURE_OPTIONS if o[1] in cube.measures]
        self.measure = w.Dropdown(options=options, value=options[0][1], description="Measure",
                                  layout=w.Layout(width="460px"), style={"description_width": "initial"})
        self.platform_boxes = {
            p: w.Checkbox(value=True, description=platform_name(p), indent=False, layout=w.Layout(width="auto"))
            for p in cube.platforms
        }
        self.split = w.ToggleButtons(options=SPLIT_OPTIONS, value="together", style={"button_width": "230px"})
        self.months = w.SelectionRangeSlider(options=[(m, i + 1) for i, m in enumerate(MONTHS)], index=(0, 11),
                                             description="Months", continuous_update=False,
                                             layout=w.Layout(width="70%"))
        self.table = pd.DataFrame()
        self.counts = pd.DataFrame()
        controls = {"brand": self.brand, "measure": self.measure}
        controls.update({f"platform_{p}": box for p, box in self.platform_boxes.items()})
        controls.update(split=self.split, months=self.months)
        super().__init__(controls, [
            w.HBox([self.brand, self.measure]),
            w.HBox([w.Label("Platforms"), *self.platform_boxes.values()]),
            self.split,
            self.months,
        ])

    @property
    def selected_platforms(self) -> list[str]:
        """The platforms whose box is ticked, in the kit's usual order."""
        return [p for p, box in self.platform_boxes.items() if box.value]

    def update(self) -> str:
        """Recompute the bars for the current controls; return the line under the controls."""
        platforms = self.selected_platforms
        if not platforms:
            self.table, self.counts = pd.DataFrame(), pd.DataFrame()
            return "<b>Tick at least one platform</b> to see the bars."
        self.table, self.counts = self.cube.view(brand=self.brand.value, measure=self.measure.value,
                                                 platforms=platforms, months=self.months.value,
                                                 split=self.split.value)
        return self._summary_html(platforms)

    def _where(self, platforms) -> str:
        """"all five platforms, January–December 2025" in words; the days with posts ("15–31 August 2021")
        when the posts do not cover the whole months chosen, so a figure noted down names its real period."""
        first, last = self.months.value
        when = MONTH_NAMES[first - 1] if first == last else f"{MONTH_NAMES[first - 1]}–{MONTH_NAMES[last - 1]}"
        when = f"{when} {self.cube.year}"
        covered = self.cube.days_covered(brand=self.brand.value, platforms=platforms, months=(first, last))
        if covered is not None:
            start, end = covered
            whole = start == pd.Timestamp(self.cube.year, first, 1) and end == (
                pd.Timestamp(self.cube.year, last, 1) + pd.offsets.MonthEnd(0))
            if not whole:
                when = days_in_words(start, end)
        every = len(platforms) == len(self.cube.platforms) > 1
        where = (f"all {NUMBER_WORDS.get(len(platforms), len(platforms))} platforms" if every
                 else ", ".join(platform_name(p) for p in platforms))
        return f"<b>{brand_name(self.brand.value)}</b>, {where}, {when}"

    def _value(self, value: float) -> str:
        """One value in words, with its unit."""
        name, unit = plots.MEASURES[self.measure.value]
        return f"{value:.2f} %" if unit == "%" else f"{value:.1f} {unit}"

    def _summary_html(self, platforms) -> str:
        """The sentence under the controls: the best kind of post against automated promotions, with post counts."""
        name = plots.MEASURES[self.measure.value][0]
        note = (f" The number under each value is how many posts it rests on; hatched bars rest on fewer than "
                f"{FEW_POSTS} posts: too few to trust.")
        note += (f" The file's {self.cube.other_years:,} post(s) from years before {self.cube.year} are not shown: "
                 "the explorer shows one calendar year, the latest." if self.cube.other_years else "")
        if self.split.value == "side":
            flat = self.table.stack()
            posts = self.counts.stack()
            trusted = flat[(posts >= FEW_POSTS).to_numpy()].dropna()
            if trusted.empty:
                return f"{self._where(platforms)}: fewer than {FEW_POSTS} posts behind every bar.{note}"
            kind, platform = trusted.idxmax()
            return (f"{self._where(platforms)}: the highest {name} is that of {post_type_name(kind)} on "
                    f"{platform_name(platform)} ({self._value(trusted.max())}, "
                    f"{_posts(posts[(kind, platform)])}).{note}")
        values, posts = self.table["all"], self.counts["all"]
        ranked = values[(posts >= 1).to_numpy()].dropna().sort_values(ascending=False)
        if ranked.empty:
            return f"{self._where(platforms)}: no post in this period."
        best = ranked.index[0]
        if list(self.cube.types) == [ALL_POSTS]:
            return (f"{self._where(platforms)}: {self._value(values[best])} over {_posts(posts[best])}. The file does "
                    "not say which kind of post each is (the kit's expertise, conversation, reply or automated "
                    "promotion), so all posts make one bar." + self._platform_rate_sentence(platforms) + note)
        text = (f"{self._where(platforms)}: {post_type_name(best)} do best ({self._value(values[best])}, "
                f"{_posts(posts[best])})")
        promo = "automated_promo"
        if best != promo and promo in posts.index and posts[promo] > 0 and values[promo] > 0:
            text += (f", <b>{values[best] / values[promo]:.1f} times</b> the {name} of automated promotions "
                     f"({self._value(values[promo])}, {_posts(posts[promo])})")
        return text + "." + self._platform_rate_sentence(platforms) + note

    def _platform_rate_sentence(self, platforms) -> str:
        """Why the platform's own engagement rate differs from the kit's, when the export has it ("" otherwise)."""
        if self.cube.platform_rate is None or not self.measure.value.startswith("er_"):
            return ""
        value = self.cube.platform_rate_value(brand=self.brand.value, platforms=platforms, months=self.months.value)
        if value is None:
            return ""
        rate = self.cube.platform_rate
        return (f" {rate.platform}'s own engagement rate for the same posts is <b>{value:.2f} %</b>: it also counts "
                f"{rate.counts_too}, while the kit counts only likes, shares and comments (replies).")

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """Draw the current bars on the dashboard's figure."""
        plots.post_mix(self.table["all"] if list(self.table.columns) == ["all"] else self.table,
                       self.counts["all"] if list(self.counts.columns) == ["all"] else self.counts,
                       ax=ax, measure=self.measure.value, title=self.title())

    def title(self) -> str:
        """The chart's title: the measure and the brand."""
        name = plots.MEASURES[self.measure.value][0]
        under = " (value, then number of posts)" if self.split.value == "side" else ""
        if list(self.cube.types) == [ALL_POSTS]:
            return f"{brand_name(self.brand.value)}: {name}, all posts{under}"
        return f"{brand_name(self.brand.value)}: {name} by kind of post{under}"


def post_mix_dashboard(brand_posts: pd.DataFrame, accounts: pd.DataFrame | None = None, *, brand: str = "lumiere",
                       platform_rate: PlatformRate | None = None):
    """The module-02 post-mix explorer: brand, measure, platforms, months → one bar per kind of post.

    Measures: engagement rate by reach or by followers (``accounts`` gives each posting account's
    followers), and Kaushik's conversation, amplification and applause rates. The returned VBox has the
    controls as attributes (``brand``, ``measure``, ``platform_boxes``, ``split``, ``months``) and the data on
    show: ``table`` (post types × 'all' or platforms) and ``counts`` (the posts behind each value).
    ``platform_rate``: a learner's export that has the platform's own engagement count; an engagement rate
    then also says what the platform's own rate is for the same posts, and why it differs.
    """
    if not isinstance(brand_posts, pd.DataFrame):
        analytics._inputs._need_table(brand_posts, "post_mix_dashboard", "brand_posts")
    cube = _PostCube(brand_posts, accounts, platform_rate)
    if brand not in cube.brands:
        raise ValueError(f"Unknown brand {brand!r}; the data has {', '.join(cube.brands)}.")
    return PostMixDashboard(cube, brand=brand)


# --------------------------------------------------------------------------- the influencer finder


class _Authors:
    """Each author's totals (posts, likes, shares, replies, followers, role) per brand and for all three brands."""

    def __init__(self, mentions: pd.DataFrame, accounts: pd.DataFrame):
        """Total the authors' posts once per brand; fail in one plain sentence on the wrong tables."""
        for table, name, needed in ((mentions, "mentions", ("author_id", "brand", "likes", "shares", "replies")),
                                    (accounts, "accounts", ("account_id", "handle", "followers"))):
            missing = [c for c in needed if c not in table.columns]
            if missing:
                raise analytics.MissingColumn(
                    f"influencer_dashboard needs the {name} table (columns {', '.join(needed)}); this table lacks "
                    f"{', '.join(missing)}. Use data.load(\"{name}\").")
        if mentions.empty:
            raise ValueError("influencer_dashboard got an empty mentions table: there is nothing to rank.")
        present = set(mentions["brand"].astype("object"))
        self.brands = [b for b in BRANDS if b in present]
        self.tables = {ALL_BRANDS: analytics.influencer_score(mentions, accounts, method="followers")}
        for b in self.brands:
            self.tables[b] = analytics.influencer_score(mentions[mentions["brand"] == b], accounts, method="followers")
        methods = [m for m in analytics.INFLUENCE_METHODS if m != "mentions"]
        if "text" in mentions.columns:
            named = analytics.influencer_score(mentions, accounts, method="mentions")["score"]
            if (named > 0).any():  # offer "times named" only when posts name people, not only the brands
                methods.append("mentions")
                for key, table in self.tables.items():
                    rows = mentions if key == ALL_BRANDS else mentions[mentions["brand"] == key]
                    table["mentions"] = analytics.influencer_score(rows, accounts, method="mentions")["score"]
        self.methods = methods
        roles = self.tables[ALL_BRANDS]["role"].astype("object").dropna() if "role" in accounts.columns else []
        self.groups = list(pd.Series(roles).value_counts().index) if len(roles) else []

    def top(self, *, brand: str, method: str, min_followers: int, group: str, n: int = TOP):
        """(top n by the method, top n by followers, how many authors qualify) among the chosen authors."""
        table = self.tables[brand]
        keep = table["followers"].fillna(0) >= min_followers
        if group != EVERYONE:
            keep &= table["role"].astype("object") == group
        rows = table[keep]
        column = {"followers": "followers", "engagement": "engagements", "engagement_per_post": "engagement_per_post",
                  "amplification": "shares", "conversation": "replies", "mentions": "mentions"}[method]
        ranked = rows.sort_values([column, "engagements"], ascending=False, kind="mergesort")
        by_followers = rows.sort_values(["followers", "engagements"], ascending=False, kind="mergesort")
        followers_rank = pd.Series(np.arange(1, len(rows) + 1), index=by_followers.index)
        top = ranked.head(n).copy()
        top["score"] = top[column].astype(float)
        top["rank"] = np.arange(1, len(top) + 1)
        top["followers_rank"] = followers_rank.loc[top.index].to_numpy()
        shown = [c for c in ("handle", "role", "followers", "posts", "engagements", "engagement_per_post", "shares",
                             "replies", "score", "rank", "followers_rank") if c in top.columns]
        return top[shown], by_followers.head(n), len(rows)


class InfluencerDashboard(Dashboard):
    """Whose conversation, ranking method, minimum followers, who → the top 10, and how it differs from followers."""

    figsize = (9.0, 4.2)
    keep_axes = True  # the bars sit at numbers 0–9 on the y axis, named per draw: the base keeps the axes (faster)

    def __init__(self, authors: _Authors, brand: str = "lumiere"):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.authors = authors
        self.brand = w.Dropdown(options=[(f"posts about {brand_name(b)}", b) for b in authors.brands] +
                                [("posts about all three brands", ALL_BRANDS)], value=brand,
                                description="Conversation", style={"description_width": "initial"})
        self.method = w.Dropdown(options=[(analytics.INFLUENCE_METHODS[m], m) for m in authors.methods],
                                 value="followers", description="Rank by", layout=w.Layout(width="420px"),
                                 style={"description_width": "initial"})
        self.min_followers = w.SelectionSlider(options=[(f"{v:,}", v) for v in MIN_FOLLOWER_STEPS], value=0,
                                               description="Minimum followers", continuous_update=False,
                                               style={"description_width": "initial"}, layout=w.Layout(width="60%"))
        self.group = w.Dropdown(options=[("everyone", EVERYONE)] + [(group_name(g), g) for g in authors.groups],
                                value=EVERYONE, description="Who", disabled=not authors.groups)
        self.table = pd.DataFrame()
        self.by_followers = pd.DataFrame()
        self.overlap = 0
        self.candidates = 0
        controls = {"brand": self.brand, "method": self.method, "min_followers": self.min_followers,
                    "group": self.group}
        super().__init__(controls, [w.HBox([self.brand, self.group]), self.method, self.min_followers])

    def update(self) -> str:
        """Rank the authors for the current controls; return the line under the controls."""
        self.table, self.by_followers, self.candidates = self.authors.top(
            brand=self.brand.value, method=self.method.value, min_followers=self.min_followers.value,
            group=self.group.value)
        self.overlap = len(set(self.table.index) & set(self.by_followers.index))
        return self._summary_html()

    def _summary_html(self) -> str:
        """The sentence under the controls: how many accounts qualify, and how the list differs from followers."""
        about = ("all three brands" if self.brand.value == ALL_BRANDS else brand_name(self.brand.value))
        who = "accounts" if self.group.value == EVERYONE else group_name(self.group.value)
        at_least = f" with at least {self.min_followers.value:,} followers" if self.min_followers.value else ""
        pool = f"{self.candidates:,} {who}{at_least} wrote about {about} in 2025"
        if self.table.empty:
            return f"<b>No account</b> qualifies: no {who}{at_least} wrote about {about} in 2025."
        method = analytics.INFLUENCE_METHODS[self.method.value]
        if self.method.value == "followers":
            return (f"{pool}. This is the top {len(self.table)} by <b>followers</b>, the list most tools show "
                    f"(after each name, its rank). Change <b>Rank by</b> to see who actually makes people react.")
        new = [f"@{h}" for h in self.table.loc[~self.table.index.isin(self.by_followers.index), "handle"]]
        shown_new = ", ".join(new[:3]) + (f" and {len(new) - 3} more" if len(new) > 3 else "")
        return (f"{pool}. Top {len(self.table)} by <b>{method}</b>: <b>{self.overlap} of them</b> "
                f"{'is' if self.overlap == 1 else 'are'} also in the top {len(self.by_followers)} by followers"
                + (f"; new in the list: {shown_new}." if new else ".")
                + " After each name, (#n) is its rank by followers; orange bars are the accounts the follower "
                  "ranking would have missed.")

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """Draw the top 10 on the dashboard's figure, with room on the left for the @handles."""
        ax.figure.subplots_adjust(left=0.24)
        plots.influencer_ranking(self.table, ax=ax, n=TOP, label=analytics.INFLUENCE_METHODS[self.method.value],
                                 title=self.title())

    def title(self) -> str:
        """The chart's title: the method and whose conversation."""
        about = "all three brands" if self.brand.value == ALL_BRANDS else brand_name(self.brand.value)
        return f"Top {TOP} by {analytics.INFLUENCE_METHODS[self.method.value]}, {about}"


def influencer_dashboard(mentions: pd.DataFrame, accounts: pd.DataFrame, *, brand: str = "lumiere"):
    """The module-02 influencer finder: whose conversation, ranking method, minimum followers, who → top 10.

    It opens on the ranking by followers (what most tools show); each other method ranks by what people do
    with the authors' posts (Cha et al., ICWSM 2010). The returned VBox has the controls as attributes
    (``brand``, ``method``, ``min_followers``, ``group``) and the data on show: ``table`` (the top 10, with
    each account's rank by followers), ``by_followers`` (the top 10 by followers) and ``overlap``.
    """
    for value, name in ((mentions, "mentions"), (accounts, "accounts")):
        if not isinstance(value, pd.DataFrame):
            analytics._inputs._need_table(value, "influencer_dashboard", name)
    authors = _Authors(mentions, accounts)
    if brand not in authors.tables:
        raise ValueError(f"Unknown brand {brand!r}; the data has {', '.join(authors.brands)} (or 'all').")
    return InfluencerDashboard(authors, brand=brand)
