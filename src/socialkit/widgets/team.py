"""The team social map (module 07): who counts as active, which people, which team, which months → a heat
map of teams × platforms and the group's potential advocacy reach next to the brand's own followers.

Everything is counted once when the dashboard opens — for each employee, platform and month, whether they
posted, and whether they posted about Café Lumière — so a control change only takes "any" over a few
months and sums small arrays per team.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import analytics, plots
from socialkit.analytics.team import ANY_PLATFORM, _team_order
from socialkit.schema import PLATFORMS
from socialkit.vocab import PLATFORM_NAMES, team_name
from socialkit.widgets._base import Dashboard, enlarge_small_text, projector

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ACTIVE_OPTIONS = (("in the staff survey", "survey"), ("posted", "posted"),
                  ("posted about Café Lumière", "about"))
WHO_OPTIONS = (("everyone", "everyone"), ("advocacy programme members", "members"),
               ("not in the programme", "others"))
ALL_TEAMS = "all"
SMALLEST_GROUP = 5  # fewer people than this: no figure is shown (a % of one or two people describes a person)
ACTIVE_WORDS = {"survey": "say they are active on at least one platform (staff survey)",
                "posted": "posted at least once", "about": "posted about Café Lumière"}
MAP_TITLES = {"survey": "Staff survey: who is active on each platform", "posted": "Who posted",
              "about": "Who posted about Café Lumière"}
REACH_LEFT, REACH_WIDTH = 1.2, 0.42  # the reach bars start 1.2 map-widths right of the map's left edge
FIT_PAD_POINTS = 4  # the air between the texts and the figure's edges
PLATFORM_SLANT = 30  # degrees: the platforms' names slant when they do not fit side by side
TITLE_PAD_POINTS = 6  # Matplotlib's gap between a title and its axes (rcParams["axes.titlepad"])
WHO_WORDS = {"everyone": "employees", "members": "advocacy programme members",
             "others": "employees outside the programme"}


class _TeamCube:
    """Per employee × platform × month: did they post, did they post about Café Lumière; plus survey flags."""

    def __init__(self, employees: pd.DataFrame, employee_posts: pd.DataFrame, accounts: pd.DataFrame):
        """Count once; fail in one plain sentence when a table is not the one the dashboard needs."""
        for table, name, needed in (
                (employees, "employees", ("employee_id", "team", "followers", "advocacy_opt_in",
                                          *(f"active_{p}" for p in PLATFORMS))),
                (employee_posts, "employee_posts", ("employee_id", "ts", "platform", "mentions_company")),
                (accounts, "accounts", ("role", "followers"))):
            if not isinstance(table, pd.DataFrame):
                raise analytics.WrongInput(f"team_map_dashboard needs the {name} table here, e.g. "
                                           f"data.load(\"{name}\").")
            missing = [c for c in needed if c not in table.columns]
            if missing:
                raise KeyError(f"team_map_dashboard needs the {name} table (columns {', '.join(needed)}); this table "
                               f"lacks {', '.join(missing)}. Use data.load(\"{name}\").")
        if employees.empty:
            raise ValueError("team_map_dashboard got an empty employees table: there is nobody to show.")
        staff = employees.drop_duplicates("employee_id").reset_index(drop=True)
        self.teams = _team_order(staff["team"].astype("object"))
        self.team_of = pd.Categorical(staff["team"].astype("object"), categories=self.teams).codes
        self.followers = staff["followers"].to_numpy(dtype=float)
        self.member = staff["advocacy_opt_in"].to_numpy(dtype=bool)
        self.survey = staff[[f"active_{p}" for p in PLATFORMS]].to_numpy(dtype=bool)
        self.brand_followers = analytics.brand_reach(accounts)
        self.brand_accounts = int((accounts["role"].astype("object") == "brand").sum())
        who = pd.Index(staff["employee_id"]).get_indexer(employee_posts["employee_id"])
        where = pd.Categorical(employee_posts["platform"].astype("object"), categories=list(PLATFORMS)).codes
        month = pd.to_datetime(employee_posts["ts"]).dt.month.to_numpy() - 1
        keep = (who >= 0) & (where >= 0)
        shape = (len(staff), len(PLATFORMS), 12)
        about = employee_posts["mentions_company"].to_numpy(dtype=bool)
        self.posted = self._flags(shape, who[keep], where[keep], month[keep])
        self.about = self._flags(shape, who[keep & about], where[keep & about], month[keep & about])

    @staticmethod
    def _flags(shape, who, where, month) -> np.ndarray:
        """True where an employee posted at least once on a platform in a month."""
        flat = np.ravel_multi_index((who, where, month), shape)
        return np.bincount(flat, minlength=int(np.prod(shape))).reshape(shape) > 0

    def people(self, who: str) -> np.ndarray:
        """Which employees a "who" choice keeps."""
        if who == "members":
            return self.member
        if who == "others":
            return ~self.member
        return np.ones(len(self.member), bool)

    def view(self, *, active: str, who: str, team: str, months: tuple[int, int]):
        """(map, summary numbers): % of each team's selected people active on each platform, and reach."""
        first, last = months
        keep = self.people(who)
        if active == "survey":
            on = self.survey
        else:
            cube = self.about if active == "about" else self.posted
            on = cube[:, :, first - 1:last].any(axis=2)
        any_platform = on.any(axis=1)
        counts = np.zeros((len(self.teams), len(PLATFORMS) + 1))
        headcount = np.bincount(self.team_of[keep], minlength=len(self.teams)).astype(float)
        for j in range(len(PLATFORMS)):
            counts[:, j] = np.bincount(self.team_of[keep], weights=on[keep, j], minlength=len(self.teams))
        counts[:, -1] = np.bincount(self.team_of[keep], weights=any_platform[keep], minlength=len(self.teams))
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = 100 * counts / headcount[:, None]
        shares[headcount < SMALLEST_GROUP] = np.nan  # too few people to speak of a team
        table = pd.DataFrame(shares, index=pd.Index(self.teams, name="team"),
                             columns=pd.Index([*PLATFORMS, ANY_PLATFORM], name="platform"))
        in_team = keep if team == ALL_TEAMS else keep & (self.team_of == self.teams.index(team))
        sharers = in_team & self.about[:, :, first - 1:last].any(axis=(1, 2))
        numbers = {
            "headcount": int(in_team.sum()),
            "active": int((in_team & any_platform).sum()),
            "sharers": int(sharers.sum()),
            "followers": int(self.followers[sharers].sum()),
        }
        row = table.loc[team] if team != ALL_TEAMS else None
        numbers["best_platform"] = None
        if row is not None and row.iloc[:-1].notna().any() and row.iloc[:-1].max() > 0:
            numbers["best_platform"] = (row.iloc[:-1].idxmax(), float(row.iloc[:-1].max()))
        return table, numbers


