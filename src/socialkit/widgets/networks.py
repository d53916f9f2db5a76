"""The network explorer (module 06): a person → whom they reach in 1 or 2 steps, on which continents,
through which door openers; a city and an industry → the shortest introduction chain, drawn on the map.

When the dashboard opens it lays out everyone once on the schematic map (``plots.city_layout``) and
builds the graph once (``analytics`` keeps it). A control change then only looks up, or computes
once and keeps, that person's reach, door openers and the ties to draw, finds the chain
(``analytics.introduction_path``, on routes kept per person) and redraws about 400 dots and lines.
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as w
import pandas as pd

from socialkit import analytics, plots
from socialkit.analytics._inputs import _need_table
from socialkit.vocab import industry_name
from socialkit.widgets._base import (
    PROJECTOR_DPI, Dashboard, enlarge_small_text, png_output, projector, projector_figsize,
)

NOBODY = ""  # the target controls' "no target" value
ANY_INDUSTRY = ""
STEP_OPTIONS = (("1 step: people they know", 1), ("2 steps: one introduction away", 2))


class NetworkExplorer(Dashboard):
    """Whose network, how far, and whom to reach: reach by continent, door openers, the introduction chain."""

    figsize = (9.0, 5.0)

    def __init__(self, model: "_NetworkModel", *, person: str, steps: int, city: str, industry: str):
        """Make the controls, lay them out, wire them to ``refresh`` and show the first view."""
        self.model = model
        style = {"description_width": "initial"}
        self.person = w.Dropdown(options=model.person_options(person), value=person, description="Whose network",
                                 style=style, layout=w.Layout(width="60%"))
        self.steps = w.RadioButtons(options=STEP_OPTIONS, value=steps, description="Show", style=style)
        self.city = w.Dropdown(options=model.city_options(), value=city, description="Introduce me to someone in",
                               style=style)
        self.industry = w.Dropdown(options=model.industry_options(), value=industry, description="working in",
                                   style=style)
        self._map: _MapCanvas | None = None
        self.table = pd.DataFrame()  # the introduction chain on show (empty without a target)
        self.reached = pd.DataFrame()
        self.door_openers = pd.DataFrame()
        self.chain = pd.DataFrame()
        super().__init__({"person": self.person, "steps": self.steps, "city": self.city, "industry": self.industry}, [
            self.person,
            self.steps,
            w.HBox([self.city, self.industry]),
        ])

    def update(self) -> str:
        """Recompute what is shown for the current controls; return the line of text (HTML)."""
        person, steps = self.person.value, self.steps.value
        self.reached = self.model.reach(person, steps)
        self.door_openers = self.model.door_openers(person)
        self.chain, problem = self.model.chain(person, self.city.value, self.industry.value)
        self.table = self.chain
        return self._reach_text(person, steps) + self._chain_text(problem)

    def _reach_text(self, person: str, steps: int) -> str:
        """Whom the person reaches, where, and through whom."""
        name = self.model.name(person)
        counts = self.reached["steps"].value_counts()
        continents = self.reached["continent"].astype(str)
        direct = continents[self.reached["steps"] == 1]
        where = ("all in " + direct.iloc[0]) if direct.nunique() == 1 else f"on {direct.nunique()} continents"
        text = f"<b>{name}</b> {'know' if name == 'You' else 'knows'} <b>{int(counts.get(1, 0))}</b> people ({where})"
        if steps >= 2:
            text += (f"; through one introduction, <b>{int(counts.get(2, 0))}</b> more: <b>{len(self.reached)}</b> "
                     f"people on <b>{continents.nunique()}</b> continent(s) within 2 steps")
        text += "."
        openers = self.door_openers[self.door_openers["new_continents"] > 1].head(3)
        if len(openers):
            listed = ", ".join(f"{row.name} ({row.city}, {row.new_people} new people on {row.new_continents} "
                               f"continents)" for row in openers.itertuples())
            text += f" Door openers abroad: {listed}."
        else:
            text += " None of these contacts opens a door to another continent."
        return text

    def _chain_text(self, problem: str) -> str:
        """The introduction chain in words, or why there is none."""
        if problem:
            return f"<br>{problem}"
        if self.chain.empty:
            return "<br>Choose a city (and an industry) under <b>Introduce me to someone in</b> to see the chain."
        target = self.chain.iloc[-1]
        links = " → ".join(f"{row.name} ({row.city})" for row in self.chain.itertuples())
        hops = len(self.chain) - 1
        text = (f"<br>Nearest match: <b>{target['name']}</b>, {target['role']} in {target['city']}, "
                f"<b>{hops}</b> step{'s' if hops != 1 else ''} away: {links}.")
        if hops >= 2:
            first = self.chain.iloc[1]
            strength = first.get("strength")
            how_often = f" (you interact {int(strength)} time(s) a year)" if pd.notna(strength) else ""
            text += f" Ask <b>{first['name']}</b> for the first introduction{how_often}."
        return text

    def _foreground(self) -> dict:
        """What the map shows for the current controls: people, ties, chain, names."""
        people, ties = self.model.drawing(self.person.value, self.steps.value, self.chain)
        labels = list(self.door_openers[self.door_openers["new_continents"] > 1]["contact_id"].head(2))
        return {"people": people, "ties": ties, "chain": self.chain if len(self.chain) else None, "labels": labels}

    def draw(self, ax) -> None:
        """The person's neighbourhood on the map, the chain highlighted (the whole drawing, on any axes)."""
        shown = self._foreground()
        plots.network_map(shown.pop("people"), shown.pop("ties"), self.model.layout, ax=ax,
                          everyone=self.model.contacts, title=self.title(), **shown)

    def _redraw(self) -> None:
        """Draw only what changed onto the map drawn once (Matplotlib blitting), and show it as one PNG."""
        if self._map is None:
            self._map = _MapCanvas(self.figsize, self.model)
        shown = self._foreground()
        png = self._map.render(shown.pop("people"), shown.pop("ties"), title=self.title(), **shown)
        self.ax = self._map.ax
        self.chart.outputs = (png_output(png, self.title()),)

    def title(self) -> str:
        """The chart's title: whose network, how far, and the target if any."""
        name = self.model.name(self.person.value)
        steps = self.steps.value
        head = f"{plots.networks.possessive(name)} network within {steps} step{'s' if steps > 1 else ''}"
        if len(self.chain):
            head += f"; chain to {self.chain.iloc[-1]['name']} ({self.chain.iloc[-1]['city']})"
        return head


