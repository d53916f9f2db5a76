"""Networks (module 06): reach in steps, continents reached, door openers, brokers, structural holes,
weak ties and local bridges, the shortest introduction chain — every graph computation is networkx's.

A network is two tables: people (``contacts``: contact_id, name, city, continent, industry …) and
ties (``connections``: source, target, strength = interactions a year, since). Every function takes
them in that order. A person is named by id (``"P0042"``) or by full name (``"Jade Petit"``);
the managing director, P0001, is ``"You"``. Tables of people are labelled by name (names are unique
in the sample data), so one cell reads ``table.loc["Jade Petit", "new_people"]``.
``data.florentine_families()`` gives a real network in the same two tables, so the same functions
work on it.

The graph built from the two tables is kept for the last few tables seen (the tables are
fingerprinted, never modified), so a lesson and its dashboard do not rebuild it or recount the
brokers (about a second on the sample network) for every call.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _require, metric

ME = "P0001"  # the managing director: the learner, "You"
WEAK_BELOW = 6  # a tie with fewer interactions a year than this is weak (less than once every two months)
BROKER_SAMPLES = 200  # starting people sampled to estimate betweenness on a network of more than 500 people
DISTANCES = ("same city", "same continent", "other continent")
CONTINENT_ORDER = ("Europe", "North America", "South America", "Africa", "Asia", "Oceania")
_KEPT = 4  # graphs kept in memory (one per pair of tables seen last)
_graphs: OrderedDict = OrderedDict()


class NetworkError(ValueError):
    """A person, city, industry or setting the network does not have: one plain sentence in Jupyter, no traceback."""

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error."""
        return [f"ValueError: {self}"]


# --------------------------------------------------------------------------- the graph, built once per pair of tables


def _fingerprint(contacts: pd.DataFrame, connections: pd.DataFrame) -> tuple:
    """A key that changes whenever the people or the ties change (hash of every person, and of the ties' columns used)."""
    tie_cols = [c for c in ("source", "target", "strength") if c in connections.columns]
    people = int(pd.util.hash_pandas_object(contacts, index=False).sum()) ^ hash(tuple(map(str, contacts.columns)))
    ties = int(pd.util.hash_pandas_object(connections[tie_cols], index=False).sum())
    return len(contacts), len(connections), people, ties


class _Network:
    """The graph of two tables and what is slow to compute on it, computed once."""

    def __init__(self, contacts: pd.DataFrame, connections: pd.DataFrame):
        import networkx as nx

        self.people = contacts.drop_duplicates("contact_id").set_index("contact_id", drop=False)
        unknown = sorted((set(connections["source"]) | set(connections["target"])) - set(self.people.index))
        if unknown:
            shown = ", ".join(map(str, unknown[:5])) + (" …" if len(unknown) > 5 else "")
            raise NetworkError(f"Some ties name people who are not in the people table ({shown}): give the "
                                f"contacts and connections of the same network.")
        strength = connections["strength"] if "strength" in connections.columns else pd.Series(1, connections.index)
        graph = nx.Graph()
        graph.add_nodes_from(self.people.index)
        graph.add_weighted_edges_from(zip(connections["source"], connections["target"], strength.astype(float)),
                                      weight="strength")
        self.graph = graph
        self.betweenness: dict[tuple, dict] = {}
        self.routes: dict[str, tuple[dict, dict]] = {}

    def routes_from(self, person: str) -> tuple[dict, dict]:
        """(cost, chain) to everyone reachable: fewest steps first, then the most frequent ties (Dijkstra)."""
        import networkx as nx

        if person not in self.routes:
            def cost(_a, _b, tie):  # one step = 1; a weak tie adds a little, never as much as one more step
                return 1.0 + 0.01 / max(float(tie.get("strength", 1.0)), 1.0)

            self.routes[person] = nx.single_source_dijkstra(self.graph, person, weight=cost)
        return self.routes[person]