class TeamMapDashboard(Dashboard):
    """Who counts as active, which people, which team, which months → the team social map and the reach."""

    figsize = (9.4, 3.9)
    keep_axes = True  # the map's ticks (teams, platforms) never change: keep them between redraws

    def __init__(self, cube: _TeamCube):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.cube = cube
        self.active = w.ToggleButtons(options=ACTIVE_OPTIONS, value="about", style={"button_width": "210px"})
        self.who = w.Dropdown(options=WHO_OPTIONS, value="everyone", description="Who",
                              style={"description_width": "initial"})
        self.team = w.Dropdown(options=[("all teams", ALL_TEAMS)] + [(team_name(t), t) for t in cube.teams],
                               value=ALL_TEAMS, description="Team", style={"description_width": "initial"})
        self.months = w.SelectionRangeSlider(options=[(m, i + 1) for i, m in enumerate(MONTHS)], index=(0, 11),
                                             description="Months", continuous_update=False,
                                             layout=w.Layout(width="70%"))
        self.table = pd.DataFrame()
        self.reach = pd.DataFrame()
        self.numbers: dict = {}
        self._ticks: tuple | None = None  # the teams' and platforms' names, measured once (see _fit)
        self._slanted = False
        super().__init__(
            {"active": self.active, "who": self.who, "team": self.team, "months": self.months},
            [w.HBox([w.Label("Who counts as active:"), self.active]), w.HBox([self.who, self.team]), self.months])

    def update(self) -> str:
        """Recompute the map and the reach for the current controls; return the line under the controls."""
        self.months.disabled = self.active.value == "survey"
        self.table, self.numbers = self.cube.view(active=self.active.value, who=self.who.value,
                                                  team=self.team.value, months=self.months.value)
        self.reach = pd.DataFrame({
            "people": [self.cube.brand_accounts, self.numbers["sharers"]],
            "followers": [self.cube.brand_followers, self.numbers["followers"]],
        }, index=["the brand's own accounts", "these people"])
        return self._summary_html()

    def _group(self) -> str:
        """The people chosen, in words: "advocacy programme members of the café teams"."""
        people = WHO_WORDS[self.who.value]
        return people if self.team.value == ALL_TEAMS else f"{people} of {team_name(self.team.value)}"

    def _period(self) -> str:
        """The months chosen, in words ("Jan–Dec")."""
        first, last = self.months.value
        return MONTHS[first - 1] if first == last else f"{MONTHS[first - 1]}–{MONTHS[last - 1]}"

    def _summary_html(self) -> str:
        """The sentence under the controls: participation of the group, then its potential reach."""
        n = self.numbers
        if n["headcount"] == 0:
            return f"<b>Nobody</b> is among the {self._group()}: choose another team or another <b>Who</b>."
        if n["headcount"] < SMALLEST_GROUP:
            return (f"<b>Fewer than {SMALLEST_GROUP} people</b> are among the {self._group()}: no figure is shown, "
                    f"because a figure about one or two people is a figure about a person. Choose a larger group.")
        blank = ""
        if np.isnan(self.table.to_numpy()).any():
            blank = (f" Blank rows: fewer than {SMALLEST_GROUP} such people in the team, so no figure is shown "
                     f"(it would describe a person, not a team).")
        when = "" if self.active.value == "survey" else f" in {self._period()}"
        share = 100 * n["active"] / n["headcount"]
        best = ""
        if n["best_platform"] is not None:
            platform, value = n["best_platform"]
            best = f", most on {PLATFORM_NAMES[platform]} ({value:.0f} %)"
        brand = self.cube.brand_followers
        ratio = n["followers"] / brand if brand else float("nan")
        return (f"<b>Participation:</b> {share:.0f} % of the {n['headcount']} {self._group()} "
                f"{ACTIVE_WORDS[self.active.value]}{when}{best}. "
                f"<b>Potential reach:</b> the {n['sharers']} who posted about Café Lumière in {self._period()} have "
                f"<b>{n['followers']:,} followers</b> in all, {ratio:.2f} × the brand's own {brand:,}. An upper bound: "
                f"a person who follows several of them, or the brand too, is counted once for each.{blank}")

    def draw(self, ax) -> None:
        """The heat map on the left, the reach bars on the right, placed so that every text fits the figure."""
        highlight = None if self.team.value == ALL_TEAMS else self.team.value
        plots.adoption_heatmap(self.table, ax=ax, highlight=highlight, xlabel=False,
                               title=MAP_TITLES[self.active.value]
                               + ("" if self.active.value == "survey" else f", {self._period()}") + " (% of team)")
        small = self.numbers["headcount"] < SMALLEST_GROUP
        plots.reach_inset(None if small else self.numbers["followers"], self.cube.brand_followers, ax,
                          people=self.numbers["sharers"], accounts=self.cube.brand_accounts,
                          hidden_as="too few people to show", left=REACH_LEFT, width=REACH_WIDTH)
        self._fit(ax)

    def _fit(self, ax) -> None:
        """Place the map so that the team names (left), the reach texts (right) and the title (top) lie in the figure.

        Every text is measured at its final size (the projector's larger text first), so the longest team
        name and the longest reach line set the margins, on a screen and on a projector alike. The teams'
        and platforms' names never change: they are measured once.
        """
        figure = ax.figure
        renderer = figure.canvas.get_renderer()
        if projector():
            enlarge_small_text([ax.title, *ax.texts], figure.dpi)
        if self._ticks is None:
            self._ticks = _tick_sizes(ax, renderer)
        names_width, platforms_width, upright_height, slanted_height = self._ticks
        width, height = figure.bbox.width, figure.bbox.height
        pad = FIT_PAD_POINTS * figure.dpi / 72
        tick_pad = (ax.yaxis.get_major_ticks()[0].get_pad() + 2) * figure.dpi / 72
        reach_width = max(t.get_window_extent(renderer).width for t in ax.texts)
        left = pad + names_width + tick_pad
        room = width - left - pad
        map_width = min((room - reach_width) / REACH_LEFT, room / (REACH_LEFT + REACH_WIDTH))
        slanted = platforms_width + 2 * pad > map_width / len(self.table.columns)
        if slanted != self._slanted:  # upright, unless the platforms' names are wider than their columns
            for label in ax.get_xticklabels():
                label.set(rotation=PLATFORM_SLANT if slanted else 0, ha="right" if slanted else "center",
                          rotation_mode="anchor" if slanted else "default")
            self._slanted = slanted
        _fit_title(ax, renderer, 2 * min(left + map_width / 2, width - left - map_width / 2) - 2 * pad)
        bottom = pad + (slanted_height if slanted else upright_height) + tick_pad
        top = pad + ax.title.get_window_extent(renderer).height + (TITLE_PAD_POINTS + 2) * figure.dpi / 72
        map_height = height - bottom - top - 0.01 * height  # the title sits 1 % above the map (Chart.render)
        ax.set_position([left / width, bottom / height, map_width / width, map_height / height])

    def title(self) -> str:
        """The chart's title, also its alternative text."""
        return (f"{MAP_TITLES[self.active.value]}, by team and platform, and the potential reach of the "
                f"{self._group()} who posted about Café Lumière, {self._period()}")


