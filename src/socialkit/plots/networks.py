"""Network charts (module 06): reach by continent, door openers, brokers, kinds of ties, ties made per
year, and drawings of a network — the 2-step neighbourhood on a schematic world map, or a small network.

Drawings use plain Matplotlib collections (one scatter, one LineCollection), not networkx's drawing
helpers, so a dashboard can redraw a neighbourhood of a few hundred people quickly. On the map each
city has a fixed place (roughly where it is in the world, Europe enlarged) and its people sit in a
disc around it, so the layout is computed once, costs nothing, and reads like a map.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from socialkit.plots._style import new_ax

# Okabe & Ito (2008), "Color Universal Design": one colour per continent.
CONTINENT_COLORS = {
    "Europe": "#0072B2", "North America": "#E69F00", "South America": "#009E73",
    "Africa": "#D55E00", "Asia": "#CC79A7", "Oceania": "#56B4E9",
}
OTHER_COLOR = "#7A7A7A"
CHAIN_COLOR = "#111111"
# Where each city sits on the schematic map (x east, y north; Europe enlarged so its cities do not overlap).
CITY_PLACES = {
    "London": (-40, 38), "Paris": (-14, 18), "Brussels": (14, 40), "Amsterdam": (32, 52), "Berlin": (54, 38),
    "Bordeaux": (-40, -6), "Lyon": (14, -10), "Geneva": (44, 0), "Milan": (58, -24), "Marseille": (22, -42),
    "Barcelona": (-16, -42), "Lille": (-18, 44), "Manchester": (-52, 52),
    "San Francisco": (-152, 14), "Toronto": (-122, 30), "Montréal": (-94, 42), "New York": (-100, 12),
    "Bogotá": (-106, -32), "São Paulo": (-74, -62),
    "Addis Ababa": (62, -72), "Nairobi": (44, -94), "Dakar": (-30, -78),
    "Tokyo": (162, 32), "Singapore": (132, -40), "Sydney": (172, -84),
}
# Where a city the map does not know goes: around its continent's middle.
CONTINENT_PLACES = {
    "Europe": (10, 0), "North America": (-115, 25), "South America": (-90, -50), "Africa": (50, -80),
    "Asia": (145, 0), "Oceania": (170, -80),
}
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# The distances of ``analytics.tie_types`` as a bar label says them ("same continent" alone reads as "same place").
DISTANCE_LABELS = {"same city": "same city", "same continent": "another city,\nsame continent",
                   "other continent": "another continent"}


def continent_color(continent) -> str:
    """The continent's colour, the same in every network chart."""
    return CONTINENT_COLORS.get(str(continent), OTHER_COLOR)


# --------------------------------------------------------------------------- charts of numbers