def _network(contacts: pd.DataFrame, connections: pd.DataFrame, where: str) -> _Network:
    """The network of these two tables, built once and kept (the last few pairs of tables seen)."""
    if {"source", "target"} <= set(contacts.columns) and "contact_id" in connections.columns:
        raise NetworkError(f"{where}() needs the people first, then the ties: write {where}(contacts, connections, "
                           f"…), not the other way round.")
    _require(contacts, "contact_id", "name", where=f"{where} (contacts)")
    _require(connections, "source", "target", where=f"{where} (connections)")
    key = _fingerprint(contacts, connections)
    if key in _graphs:
        _graphs.move_to_end(key)
        return _graphs[key]
    built = _Network(contacts, connections)
    _graphs[key] = built
    while len(_graphs) > _KEPT:
        _graphs.popitem(last=False)
    return built


def _person(net: _Network, who) -> str:
    """The contact_id of a person given by id or by full name (any case); a plain error otherwise."""
    if isinstance(who, str):
        text = who.strip()
        if text in net.people.index:
            return text
        names = net.people["name"].astype(str).str.strip().str.casefold()
        found = net.people.index[names == text.casefold()]
        if len(found) == 1:
            return str(found[0])
        if len(found) > 1:
            raise NetworkError(f"Several people are called {text!r} ({', '.join(found)}): give the id of the "
                                f"one you mean, e.g. {found[0]!r}.")
    example = net.people.iloc[min(1, len(net.people) - 1)]
    raise NetworkError(f"There is nobody called {who!r} in the people table. Write a full name as in the column "
                        f"\"name\" (e.g. {example['name']!r}) or an id as in \"contact_id\" (e.g. "
                        f"{example['contact_id']!r}), in quotes.")


def _steps(steps) -> int:
    """A number of steps: a whole number from 1 up."""
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise NetworkError(f"steps must be a whole number from 1 up (1 = the people you know, 2 = one "
                            f"introduction away); got {steps!r}.")
    return int(steps)


def _rows(net: _Network, ids) -> pd.DataFrame:
    """The people table's rows for these ids, in that order, labelled by name (``table.loc["Medici", …]``).

    When every id is the person's name (Florence's families), the id and name columns would only repeat
    the row label, so they are left out: a family is written once.
    """
    table = net.people.loc[list(ids)]
    names = table["name"].astype(str).to_numpy()
    table.index = pd.Index(names, dtype=object)
    if (net.people["contact_id"].astype(str) == net.people["name"].astype(str)).all():
        table = table.drop(columns=["contact_id", "name"])
    return table


# --------------------------------------------------------------------------- reach


@metric("contacts", "connections")
def network(contacts: pd.DataFrame, connections: pd.DataFrame):
    """The network as a networkx Graph: one node per contact_id, one edge per tie, weighted by ``strength``.

    For the curious who want networkx's own functions (``networkx.shortest_path(network(...), …)``);
    a copy, so changing it changes nothing else.
    """
    return _network(contacts, connections, "network").graph.copy()


@metric("contacts", "connections")
def reach(contacts: pd.DataFrame, connections: pd.DataFrame, person="You", steps: int = 2, *,
          include_person: bool = False) -> pd.DataFrame:
    """The people ``person`` can reach within ``steps`` steps, with the column ``steps`` (1, 2, …).

    1 step = the people they know; 2 steps = the people those know (one introduction away), as
    LinkedIn's "1st" and "2nd-degree connections". The person is left out (``include_person=True``
    puts them first, at 0 steps). Formula: breadth-first distance in the graph
    (``networkx.single_source_shortest_path_length`` with a cutoff). Source: Travers & Milgram,
    "An experimental study of the small world problem", Sociometry, 1969.
    """
    import networkx as nx

    net = _network(contacts, connections, "reach")
    me, cutoff = _person(net, person), _steps(steps)
    distance = nx.single_source_shortest_path_length(net.graph, me, cutoff=cutoff)
    if not include_person:
        del distance[me]
    order = sorted(distance, key=lambda p: (distance[p], str(net.people.at[p, "name"]), p))
    table = _rows(net, order)
    table["steps"] = [distance[p] for p in order]
    return table