class _MapCanvas:
    """One figure for the dashboard's life: the map's background drawn once, each view drawn over a copy of it.

    Matplotlib's blitting: the extent, city names and legend are drawn once and their pixels kept;
    a view restores those pixels and draws only its own dots, lines, names and title on top (about
    ten times faster than drawing the whole figure again).
    """

    def __init__(self, figsize, model: "_NetworkModel", dpi: int = 90):
        """Draw the background once and keep its pixels."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.projector = projector()
        if self.projector:
            figsize, dpi = projector_figsize(figsize), PROJECTOR_DPI
        self.figure = Figure(figsize=figsize, dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0.01, 0.01, 0.98, 0.9))
        plots.networks.map_background(self.ax, model.layout, model.contacts)
        self.heading = self.figure.text(0.5, 0.97, "", ha="center", va="top", fontsize="medium", animated=True)
        if self.projector:
            enlarge_small_text([self.figure], dpi)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)
        self.model = model

    def render(self, people, ties, *, chain, labels, title: str) -> bytes:
        """Restore the background, draw this view's artists and title over it, and return the PNG."""
        import io

        import numpy as np
        from PIL import Image

        self.canvas.restore_region(self.background)
        artists = plots.networks.map_foreground(self.ax, people, ties, self.model.layout, chain=chain,
                                                labels=labels, animated=True)
        if self.projector:
            enlarge_small_text(artists, self.figure.dpi)
        try:
            for artist in artists:
                self.ax.draw_artist(artist)
            self.heading.set_text(title)
            self.figure.draw_artist(self.heading)
            buffer = io.BytesIO()
            # RGB (the map is opaque) and level 1 compression: a quarter less to encode than RGBA, fast
            pixels = np.asarray(self.canvas.buffer_rgba())[:, :, :3]
            Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
        finally:
            for artist in artists:
                artist.remove()
        return buffer.getvalue()