def reach_by_continent(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Horizontal stacked bars: people reached on each continent at 1 step, 2 steps … (``analytics.reach_by_continent``)."""
    ax = new_ax(ax, figsize=(8, 3.6))
    rows = list(table.index)[::-1]  # first continent on top
    left = np.zeros(len(rows))
    shades = ["#333333", "#8C8C8C", "#C8C8C8", "#E4E4E4"]
    for i, column in enumerate(table.columns):
        values = table.loc[rows, column].to_numpy(dtype=float)
        label = {"1 step": "1 step: people you know", "2 steps": "2 steps: one introduction away"}.get(column, column)
        ax.barh(rows, values, left=left, color=shades[min(i, len(shades) - 1)], label=label)
        left += values
    for y, total in enumerate(left):
        ax.annotate(f"{int(total):,}", (total, y), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize="small")
    for tick, row in zip(ax.get_yticklabels(), rows):
        tick.set_color(continent_color(row))
    ax.set_xlim(0, max(1.0, left.max()) * 1.12)
    ax.set_xlabel("people reached (count)")
    ax.set_ylabel("continent")
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    ax.set_title(title or "Whom you can reach, continent by continent")
    return ax


def door_openers(table: pd.DataFrame, ax=None, *, top: int = 10, title: str | None = None):
    """Horizontal bars: the ``top`` contacts by new people reached through them, with their continents (``analytics.door_openers``)."""
    shown = table.head(top).iloc[::-1]
    ax = new_ax(ax, figsize=(8, 0.35 * len(shown) + 1.4))
    labels = [f"{row.name} ({row.city})" for row in shown.itertuples()]
    colors = ["#009E73" if n > 1 else "#BBBBBB" for n in shown["new_continents"]]
    ax.barh(labels, shown["new_people"].to_numpy(), color=colors)
    for y, row in enumerate(shown.itertuples()):
        strength = f", you interact {int(row.strength)}× a year" if "strength" in shown.columns else ""
        ax.annotate(f"{row.new_continents} continent{'s' if row.new_continents != 1 else ''}{strength}",
                    (row.new_people, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize="small")
    ax.set_xlim(0, max(1.0, float(shown["new_people"].max())) * 1.6)
    ax.set_xlabel("new people you reach through them (count)")
    ax.set_title(title or "Which of your contacts open new doors (green: more than one continent)")
    return ax


def brokers(table: pd.DataFrame, ax=None, *, top: int = 12, title: str | None = None):
    """Horizontal bars of betweenness (%) for the ``top`` brokers (``analytics.brokers``).

    With the column ``steps`` (``analytics.brokers(…, person="You")``) the bars say who they are to
    that person: the person, their contacts, the others.
    """
    shown = table.head(top).iloc[::-1]
    ax = new_ax(ax, figsize=(8, 0.33 * len(shown) + 1.4))
    steps = shown["steps"].fillna(99).to_numpy() if "steps" in shown.columns else np.full(len(shown), 99)
    kinds = ["you" if s == 0 else "your contact" if s == 1 else "not (yet) your contact" for s in steps]
    palette = {"you": "#E69F00", "your contact": "#0072B2", "not (yet) your contact": "#BBBBBB"}
    names = shown["name"] if "name" in shown.columns else shown.index.to_series()  # Florence: the label is the name
    cities = shown["city"] if "city" in shown.columns else None
    labels = [str(name) if cities is None else f"{name} ({city})" for name, city in
              zip(names, cities if cities is not None else names)]
    ax.barh(labels, shown["betweenness_pct"].to_numpy(), color=[palette[k] for k in kinds])
    for kind, color in palette.items():
        if kind in kinds:
            ax.barh([labels[kinds.index(kind)]], [0], color=color, label=kind)
    ax.set_xlabel("betweenness (% of shortest chains between two others that run through them)")
    ax.legend(loc="lower right", frameon=False, fontsize="small")
    ax.set_title(title or "The brokers of the network")
    return ax


def tie_types(ties: pd.DataFrame, ax=None, *, title: str | None = None):
    """Bars of the % of ties that are local bridges, by distance, each with its median interactions a year (``analytics.tie_types``)."""
    from socialkit.analytics.networks import DISTANCES

    groups = ties.groupby("distance", observed=True)
    order = [d for d in DISTANCES if d in groups.groups]
    bridge = groups["local_bridge"].mean().reindex(order) * 100
    ax = new_ax(ax, figsize=(7, 3.6))
    bars = ax.bar([DISTANCE_LABELS.get(d, d) for d in order], bridge.to_numpy(),
                  color=["#0072B2", "#56B4E9", "#E69F00"][: len(order)])
    for bar, distance in zip(bars, order):
        rows = ties[ties["distance"] == distance]
        lines = [f"{bridge[distance]:.1f} % bridges", f"{len(rows):,} ties"]
        if "strength" in ties.columns:
            lines.append(f"median {rows['strength'].median():g} a year")
        ax.annotate("\n".join(lines), (bar.get_x() + bar.get_width() / 2, bar.get_height()), xytext=(0, 3),
                    textcoords="offset points", ha="center", va="bottom", fontsize="small")
    ax.set_ylim(0, 118)
    ax.set_ylabel("local bridges (% of these ties)")
    ax.set_xlabel("where the two people live")
    ax.set_title(title or "Ties between places are rare and weak, and they are the bridges")
    return ax


def ties_per_year(ties: pd.DataFrame, ax=None, *, since: int = 2015, share: bool = True, title: str | None = None):
    """Lines: ties made each year, one line per distance (same city, same continent, other continent); years from ``since`` shaded.

    ``share=True`` draws each year's ties as a % of all the ties of that distance, so a kind with a few
    hundred ties and one with thousands are read on the same scale; ``share=False`` draws the counts.
    """
    from socialkit.analytics.networks import DISTANCES

    year = pd.to_datetime(ties["since"]).dt.year
    table = pd.crosstab(year, ties["distance"]).reindex(columns=[d for d in DISTANCES if d in set(ties["distance"])])
    if share:
        table = 100 * table / table.sum()
    ax = new_ax(ax, figsize=(8, 3.4))
    colors = dict(zip(DISTANCES, ["#0072B2", "#56B4E9", "#E69F00"]))
    for distance in table.columns:
        ax.plot(table.index, table[distance].to_numpy(), color=colors[distance], lw=2,
                label=DISTANCE_LABELS.get(distance, distance).replace("\n", " "))
    last = int(table.index.max()) if len(table) else 2025
    ax.axvspan(since - 0.5, max(last, since) + 0.5, color="#EEEEEE", zorder=0)
    ax.annotate(f"since {since}", (since - 0.5, 1), xycoords=("data", "axes fraction"), xytext=(4, -14),
                textcoords="offset points", fontsize="small", color="#555555")
    ax.set_xlabel("year the tie was made")
    ax.set_ylabel("ties made that year (% of the ties\nof that kind)" if share else "ties made that year (count)")
    ax.legend(loc="upper left", frameon=False, fontsize="small")
    ax.set_title(title or "Ties made each year, by where the two people live")
    return ax


# --------------------------------------------------------------------------- drawings of a network


BIGGEST_DISC = 18.0  # radius of the biggest city's disc on the map (Lyon, with about 300 people at scale 1)


def disc_spacing(city_sizes) -> float:
    """Distance between two people in a city's disc: 1, or less when a city is so big its disc would cover others."""
    biggest = max([int(n) for n in city_sizes] or [1])
    return min(1.0, BIGGEST_DISC / math.sqrt(biggest))


def city_layout(people: pd.DataFrame, *, spacing: float | None = None) -> pd.DataFrame:
    """A place (x, y) for every person: their city's place on the schematic map, in a disc of their city's people.

    People of one city fill a sunflower pattern (Vogel's spiral, ``spacing`` apart; by default 1, or
    less for a very big network, see ``disc_spacing``) around the city's place, in the order of their
    contact_id, so the layout is the same every time. Returns columns x, y and the index contact_id.
    """
    if spacing is None:
        spacing = disc_spacing(people["city"].astype(str).value_counts())
    x = np.zeros(len(people))
    y = np.zeros(len(people))
    order = people.reset_index(drop=True).sort_values(["city", "contact_id"], kind="stable")
    unknown_rank: dict[str, int] = {}
    for city, rows in order.groupby("city", sort=True, observed=True):
        idx = rows.index.to_numpy()
        if city in CITY_PLACES:
            cx, cy = CITY_PLACES[city]
        else:  # a city the map does not know: around its continent's middle, on a ring
            continent = str(rows["continent"].iloc[0]) if "continent" in rows.columns else ""
            rank = unknown_rank[continent] = unknown_rank.get(continent, -1) + 1
            mx, my = CONTINENT_PLACES.get(continent, (0, 110))
            cx, cy = mx + 22 * math.cos(rank * 2.4), my + 22 * math.sin(rank * 2.4)
        k = np.arange(len(idx))
        radius = spacing * np.sqrt(k + 0.5)
        x[idx] = cx + radius * np.cos(k * GOLDEN_ANGLE)
        y[idx] = cy + radius * np.sin(k * GOLDEN_ANGLE)
    return pd.DataFrame({"x": x, "y": y}, index=pd.Index(people["contact_id"].to_numpy(), name="contact_id"))


def _chain_ids(chain) -> list[str]:
    """The contact ids of a chain given as a table (``analytics.introduction_path``) or a list."""
    if chain is None:
        return []
    if isinstance(chain, pd.DataFrame):
        return [str(p) for p in chain["contact_id"]]
    return [str(p) for p in chain]


def _positions(layout: pd.DataFrame, ids) -> np.ndarray:
    """The (x, y) of these contact ids in ``layout``, as an array (one fast lookup, not one per person)."""
    rows = layout.index.get_indexer(pd.Index(ids, dtype=object).astype(str))
    if (rows < 0).any():
        missing = [str(p) for p, r in zip(ids, rows) if r < 0][:3]
        raise KeyError(f"The layout has no place for {', '.join(missing)}: make it from the same people table.")
    return layout[["x", "y"]].to_numpy(dtype=float)[rows]


def map_background(ax, layout: pd.DataFrame, everyone: pd.DataFrame, *, cities: bool = True) -> None:
    """What never changes on a map: its extent (everyone in ``layout``), the city names, the continents' legend."""
    xy = layout[["x", "y"]].to_numpy(dtype=float)
    pad = 6.0
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - 3 * pad, xy[:, 1].max() + pad)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    if cities and "city" in everyone.columns:
        counts = everyone["city"].astype(str).value_counts()
        spacing = disc_spacing(counts)
        for city, n in counts.items():
            if city in CITY_PLACES:
                cx, cy = CITY_PLACES[city]
                ax.annotate(city, (cx, cy - spacing * math.sqrt(n) - 1.5), ha="center", va="top",
                            fontsize="x-small", color="#555555", zorder=0)
    if "continent" in everyone.columns:
        present = set(everyone["continent"].astype(str))
        for name in [c for c in CONTINENT_COLORS if c in present]:
            ax.scatter([], [], s=30, c=continent_color(name), label=name)
        ax.legend(loc="lower left", frameon=False, fontsize="x-small", ncols=3, markerscale=0.9)