@metric("contacts", "connections")
def reach_by_continent(contacts: pd.DataFrame, connections: pd.DataFrame, person="You",
                       steps: int = 2) -> pd.DataFrame:
    """How many people ``person`` reaches on each continent: one row per continent, one column per step.

    Columns "1 step", "2 steps" …: people first reached at that many steps (so a row's total is
    everyone reached there within ``steps``). Every continent of the people table is a row, reached
    or not. Formula: ``reach`` counted by continent and step.
    """
    _require(contacts, "continent", where="reach_by_continent (contacts)")
    reached = reach(contacts, connections, person, steps)
    labels = [f"{k} step{'s' if k > 1 else ''}" for k in range(1, _steps(steps) + 1)]
    table = pd.crosstab(reached["continent"].astype(str), reached["steps"])
    table = table.reindex(columns=range(1, len(labels) + 1), fill_value=0)
    table.columns = pd.Index(labels, name=None)
    present = set(contacts["continent"].astype(str))
    rows = [c for c in CONTINENT_ORDER if c in present] + sorted(present - set(CONTINENT_ORDER))
    table = table.reindex(rows, fill_value=0).astype("int64")
    table.index.name = "continent"
    return table


@metric("contacts", "connections")
def continents_reached(contacts: pd.DataFrame, connections: pd.DataFrame, person="You",
                       steps: int = 2) -> list[str]:
    """The continents where ``person`` reaches at least one person within ``steps`` steps, in the usual order."""
    table = reach_by_continent(contacts, connections, person, steps)
    return [c for c in table.index if table.loc[c].sum() > 0]


@metric("contacts", "connections")
def door_openers(contacts: pd.DataFrame, connections: pd.DataFrame, person="You") -> pd.DataFrame:
    """Each of ``person``'s contacts and the doors they open: people (and continents) reached only through them.

    new_people(c) = |contacts of c that are neither the person nor one of the person's contacts|;
    new_continents(c) = how many continents those new people live on; ``strength`` = the tie's
    interactions a year. Sorted by new_people, largest first. A contact whose contacts you already
    know opens no door: Burt's "redundant contacts" (Burt, *Structural Holes*, Harvard University
    Press, 1992, ch. 1).
    """
    net = _network(contacts, connections, "door_openers")
    me = _person(net, person)
    graph = net.graph
    known = set(graph[me]) | {me}
    continent = net.people["continent"] if "continent" in net.people.columns else None
    rows = []
    for contact in graph[me]:
        new = [p for p in graph[contact] if p not in known]
        continents = continent.loc[new].nunique() if continent is not None and new else 0
        rows.append((contact, len(new), int(continents), graph[me][contact].get("strength", np.nan)))
    rows.sort(key=lambda r: (-r[1], -r[2], str(net.people.at[r[0], "name"])))
    table = _rows(net, [r[0] for r in rows])
    strengths = pd.Series([r[3] for r in rows], dtype="float64")
    table["strength"] = strengths.astype("int64").to_numpy() if strengths.notna().all() and (
        strengths % 1 == 0).all() else strengths.to_numpy()
    table["new_people"] = [r[1] for r in rows]
    table["new_continents"] = [r[2] for r in rows]
    if "strength" not in connections.columns:
        table = table.drop(columns="strength")
    return table


# --------------------------------------------------------------------------- brokers and structural holes