class _NetworkModel:
    """The network's tables, the map layout and, per person, what the dashboard shows — each computed once."""

    def __init__(self, contacts: pd.DataFrame, connections: pd.DataFrame):
        """Check the tables, build the graph (kept by analytics) and lay everyone out once on the map."""
        _need_table(contacts, "network_explorer", "contacts")
        _need_table(connections, "network_explorer", "connections")
        for needed, table in ((("contact_id", "name", "city", "continent", "industry"), contacts),
                              (("source", "target", "strength"), connections)):
            missing = [c for c in needed if c not in table.columns]
            if missing:
                raise analytics.NetworkError(f"network_explorer needs the tables contacts and connections (in that order); one "
                               f"of them lacks {', '.join(missing)}. Use data.load('contacts') and "
                               f"data.load('connections').")
        if contacts.empty:
            raise analytics.NetworkError("network_explorer got an empty contacts table: there is nobody to show.")
        self.contacts, self.connections = contacts, connections
        analytics.reach(contacts, connections, contacts["contact_id"].iloc[0], 1)  # builds and keeps the graph
        self.layout = plots.city_layout(contacts)
        self.names = contacts.set_index("contact_id")["name"].astype(str)
        self.reach = lru_cache(maxsize=64)(self._reach)
        self.door_openers = lru_cache(maxsize=64)(self._door_openers)
        self._ties = lru_cache(maxsize=64)(self._reach_ties)
        self.chain = lru_cache(maxsize=256)(self._chain)

    def person_id(self, who) -> str:
        """The contact_id of a person named by id or full name (a plain error otherwise)."""
        return str(analytics.reach(self.contacts, self.connections, who, 1, include_person=True)["contact_id"].iloc[0])

    def name(self, person: str) -> str:
        return self.names.get(person, person)

    def person_options(self, person: str) -> list[tuple[str, str]]:
        """The person and everyone they know, as (label, id): the person first, then by name."""
        people = analytics.reach(self.contacts, self.connections, person, 1, include_person=True)
        first, rest = people.iloc[[0]], people.iloc[1:].sort_values("name", kind="stable")
        me = analytics.networks.ME
        if person != me and me in set(self.contacts["contact_id"]):
            first = pd.concat([analytics.reach(self.contacts, self.connections, me, 1, include_person=True).iloc[[0]],
                               first])
            rest = rest[rest["contact_id"] != me]
        return [(f"{row.name} — {row.role} ({row.city})", row.contact_id)
                for row in pd.concat([first, rest]).itertuples()]

    def city_options(self) -> list[tuple[str, str]]:
        """Every city, grouped by continent, after the "nobody" choice."""
        from socialkit.analytics.networks import CONTINENT_ORDER

        cities = self.contacts[["city", "continent"]].astype(str).drop_duplicates()
        rank = {c: i for i, c in enumerate(CONTINENT_ORDER)}
        cities = cities.assign(r=cities["continent"].map(rank).fillna(99)).sort_values(["r", "city"])
        return [("— nobody —", NOBODY)] + [(f"{row.city} ({row.continent})", row.city) for row in cities.itertuples()]

    def industry_options(self) -> list[tuple[str, str]]:
        """"any industry", then every industry of the data in words."""
        present = sorted(set(self.contacts["industry"].astype(str)), key=industry_name)
        return [("any industry", ANY_INDUSTRY)] + [(industry_name(i), i) for i in present]

    def _reach(self, person: str, steps: int) -> pd.DataFrame:
        return analytics.reach(self.contacts, self.connections, person, steps)

    def _door_openers(self, person: str) -> pd.DataFrame:
        return analytics.door_openers(self.contacts, self.connections, person)

    def _reach_ties(self, person: str, steps: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        people = analytics.reach(self.contacts, self.connections, person, steps, include_person=True)
        return people, plots.networks.reach_ties(people, self.connections)

    def _chain(self, person: str, city: str, industry: str) -> tuple[pd.DataFrame, str]:
        """(the chain to the nearest person in ``city`` working in ``industry``, or why there is none)."""
        if city == NOBODY and industry == ANY_INDUSTRY:
            return pd.DataFrame(), ""
        try:
            chain = analytics.introduction_path(self.contacts, self.connections, person,
                                                city=city or None, industry=industry or None)
        except analytics.NetworkError:
            where = f" in {city}" if city else ""
            what = f" working in {industry_name(industry)}" if industry else ""
            return pd.DataFrame(), f"Nobody{where}{what} can be reached from {self.name(person)}: try another choice."
        if len(chain) == 1:
            return pd.DataFrame(), f"{self.name(person)} is the match: choose another city or industry."
        return chain, ""

    def drawing(self, person: str, steps: int, chain: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The people and ties to draw: the neighbourhood, plus the chain's people and ties beyond it."""
        people, ties = self._ties(person, steps)
        if chain.empty:
            return people, ties
        beyond = chain[~chain["contact_id"].isin(people["contact_id"])]
        if beyond.empty:
            return people, ties
        people = pd.concat([people, beyond.drop(columns=["step", "strength"], errors="ignore")
                            .assign(steps=steps + 1)], ignore_index=True)
        return people, ties


def network_explorer(contacts: pd.DataFrame, connections: pd.DataFrame, *, person="You", steps: int = 2,
                     city: str | None = None, industry: str | None = None):
    """The module-06 network explorer: whose network, 1 or 2 steps, and a target city/industry → the chain on a map.

    ``person``: a name or id (default "You", the managing director); ``city``/``industry``: an
    optional first target (codes as in the data, e.g. "Bogotá", "agriculture"). The returned VBox
    has the controls as attributes (``person``, ``steps``, ``city``, ``industry``) and the data on
    show: ``table`` (the introduction chain, empty without a target), ``reached`` (everyone within
    the steps shown), ``door_openers``.
    """
    model = _NetworkModel(contacts, connections)
    who = model.person_id(person)
    if steps not in (1, 2):
        raise analytics.NetworkError(f"steps must be 1 or 2 (the dashboard shows one or two steps); got {steps!r}.")
    cities = [value for _, value in model.city_options()]
    if (city or NOBODY) not in cities:
        raise analytics.NetworkError(f"There is nobody in {city!r}. Cities in the data: {', '.join(cities[1:])}.")
    industries = [value for _, value in model.industry_options()]
    if (industry or ANY_INDUSTRY) not in industries:
        raise analytics.NetworkError(f"No one works in {industry!r}. Industries in the data: {', '.join(industries[1:])}.")
    return NetworkExplorer(model, person=who, steps=steps, city=city or NOBODY, industry=industry or ANY_INDUSTRY)