def map_foreground(ax, people: pd.DataFrame, ties: pd.DataFrame, layout: pd.DataFrame, *, chain=None,
                   labels=(), animated: bool = False) -> list:
    """What changes on a map: the people drawn, their ties, the chain and the names; returns the artists added."""
    from matplotlib.colors import to_rgba

    artists = []
    ids = people["contact_id"].astype(str).to_numpy()
    xy = _positions(layout, ids)
    steps = people["steps"].to_numpy() if "steps" in people.columns else np.ones(len(people))
    if "continent" in people.columns:
        palette = {c: to_rgba(continent_color(c)) for c in set(people["continent"].astype(str))}
        colors = np.array([palette[c] for c in people["continent"].astype(str)]).reshape(-1, 4)
    else:
        colors = np.tile(to_rgba("#0072B2"), (len(ids), 1))
    if len(ties):
        # one line broken by gaps (NaN) draws hundreds of ties much faster than one path per tie
        a, b = _positions(layout, ties["source"]), _positions(layout, ties["target"])
        gaps = np.full((len(a), 1), np.nan)
        xs = np.hstack([a[:, :1], b[:, :1], gaps]).ravel()
        ys = np.hstack([a[:, 1:], b[:, 1:], gaps]).ravel()
        artists += ax.plot(xs, ys, color="#9A9A9A", lw=0.35, alpha=0.45, zorder=1, animated=animated,
                           scalex=False, scaley=False)
    sizes = np.select([steps == 0, steps == 1], [60.0, 10.0], 4.0)
    artists.append(ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, linewidths=0, zorder=2, animated=animated))
    chain_ids = _chain_ids(chain)
    if len(chain_ids) > 1:
        path = _positions(layout, chain_ids)
        artists += ax.plot(path[:, 0], path[:, 1], color=CHAIN_COLOR, lw=2.4, zorder=3, solid_capstyle="round",
                           animated=animated, scalex=False, scaley=False)
        artists.append(ax.scatter(path[:, 0], path[:, 1], s=46, c="white", edgecolors=CHAIN_COLOR,
                                  linewidths=1.8, zorder=4, animated=animated))
    named = list(dict.fromkeys([*ids[steps == 0], *chain_ids, *[str(p) for p in labels]]))
    where = dict(zip(ids, range(len(ids))))
    names = people["name"].astype(str).to_numpy()
    cities = people["city"].astype(str).to_numpy() if "city" in people.columns else None
    first = set(ids[steps == 0])
    left, right = ax.get_xlim()
    for person in (p for p in named if p in where):
        i = where[person]
        # with the city: a person on the rim of a big city's disc can sit next to another city's name
        text = names[i] if person in first or cities is None else f"{names[i]} ({cities[i]})"
        # the person's name to the lower left; the others above (a city's name is written below its disc),
        # to the right, or to the left near the right edge so the name is never cut off
        near_edge = xy[i][0] > left + 0.75 * (right - left)
        offset, align = (((-8, -14), "right") if person in first
                         else ((-8, 6), "right") if near_edge else ((8, 6), "left"))
        artists.append(ax.annotate(text, tuple(xy[i]), xytext=offset, ha=align,
                                   textcoords="offset points", fontsize="small", fontweight="bold", zorder=5,
                                   animated=animated,
                                   bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}))
    return artists