@metric("contacts", "connections")
def brokers(contacts: pd.DataFrame, connections: pd.DataFrame, *, person=None,
            samples: int | None = BROKER_SAMPLES, seed: int = 2025) -> pd.DataFrame:
    """Everyone with their betweenness in %: the share of shortest chains between two others that run through them.

    betweenness(v) = Σ over pairs s ≠ v ≠ t of (shortest s–t chains through v ÷ shortest s–t chains),
    ÷ the number of pairs, × 100 (``networkx.betweenness_centrality``, normalised). Also ``ties``:
    how many people they know, and with ``person`` (a name or id) ``steps``: how far each one is
    from that person (0 the person, 1 their contacts …). Sorted by betweenness, largest first. On a network of more than 500
    people it is estimated from ``samples`` starting people chosen at random with ``seed`` (the
    same every time; ``samples=None`` counts exactly, about 15 s on the sample network).
    Sources: Freeman, "A set of measures of centrality based on betweenness", Sociometry, 1977;
    Brandes, Journal of Mathematical Sociology, 2001 (the algorithm); Brandes & Pich, International
    Journal of Bifurcation and Chaos, 2007 (the estimate from sampled starting people).
    """
    import networkx as nx

    net = _network(contacts, connections, "brokers")
    graph = net.graph
    k = None if samples is None or len(graph) <= 500 else min(int(samples), len(graph))
    key = (k, seed)
    if key not in net.betweenness:
        net.betweenness[key] = nx.betweenness_centrality(graph, k=k, seed=seed if k else None)
    score = net.betweenness[key]
    order = sorted(graph, key=lambda p: (-score[p], str(net.people.at[p, "name"]), p))
    table = _rows(net, order)
    table["ties"] = [graph.degree(p) for p in order]
    table["betweenness_pct"] = [100 * score[p] for p in order]
    if person is not None:
        distance = nx.single_source_shortest_path_length(graph, _person(net, person))
        table["steps"] = pd.array([distance.get(p) for p in order], dtype="Int64")  # empty: out of reach
    return table


@metric("contacts", "connections")
def structural_holes(contacts: pd.DataFrame, connections: pd.DataFrame, people=None) -> pd.DataFrame:
    """Burt's constraint of each person (0 to 1): low = their contacts do not know each other (structural holes).

    constraint(i) = Σ_j (p_ij + Σ_q p_iq · p_qj)², over i's contacts j and q, where p_ij = 1 ÷ i's
    number of ties when i and j are tied (``networkx.constraint``, ties unweighted). Someone whose
    contacts all know each other is constrained (near 1 with few ties); a broker between groups
    that do not talk has a low constraint. ``people``: a list of names or ids (default: everyone —
    slow on a large network, about 20 s for 1,500 people). Also ``ties``. Sorted by constraint,
    lowest first. Source: Burt, *Structural Holes: The Social Structure of Competition*, Harvard
    University Press, 1992, ch. 2.
    """
    import networkx as nx

    net = _network(contacts, connections, "structural_holes")
    if people is None:
        ids = list(net.graph)
    else:
        wanted = [people] if isinstance(people, str) else list(people)
        ids = list(dict.fromkeys(_person(net, who) for who in wanted))
    alone = [p for p in ids if net.graph.degree(p) == 0]
    score = nx.constraint(net.graph, nodes=[p for p in ids if p not in alone])
    score.update({p: np.nan for p in alone})  # nobody to be constrained by
    order = sorted(ids, key=lambda p: (np.inf if np.isnan(score[p]) else score[p], str(net.people.at[p, "name"])))
    table = _rows(net, order)
    table["ties"] = [net.graph.degree(p) for p in order]
    table["constraint"] = [score[p] for p in order]
    return table


# --------------------------------------------------------------------------- weak ties and local bridges