def _tick_sizes(ax, renderer) -> tuple[float, float, float, float]:
    """In pixels, at their final size: the widest team name, the widest platform name, and the platforms' height
    upright and slanted."""
    teams, platforms = ax.get_yticklabels(), ax.get_xticklabels()
    if projector():
        enlarge_small_text([*teams, *platforms], ax.figure.dpi)

    def boxes(texts):
        return [t.get_window_extent(renderer) for t in texts if t.get_text()]

    upright = boxes(platforms)
    for label in platforms:
        label.set(rotation=PLATFORM_SLANT, ha="right", rotation_mode="anchor")
    slanted = boxes(platforms)
    for label in platforms:
        label.set(rotation=0, ha="center", rotation_mode="default")
    return (max(b.width for b in boxes(teams)), max(b.width for b in upright), max(b.height for b in upright),
            max(b.height for b in slanted))


def _fit_title(ax, renderer, room: float) -> None:
    """Break the title on two lines (at the comma or colon nearest its middle) when it is wider than ``room`` pixels."""
    text = ax.title.get_text()
    if "\n" in text or ax.title.get_window_extent(renderer).width <= room:
        return
    breaks = [i for i, c in enumerate(text) if c in ",:" and text[i + 1:i + 2] == " "]
    if breaks:
        at = min(breaks, key=lambda i: abs(i - len(text) / 2))
        ax.title.set_text(text[:at + 1] + "\n" + text[at + 2:])


def team_map_dashboard(employees: pd.DataFrame, employee_posts: pd.DataFrame, accounts: pd.DataFrame):
    """The module-07 team social map: who counts as active, who, team and months → heat map and reach.

    The returned VBox has the controls as attributes (``active``, ``who``, ``team``, ``months``) and the
    data on show: ``table`` (% of each team's chosen people active on each platform, and on any),
    ``reach`` (the brand's own followers and the group's potential reach) and ``numbers``.
    """
    return TeamMapDashboard(_TeamCube(employees, employee_posts, accounts))