def network_map(people: pd.DataFrame, ties: pd.DataFrame, layout: pd.DataFrame, ax=None, *, chain=None,
                labels=(), everyone: pd.DataFrame | None = None, cities: bool = True, title: str | None = None):
    """Draw ``people`` (coloured by continent, larger when fewer steps away) and ``ties`` on a map ``layout``.

    ``people``: contact_id, name, continent, city (and ``steps``: 0 for the person, 1, 2 …);
    ``ties``: source and target of the lines to draw; ``layout``: x, y per contact_id
    (``city_layout``). ``chain``: an introduction chain (``analytics.introduction_path`` or a list of
    ids), drawn as a thick line with every name; ``labels``: more ids to name. The map shows the
    whole world of ``everyone`` (default: ``people``), with its city names (``cities=True``) and a
    legend of the continents.
    """
    ax = new_ax(ax, figsize=(9, 5))
    map_background(ax, layout, people if everyone is None else everyone, cities=cities)
    map_foreground(ax, people, ties, layout, chain=chain, labels=labels)
    ax.set_title(title or "The network", fontsize="medium")
    return ax


def reach_map(contacts: pd.DataFrame, connections: pd.DataFrame, person="You", *, steps: int = 2, chain=None,
              labels=(), ax=None, title: str | None = None):
    """The ``steps``-step neighbourhood of ``person`` on the map, with an introduction ``chain`` highlighted.

    Draws the person, everyone within ``steps`` steps and the ties by which they are reached (from
    each step to the next), plus the chain's people and ties if it goes further.
    """
    from socialkit import analytics

    people = analytics.reach(contacts, connections, person, steps, include_person=True)
    chain_rows = chain if isinstance(chain, pd.DataFrame) else None
    if chain_rows is not None:
        extra = chain_rows[~chain_rows["contact_id"].isin(people["contact_id"])]
        people = pd.concat([people, extra.drop(columns=["step", "strength"], errors="ignore")
                           .assign(steps=steps + 1)], ignore_index=True)
    ties = reach_ties(people, connections)
    layout = city_layout(contacts)
    return network_map(people, ties, layout, ax=ax, chain=chain, labels=labels, everyone=contacts,
                       title=title or f"{possessive(people.iloc[0]['name'])} network within {steps} steps")