@metric("contacts", "connections")
def tie_types(contacts: pd.DataFrame, connections: pd.DataFrame, *, weak_below: float = WEAK_BELOW) -> pd.DataFrame:
    """Every tie with who it links, how far apart they live, whether it is weak and whether it is a local bridge.

    Adds source_name, target_name, source_city, target_city; ``distance``: "same city", "same
    continent" or "other continent"; ``weak``: fewer than ``weak_below`` interactions a year
    (default 6, less than once every two months); ``local_bridge``: the two people have no contact
    in common, so without this tie they would be at least three steps apart
    (``networkx.local_bridges``). Granovetter's argument: strong ties sit inside triangles of
    friends, so the bridges between groups are weak ties. Sources: Granovetter, "The strength of
    weak ties", American Journal of Sociology 78(6), 1973; Easley & Kleinberg, *Networks, Crowds,
    and Markets*, Cambridge University Press, 2010, ch. 3 (local bridges).
    """
    import networkx as nx

    _require(contacts, "city", "continent", where="tie_types (contacts)")
    net = _network(contacts, connections, "tie_types")
    table = connections.copy()
    people = net.people
    for end in ("source", "target"):
        table[f"{end}_name"] = people.loc[table[end], "name"].to_numpy()
        table[f"{end}_city"] = people.loc[table[end], "city"].to_numpy()
    continents = [people.loc[table[end], "continent"].astype(str).to_numpy() for end in ("source", "target")]
    same_city = table["source_city"].to_numpy() == table["target_city"].to_numpy()
    table["distance"] = np.where(same_city, DISTANCES[0],
                                 np.where(continents[0] == continents[1], DISTANCES[1], DISTANCES[2]))
    if "strength" in table.columns:
        table["weak"] = table["strength"] < weak_below
    bridges = {frozenset(pair) for pair in nx.local_bridges(net.graph, with_span=False)}
    table["local_bridge"] = [frozenset(pair) in bridges for pair in zip(table["source"], table["target"])]
    return table


# --------------------------------------------------------------------------- the shortest introduction chain


@metric("contacts", "connections")
def introduction_path(contacts: pd.DataFrame, connections: pd.DataFrame, person="You", target=None, *,
                      city: str | None = None, industry: str | None = None) -> pd.DataFrame:
    """The shortest chain of introductions from ``person`` to ``target`` — or to the nearest person in ``city``/``industry``.

    One row per person on the chain, ``step`` 0 (the person) to the target; ``strength``: the tie
    with the previous person (interactions a year). Fewest steps first (LinkedIn's "degrees of
    separation"); among equally short chains, the one whose ties are the most frequent (Dijkstra,
    ``networkx.single_source_dijkstra``, with a step costing 1 + 0.01 ÷ strength, so frequency
    never beats a step). Without ``target``, the nearest person matching ``city`` and/or
    ``industry`` (codes as in the data, e.g. "agriculture"). Sources: Travers & Milgram,
    Sociometry, 1969; Dijkstra, Numerische Mathematik, 1959.
    """
    net = _network(contacts, connections, "introduction_path")
    me = _person(net, person)
    cost, chains = net.routes_from(me)
    if target is not None:
        goal = _person(net, target)
        if goal not in chains:
            raise NetworkError(f"No chain of introductions links {net.people.at[me, 'name']} to "
                                f"{net.people.at[goal, 'name']} in this network.")
    else:
        goal = _nearest(net, me, cost, city=city, industry=industry)
    chain = chains[goal]
    table = _rows(net, chain)
    table.insert(0, "step", range(len(chain)))
    if "strength" in connections.columns:
        table["strength"] = [np.nan] + [net.graph[a][b]["strength"] for a, b in zip(chain, chain[1:])]
    return table


def _nearest(net: _Network, me: str, cost: dict, *, city, industry) -> str:
    """The matching person with the cheapest chain from ``me`` (``me`` left out); a plain error if none."""
    if city is None and industry is None:
        raise NetworkError("Say whom to reach: a target (a name or an id), or a city and/or an industry, e.g. "
                            "city=\"Bogotá\", industry=\"agriculture\".")
    people = net.people
    match = pd.Series(True, index=people.index)
    for column, value in (("city", city), ("industry", industry)):
        if value is None:
            continue
        _require(people, column, where=f"introduction_path({column}=...)")
        values = people[column].astype(str)
        if str(value) not in set(values):
            known = ", ".join(sorted(set(values)))
            raise NetworkError(f"No one's {column} is {value!r}. Write it as in the data: {known}.")
        match &= values == str(value)
    candidates = [p for p in people.index[match] if p != me and p in cost]
    if not candidates:
        raise NetworkError("Nobody matching that can be reached from "
                            f"{people.at[me, 'name']} in this network.")
    return min(candidates, key=lambda p: (cost[p], p))