def possessive(name: str) -> str:
    """"Your" for You, "Jade Petit's" for anyone else."""
    return "Your" if str(name) == "You" else f"{name}'s"


def reach_ties(people: pd.DataFrame, connections: pd.DataFrame) -> pd.DataFrame:
    """The ties by which ``people`` (with ``steps``) are reached: those linking someone at step k to step k + 1."""
    step = pd.Series(people["steps"].to_numpy(), index=people["contact_id"].astype(str).to_numpy())
    ends = connections[["source", "target"]].astype(str)
    inside = ends["source"].isin(step.index) & ends["target"].isin(step.index)
    ends = ends[inside]
    gap = (step.loc[ends["source"]].to_numpy() - step.loc[ends["target"]].to_numpy())
    return ends[np.abs(gap) == 1].reset_index(drop=True)


def small_network(people: pd.DataFrame, ties: pd.DataFrame, ax=None, *, size: str | None = None,
                  title: str | None = None):
    """A small network (a few dozen people) with every name: nodes sized by the column ``size`` (e.g. betweenness).

    People are named by their ``contact_id`` and ``name`` columns, or by the row labels when the table has
    none (``analytics.brokers`` on Florence's families, whose ids are their names). Positions come from
    networkx's spring layout (Fruchterman–Reingold) with a fixed seed: the same drawing every time.
    """
    import networkx as nx
    from matplotlib.collections import LineCollection

    labels = people.index.to_series()
    ids = people["contact_id"] if "contact_id" in people.columns else labels
    names = people["name"] if "name" in people.columns else labels
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(zip(ties["source"], ties["target"]))
    place = nx.spring_layout(graph, seed=7, iterations=300)
    ax = new_ax(ax, figsize=(7, 5))
    ends = np.array([[place[a], place[b]] for a, b in zip(ties["source"], ties["target"])])
    if len(ends):
        ax.add_collection(LineCollection(ends, colors="#888888", linewidths=1.2, zorder=1))
    xy = np.array([place[p] for p in ids])
    values = people[size].to_numpy(dtype=float) if size else np.ones(len(people))
    scaled = 80 + 1400 * values / max(values.max(), 1e-9)
    ax.scatter(xy[:, 0], xy[:, 1], s=scaled, c="#0072B2", edgecolors="white", zorder=2)
    for (px, py), name, area in zip(xy, names, scaled):
        ax.annotate(str(name), (px, py), xytext=(0, math.sqrt(area) / 2 + 2), textcoords="offset points",
                    ha="center", fontsize="small", zorder=3)
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.12)
    ax.set_axis_off()
    ax.set_title(title or "The network", fontsize="medium")
    return ax
