"""Module 06's metrics, dashboard and checks, each against an independent computation (plain Python sets,
pandas, or networkx's own functions), and every figure the lesson and the guide quote, recomputed."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_quotes, assert_right, assert_wrong, guide_parts, markdown_text, notebook, verdict
from socialkit import analytics, data, plots, widgets
from socialkit.analytics import NetworkError, WrongInput

LESSON = REPO / "course" / "06_networks" / "06_networks.ipynb"
SOLUTIONS = REPO / "solutions" / "06_networks" / "06_networks_exercises.ipynb"
ME = "P0001"


# --------------------------------------------------------------------------- the data, and plain computations on it


@pytest.fixture(scope="module")
def contacts():
    return data.load("contacts")


@pytest.fixture(scope="module")
def connections():
    return data.load("connections")


@pytest.fixture(scope="module")
def friends(connections):
    """Who knows whom, as plain Python sets (no networkx)."""
    known: dict[str, set[str]] = {}
    for a, b in zip(connections["source"], connections["target"]):
        known.setdefault(a, set()).add(b)
        known.setdefault(b, set()).add(a)
    return known


@pytest.fixture(scope="module")
def person(contacts):
    """contact_id → the person's row."""
    return contacts.set_index("contact_id")


@pytest.fixture(scope="module")
def ids(contacts):
    """name → contact_id (names are unique)."""
    return contacts.set_index("name")["contact_id"]


def within(friends, start, steps):
    """{contact_id: steps} for everyone within ``steps`` steps of ``start`` (start left out), by hand."""
    seen, frontier = {start: 0}, {start}
    for step in range(1, steps + 1):
        frontier = {p for q in frontier for p in friends.get(q, ())} - set(seen)
        seen.update({p: step for p in frontier})
    del seen[start]
    return seen


@pytest.fixture(scope="module")
def lesson_text():
    return markdown_text(notebook(LESSON))


@pytest.fixture(scope="module")
def ties(contacts, connections):
    return analytics.tie_types(contacts, connections)


# --------------------------------------------------------------------------- metrics against plain computations


def test_reach_is_the_people_within_so_many_steps(contacts, connections, friends, person):
    for who, steps in ((ME, 1), (ME, 2), ("P0500", 2), (ME, 3)):
        expected = within(friends, who, steps)
        reached = analytics.reach(contacts, connections, who, steps)
        assert dict(zip(reached["contact_id"], reached["steps"])) == expected
        assert list(reached.index) == list(reached["name"])  # labelled by name, for .loc
    me_too = analytics.reach(contacts, connections, "You", 1, include_person=True)
    assert me_too.iloc[0]["contact_id"] == ME and me_too.iloc[0]["steps"] == 0
    by_name = analytics.reach(contacts, connections, person.at["P0500", "name"], 2)
    assert set(by_name["contact_id"]) == set(within(friends, "P0500", 2))


def test_reach_by_continent_and_continents_reached(contacts, connections, friends, person):
    reached = within(friends, ME, 2)
    table = analytics.reach_by_continent(contacts, connections, "You", steps=2)
    for continent in table.index:
        for step, column in ((1, "1 step"), (2, "2 steps")):
            expected = sum(1 for p, s in reached.items() if s == step and person.at[p, "continent"] == continent)
            assert table.loc[continent, column] == expected
    assert list(table.index) == ["Europe", "North America", "South America", "Africa", "Asia", "Oceania"]
    assert analytics.continents_reached(contacts, connections, "You", 1) == ["Europe"]
    assert len(analytics.continents_reached(contacts, connections, "You", 2)) == 6


def test_door_openers_count_the_people_reached_only_through_each_contact(contacts, connections, friends, person):
    table = analytics.door_openers(contacts, connections, "You")
    known = friends[ME] | {ME}
    for row in table.itertuples():
        new = friends[row.contact_id] - known
        assert row.new_people == len(new)
        assert row.new_continents == len({person.at[p, "continent"] for p in new})
    assert set(table["contact_id"]) == friends[ME]
    assert list(table["new_people"]) == sorted(table["new_people"], reverse=True)
    strengths = connections[connections["source"] == ME].set_index("target")["strength"]
    assert (table.set_index("contact_id")["strength"] == strengths.loc[table["contact_id"]].to_numpy()).all()


def test_brokers_betweenness_on_the_florentine_families_by_hand():
    """Exact on a small network: each pair's share of shortest chains through a family, counted by hand."""
    families, marriages = data.florentine_families()
    table = analytics.brokers(families, marriages)
    graph = nx.florentine_families_graph()
    n = len(graph)
    for family in graph:
        through = 0.0
        for s in graph:
            for t in graph:
                if s < t and family not in (s, t):
                    paths = list(nx.all_shortest_paths(graph, s, t))
                    through += sum(family in p for p in paths) / len(paths)
        assert math.isclose(table.loc[family, "betweenness_pct"], 100 * through / ((n - 1) * (n - 2) / 2))
    assert table.index[0] == "Medici"
    assert table["ties"].to_dict() == dict(graph.degree())


def test_brokers_on_the_sample_network_are_an_estimate_that_never_changes(contacts, connections):
    first = analytics.brokers(contacts, connections, samples=60)
    analytics.networks._graphs.clear()  # forget the kept graph: compute again from scratch
    again = analytics.brokers(contacts.copy(), connections.copy(), samples=60)
    pd.testing.assert_frame_equal(first, again)  # the same starting people every time: the same numbers
    assert first["betweenness_pct"].between(0, 100).all() and len(first) == len(contacts)
    other = analytics.brokers(contacts, connections, samples=60, seed=7)
    assert not np.allclose(first.set_index("contact_id")["betweenness_pct"],
                           other.set_index("contact_id").loc[first["contact_id"], "betweenness_pct"])  # a sample


def test_the_brokers_estimate_is_close_to_the_exact_count(contacts, connections):
    """On 600 people (above 500, so estimated), the estimate agrees with networkx's exact count."""
    people = contacts[contacts["contact_id"] <= "P0600"]
    ties = connections[connections["source"].isin(people["contact_id"]) & connections["target"].isin(people["contact_id"])]
    estimate = analytics.brokers(people, ties).set_index("contact_id")["betweenness_pct"]
    graph = nx.Graph(list(zip(ties["source"], ties["target"])))
    graph.add_nodes_from(people["contact_id"])
    exact = pd.Series(nx.betweenness_centrality(graph)) * 100
    assert (estimate - exact.loc[estimate.index]).abs().mean() < 0.5
    assert set(estimate.nlargest(5).index) <= set(exact.nlargest(10).index)


def burt_constraint(graph, i):
    """Burt's constraint written out: Σ_j (p_ij + Σ_q p_iq p_qj)², p_ij = 1/degree(i) for a tie (ties counted once)."""
    def p(a, b):
        return 1 / graph.degree(a) if graph.has_edge(a, b) else 0.0

    return sum((p(i, j) + sum(p(i, q) * p(q, j) for q in graph[i] if q != j)) ** 2 for j in graph[i])


def test_structural_holes_is_burts_constraint(contacts, connections, ids):
    families, marriages = data.florentine_families()
    table = analytics.structural_holes(families, marriages)
    graph = nx.florentine_families_graph()
    for family in graph:
        assert math.isclose(table.loc[family, "constraint"], burt_constraint(graph, family))
    assert table.index[0] == "Medici" and list(table["constraint"]) == sorted(table["constraint"])
    big = nx.Graph(list(zip(connections["source"], connections["target"])))
    some = analytics.structural_holes(contacts, connections, ["Zoé Petit", "P0002"])
    for name in some.index:
        assert math.isclose(some.loc[name, "constraint"], burt_constraint(big, ids[name]))
    one = analytics.structural_holes(contacts, connections, "Zoé Petit")  # one name, not its letters
    assert list(one.index) == ["Zoé Petit"]


def test_tie_types_distance_weak_and_local_bridges(ties, connections, friends, person):
    assert len(ties) == len(connections)
    bridge = [not (friends[a] & friends[b]) for a, b in zip(connections["source"], connections["target"])]
    assert list(ties["local_bridge"]) == bridge
    assert (ties["weak"] == (connections["strength"] < 6)).all()
    city = person["city"]
    continent = person["continent"].astype(str)
    same_city = city.loc[connections["source"]].to_numpy() == city.loc[connections["target"]].to_numpy()
    same_continent = continent.loc[connections["source"]].to_numpy() == continent.loc[connections["target"]].to_numpy()
    expected = np.where(same_city, "same city", np.where(same_continent, "same continent", "other continent"))
    assert (ties["distance"].to_numpy() == expected).all()
    assert (ties["source_name"] == person.loc[connections["source"], "name"].to_numpy()).all()


def test_introduction_path_is_a_shortest_chain_through_the_most_frequent_ties(contacts, connections, friends, person):
    chain = analytics.introduction_path(contacts, connections, "You", city="Bogotá", industry="agriculture")
    ids = list(chain["contact_id"])
    assert ids[0] == ME and person.at[ids[-1], "city"] == "Bogotá" and person.at[ids[-1], "industry"] == "agriculture"
    assert all(b in friends[a] for a, b in zip(ids, ids[1:]))  # every step is a tie
    near = within(friends, ME, 6)
    matches = [p for p in person.index if person.at[p, "city"] == "Bogotá" and person.at[p, "industry"] == "agriculture"]
    assert len(ids) - 1 == min(near[p] for p in matches)  # no matching person is nearer
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(connections["source"], connections["target"], connections["strength"]))
    weakness = lambda path: sum(1 / graph[a][b]["weight"] for a, b in zip(path, path[1:]))  # noqa: E731
    for target in [p for p in matches if near[p] == len(ids) - 1]:
        for path in nx.all_shortest_paths(graph, ME, target):
            assert weakness(ids) <= weakness(path) + 1e-12
    assert chain["step"].tolist() == list(range(len(ids)))
    assert np.isnan(chain["strength"].iloc[0])
    direct = analytics.introduction_path(contacts, connections, "You", ids[-1])
    assert list(direct["contact_id"]) == ids


def test_the_florentine_families_are_networkx_s():
    families, marriages = data.florentine_families()
    graph = nx.florentine_families_graph()
    assert set(families["contact_id"]) == set(graph) and len(families) == 15
    assert {frozenset(p) for p in zip(marriages["source"], marriages["target"])} == {frozenset(e) for e in graph.edges}
    assert len(marriages) == 20 and (marriages["strength"] == 1).all()


# --------------------------------------------------------------------------- wrong input in plain words


@pytest.mark.parametrize("name", ["network", "reach", "reach_by_continent", "continents_reached", "door_openers",
                                  "brokers", "structural_holes", "tie_types", "introduction_path"])
def test_every_network_metric_refuses_a_column_or_a_condition_in_plain_words(name, contacts, connections):
    function = getattr(analytics, name)
    with pytest.raises(WrongInput, match=r"not a column of True/False.*contacts\[ condition \]"):
        function(contacts["city"] == "Lyon", connections)
    with pytest.raises(WrongInput, match="not one column of it"):
        function(contacts, connections["strength"])
    with pytest.raises(WrongInput, match="needs a table such as connections, not a whole number"):
        function(contacts, 5)


def test_swapped_tables_unknown_people_and_bad_settings_are_one_plain_sentence(contacts, connections):
    cases = [
        (lambda: analytics.reach(connections, contacts), "people first, then the ties"),
        (lambda: analytics.reach(contacts, connections, "Nobody Here"), "nobody called 'Nobody Here'"),
        (lambda: analytics.reach(contacts, connections, "You", steps=0), "whole number from 1 up"),
        (lambda: analytics.reach(contacts, connections, "You", steps="2"), "whole number from 1 up"),
        (lambda: analytics.introduction_path(contacts, connections, "You", city="Bogota"), "Write it as in the data"),
        (lambda: analytics.introduction_path(contacts, connections, "You", industry="farming"), "agriculture"),
        (lambda: analytics.introduction_path(contacts, connections, "You"), "Say whom to reach"),
        (lambda: analytics.reach(contacts, connections[connections["source"] != "P0001"].assign(source="P9999")),
         "not in the people table"),
    ]
    for call, fragment in cases:
        with pytest.raises(NetworkError) as error:
            call()
        assert fragment in str(error.value)
        assert error.value._render_traceback_() == [f"ValueError: {error.value}"]  # one line, no traceback
    twins = pd.concat([contacts.head(3), contacts.head(3).assign(contact_id=["X1", "X2", "X3"])])
    with pytest.raises(NetworkError, match="Several people are called"):
        analytics.reach(twins, connections.head(0), contacts.iloc[1]["name"])


def test_a_changed_table_is_never_answered_from_the_kept_graph(contacts, connections):
    """The graph is kept per pair of tables: a learner who edits a table gets answers for the edited one."""
    before = analytics.reach_by_continent(contacts, connections)
    moved = contacts.copy()
    moved.loc[moved["city"] == "Lyon", "continent"] = "Oceania"  # an edit that keeps every id
    after = analytics.reach_by_continent(moved, connections)
    assert after.loc["Oceania", "1 step"] > before.loc["Oceania", "1 step"]
    fewer = connections[connections["strength"] > 3]
    assert len(analytics.reach(contacts, fewer, "You", 1)) < len(analytics.reach(contacts, connections, "You", 1))


def test_a_name_is_any_case_and_an_isolated_person_has_no_constraint(contacts, connections):
    assert analytics.reach(contacts, connections, "  you ", 1).equals(analytics.reach(contacts, connections, "P0001", 1))
    lonely = pd.concat([contacts.head(2), pd.DataFrame([{"contact_id": "Z1", "name": "Alone", "city": "Lyon",
                                                          "continent": "Europe"}])])
    table = analytics.structural_holes(lonely, connections.head(0), ["Alone"])
    assert np.isnan(table.loc["Alone", "constraint"]) and table.loc["Alone", "ties"] == 0


# --------------------------------------------------------------------------- the exercises' checks


def test_q1_agriculture_within_two_steps(contacts, friends, person):
    near = within(friends, ME, 2)
    farmers = [p for p in near if person.at[p, "industry"] == "agriculture"]
    answer = len(farmers)
    assert_right("06_networks.q1", answer)
    assert_right("06_networks.q1", float(answer))
    reached = analytics.reach(contacts, data.load("connections"), "You", steps=2)
    assert_right("06_networks.q1", len(reached[reached["industry"] == "agriculture"]))  # the helper way
    assert_wrong("06_networks.q1", sum(1 for p in farmers if near[p] == 1), "YOURSELF")
    assert_wrong("06_networks.q1", sum(1 for p in farmers if near[p] == 2), "exactly two steps away")
    three = within(friends, ME, 3)
    assert_wrong("06_networks.q1", sum(1 for p in three if person.at[p, "industry"] == "agriculture"), "THREE steps")
    assert_wrong("06_networks.q1", sum(1 for p in near if person.at[p, "industry"] == "coffee_trade"), "coffee traders")
    assert_wrong("06_networks.q1", len(near), "EVERYONE you reach")
    assert_wrong("06_networks.q1", sum(1 for p in farmers if person.at[p, "continent"] != "Europe"), "outside Europe")
    assert_wrong("06_networks.q1", int((contacts["industry"] == "agriculture").sum()), "whole table")
    assert_wrong("06_networks.q1", len(reached[reached["industry"] == "Agriculture"]), "lower case")
    assert_wrong("06_networks.q1", reached[reached["industry"] == "agriculture"], "len( … )")


def test_q1_right_message_says_what_the_data_shows(friends, person):
    near = within(friends, ME, 2)
    farmers = [p for p in near if person.at[p, "industry"] == "agriculture"]
    result = verdict("06_networks.q1", len(farmers))
    abroad = sum(1 for p in farmers if person.at[p, "continent"] != "Europe")
    assert result.status == "right" and f"only {abroad} of them work outside Europe" in result.message


def test_q2_the_dashboard_names_louise_laurent_and_every_option_says_why(contacts, connections, friends, person, ids):
    board = widgets.network_explorer(contacts, connections)
    board.city.value, board.industry.value = "New York", "retail"
    chain = list(board.table["name"])
    assert chain == ["You", "Louise Laurent", "Matt Cooper", "Sophie Kelly"]
    assert "Ask <b>Louise Laurent</b> for the first introduction" in board.summary.value
    assert person.at[ids["Sophie Kelly"], "city"] == "New York" and person.at[ids["Matt Cooper"], "city"] == "San Francisco"
    assert connections.set_index("target").loc[ids["Louise Laurent"]].pipe(
        lambda r: r[r["source"] == ME]["strength"].item()) == 5  # "about five times a year"
    assert ids["Matt Cooper"] not in friends[ME]  # "you do not know him yet"
    mine = connections[connections["source"] == ME]
    strongest = person.at[mine.loc[mine["strength"].idxmax(), "target"], "name"]
    assert strongest == "Zoé Petit"  # "your strongest tie"
    assert {person.at[p, "continent"] for p in friends[ids["Zoé Petit"]]} == {"Europe"}  # "everyone she knows"
    bogota = analytics.introduction_path(contacts, connections, "You", city="Bogotá", industry="agriculture")
    assert bogota["name"].iloc[1] == "Jade Petit"  # "Jade Petit opens your way to Bogotá"
    label, any_industry = board.industry.options[0]
    board.industry.value = any_industry  # option A's likely cause: "working in: retail" not set
    assert label == "any industry" and list(board.table["name"])[:2] == ["You", "Jade Petit"]
    assert person.at[ids["Louise Laurent"], "role"] == "Founder"  # "founder of a consultancy in Brussels"
    assert_right("06_networks.q2", "C")
    assert_right("06_networks.q2", " c. ")
    for letter, fragment in (("A", "working in: retail"), ("A", "through Jade Petit"), ("B", "do not know him yet"), ("D", "strongest tie")):
        assert_wrong("06_networks.q2", letter, fragment)
    assert_wrong("06_networks.q2", "Louise Laurent", "not one of the options")


def weak_bridge_share(connections, friends, weak=True):
    rows = connections[(connections["strength"] < 6) == weak]
    return 100 * sum(not (friends[a] & friends[b]) for a, b in zip(rows["source"], rows["target"])) / len(rows)


def test_q3_the_share_of_weak_ties_that_are_local_bridges(connections, friends, ties):
    answer = weak_bridge_share(connections, friends)
    assert_right("06_networks.q3", answer)
    assert_right("06_networks.q3", round(answer, 1))
    assert_right("06_networks.q3", 100 * len(ties[ties["weak"] & ties["local_bridge"]]) / len(ties[ties["weak"]]))
    strong = weak_bridge_share(connections, friends, weak=False)
    assert_wrong("06_networks.q3", strong, "STRONG ties")
    assert_wrong("06_networks.q3", round(strong, 1), "STRONG ties")
    weak_bridges = len(ties[(ties["weak"]) & (ties["local_bridge"])])
    over_all = 100 * weak_bridges / len(ties)  # 6.5 %, a tenth away from the strong ties' share
    assert abs(over_all - strong) < 0.2
    assert_wrong("06_networks.q3", over_all, "by ALL the ties; divide them by the number of WEAK ties")
    assert_wrong("06_networks.q3", round(over_all, 1), "by ALL the ties; divide them by the number of WEAK ties")
    assert_wrong("06_networks.q3", 100 * ties["local_bridge"].mean(), "ALL ties")
    reversed_share = 100 * len(ties[ties["weak"] & ties["local_bridge"]]) / len(ties[ties["local_bridge"]])
    assert_wrong("06_networks.q3", reversed_share, "other way round")
    assert_wrong("06_networks.q3", float(len(ties[ties["weak"] & ties["local_bridge"]])), "NUMBER of ties")
    assert_wrong("06_networks.q3", answer / 100, "fraction")
    result = verdict("06_networks.q3", answer)
    assert f"against {strong:.1f} % of strong ties" in result.message and f"about {answer / strong:.0f} times" in \
        result.message


def test_q4_the_medicis_betweenness():
    graph = nx.florentine_families_graph()
    exact = nx.betweenness_centrality(graph)
    answer = 100 * exact["Medici"]
    families, marriages = data.florentine_families()
    assert_right("06_networks.q4", answer)
    assert_right("06_networks.q4", round(answer, 1))
    assert_right("06_networks.q4", analytics.brokers(families, marriages).loc["Medici", "betweenness_pct"])
    assert_wrong("06_networks.q4", 100 * exact["Strozzi"], "richest family")
    assert_wrong("06_networks.q4", 100 * exact["Guadagni"], "Guadagni")
    assert_wrong("06_networks.q4", 100 * graph.degree("Medici") / 14, "marriages")
    assert_wrong("06_networks.q4", nx.betweenness_centrality(graph, normalized=False)["Medici"], "raw count")
    assert_wrong("06_networks.q4", 100 * nx.constraint(graph)["Medici"], "constraint")
    assert_wrong("06_networks.q4", analytics.brokers(families, marriages), 'TABLE.loc["Medici", "betweenness_pct"]')
    result = verdict("06_networks.q4", answer)
    ranked = sorted(exact, key=exact.get, reverse=True)
    assert f"the {ranked[1]}, {100 * exact[ranked[1]]:.1f} %" in result.message and exact["Medici"] > 2 * exact[ranked[1]]


def test_q5_the_share_of_ties_between_continents_made_since_2015(connections, person, ties):
    continent = person["continent"].astype(str)
    far = connections[continent.loc[connections["source"]].to_numpy() != continent.loc[connections["target"]].to_numpy()]
    answer = 100 * (far["since"] >= pd.Timestamp("2015-01-01")).mean()
    assert_right("06_networks.q5", answer)
    assert_right("06_networks.q5", round(answer, 1))
    city = person["city"]
    home = connections[city.loc[connections["source"]].to_numpy() == city.loc[connections["target"]].to_numpy()]
    same_city = 100 * (home["since"] >= pd.Timestamp("2015-01-01")).mean()
    assert_wrong("06_networks.q5", same_city, "WITHIN a city")
    assert_wrong("06_networks.q5", 100 * (connections["since"] >= pd.Timestamp("2015-01-01")).mean(), "ALL ties")
    assert_wrong("06_networks.q5", 100 * (far["since"] >= pd.Timestamp("2016-01-01")).mean(), "leaves 2015 out")
    assert_wrong("06_networks.q5", 100 - answer, "BEFORE 2015")
    assert_wrong("06_networks.q5", float((far["since"] >= pd.Timestamp("2015-01-01")).sum()), "NUMBER of ties")
    far_recent = int((far["since"] >= pd.Timestamp("2015-01-01")).sum())
    recent = int((connections["since"] >= pd.Timestamp("2015-01-01")).sum())
    for wrong_share, fragment in ((100 * far_recent / len(connections), "divided by ALL the ties"),
                                  (100 * far_recent / recent, "divided by all the ties made since 2015")):
        assert_wrong("06_networks.q5", wrong_share, fragment)
        assert_wrong("06_networks.q5", round(wrong_share, 1), fragment)
    result = verdict("06_networks.q5", answer)
    assert f"against {same_city:.1f} % of the ties within a city" in result.message and answer > same_city


# --------------------------------------------------------------------------- the dashboard


def test_the_explorer_opens_on_you_and_a_control_change_changes_what_it_shows(contacts, connections, friends):
    board = widgets.network_explorer(contacts, connections)
    assert board.person.value == ME and board.steps.value == 2 and board.table.empty
    near = within(friends, ME, 2)
    assert len(board.reached) == len(near) and "<b>You</b> know <b>51</b> people (all in Europe)" in board.summary.value
    assert board.chart.outputs and board.chart.outputs[0]["data"]["image/png"]
    opening = board.summary.value
    board.steps.value = 1
    assert len(board.reached) == len(friends[ME]) and board.summary.value != opening
    board.city.value, board.industry.value = "Bogotá", "agriculture"
    assert list(board.table["name"]) == ["You", "Jade Petit", "Paula Rojas"]
    board.person.value = "P1471"  # Jade Petit
    assert list(board.table["name"]) == ["Jade Petit", "Paula Rojas"] and "Jade Petit" in board.title()
    board.reset()
    assert board.person.value == ME and board.steps.value == 2 and board.city.value == "" and board.table.empty
    assert board.summary.value == opening


def test_the_explorer_says_when_nobody_matches_and_draws_on_any_axes(contacts, connections):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    board = widgets.network_explorer(contacts, connections, city="Sydney", industry="agriculture")
    assert board.table.empty and "Nobody in Sydney working in agriculture can be reached" in board.summary.value
    board.industry.value = "coffee_trade"
    assert not board.table.empty
    fig, ax = plt.subplots()
    board.draw(ax)  # the whole drawing, as plots.network_map makes it
    assert ax.get_title().startswith("Your network within 2 steps; chain to")
    plt.close(fig)


def test_the_explorer_refuses_wrong_input_in_plain_words(contacts, connections):
    cases = [
        (lambda: widgets.network_explorer(connections, contacts), "contacts and connections (in that order)"),
        (lambda: widgets.network_explorer(contacts, connections, person="Nobody"), "nobody called 'Nobody'"),
        (lambda: widgets.network_explorer(contacts, connections, city="Atlantis"), "There is nobody in 'Atlantis'"),
        (lambda: widgets.network_explorer(contacts, connections, industry="mining"), "No one works in 'mining'"),
        (lambda: widgets.network_explorer(contacts, connections, steps=3), "steps must be 1 or 2"),
        (lambda: widgets.network_explorer(contacts.head(0), connections.head(0)), "empty contacts table"),
    ]
    for call, fragment in cases:
        with pytest.raises(NetworkError) as error:
            call()
        assert fragment in str(error.value)
    with pytest.raises(WrongInput, match=r"contacts\[ condition \]"):
        widgets.network_explorer(contacts["city"] == "Lyon", connections)


def test_the_tie_charts_shade_the_years_q5_counts_and_say_where_and_how_many_bridges(ties):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plots.ties_per_year(ties)
    shade = ax.patches[0]  # the grey band (axvspan): x in years
    assert shade.get_x() == pytest.approx(2014.5)  # the year 2015 itself is inside: "since 2015", as Q5 (>= 2015-01-01)
    assert shade.get_x() + shade.get_width() == pytest.approx(ties["since"].max().year + 0.5)
    assert "since 2015" in [t.get_text() for t in ax.texts]
    for line in ax.get_lines():  # each kind of tie as % of its own ties: a few hundred and thousands on one scale
        assert line.get_ydata().sum() == pytest.approx(100)
    far = ties[ties["distance"] == "other continent"]
    far_line = next(line for line in ax.get_lines() if line.get_label() == "another continent")
    assert far_line.get_ydata()[list(far_line.get_xdata()).index(2025)] == pytest.approx(
        100 * (far["since"].dt.year == 2025).mean())
    ax = plots.tie_types(ties)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["same city", "another city,\nsame continent",
                                                             "another continent"]
    near = ties[ties["distance"] == "same continent"]
    assert any(t.get_text().startswith(f"{100 * near['local_bridge'].mean():.1f} % bridges") for t in ax.texts)
    plt.close("all")


def test_the_map_names_the_chain_with_cities_above_them_and_inside_the_frame(contacts, connections):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for city in ("Bogotá", "Sydney"):
        chain = analytics.introduction_path(contacts, connections, "You", city=city)
        ax = plots.reach_map(contacts, connections, "You", chain=chain, steps=3)
        names = {t.get_text(): t for t in ax.texts if "(" in t.get_text()}
        last = chain.iloc[-1]
        label = names[f"{last['name']} ({last['city']})"]  # the city said: Jade Petit is not "Geneva"
        assert label.xyann[1] > 0  # above the point: the city's own name is written below its disc
        left, right = ax.get_xlim()
        on_the_edge = label.xy[0] > left + 0.75 * (right - left)
        assert on_the_edge == (city == "Sydney")  # on the right edge, the name runs leftwards, inside the frame
        assert label.get_ha() == ("right" if on_the_edge else "left")
        plt.close("all")


def test_the_map_layout_is_fixed_and_keeps_each_city_together(contacts):
    layout = plots.city_layout(contacts)
    again = plots.city_layout(contacts.sample(frac=1, random_state=0))
    pd.testing.assert_frame_equal(layout, again.loc[layout.index])  # the order of the rows does not matter
    place = layout.join(contacts.set_index("contact_id")["city"])
    spread = place.groupby("city")[["x", "y"]].agg(lambda v: v.max() - v.min()).max(axis=1)
    sizes = contacts["city"].value_counts()
    assert (spread <= 2.2 * np.sqrt(sizes.loc[spread.index]) + 1).all()  # a disc whose size fits the city


# --------------------------------------------------------------------------- figures the lesson and the guide quote


def test_the_lessons_reach_and_door_opener_figures_are_the_datas(lesson_text, contacts, connections, friends, person):
    mine = friends[ME]
    cities = pd.Series([person.at[p, "city"] for p in mine]).value_counts()
    assert {person.at[p, "continent"] for p in mine} == {"Europe"}
    assert_quotes(lesson_text, "You know **{}** people — **all in Europe**, most of them in Lyon ({}) and Paris ({})",
                  len(mine), cities["Lyon"], cities["Paris"])
    table = analytics.reach_by_continent(contacts, connections)
    assert_quotes(lesson_text, "one introduction away there are **{}** more", int(table["2 steps"].sum()))
    assert_quotes(lesson_text, "{} in North America, {} in South America, {} in Africa, {} in Asia and {} in Oceania",
                  *(table.loc[c, "2 steps"] for c in ["North America", "South America", "Africa", "Asia", "Oceania"]))
    reached = analytics.reach(contacts, connections)
    south = reached[reached["continent"] == "South America"]
    assert {"Cooperative coordinator", "President of a cooperative"} <= set(south["role"])
    openers = analytics.door_openers(contacts, connections)
    first, second = openers.iloc[0], openers.iloc[1]
    assert (first["name"], first["city"], second["name"], second["city"]) == ("Louise Laurent", "Brussels",
                                                                               "Jade Petit", "Lyon")
    assert_quotes(lesson_text, "founder of a consultancy in Brussels ({} new people on {} continents)", first["new_people"],
                  first["new_continents"])
    assert_quotes(lesson_text, "a consultant in Lyon ({} new people on {} continents)", second["new_people"],
                  second["new_continents"])
    rest = openers.iloc[2:]
    assert_quotes(lesson_text, "at most {} new people, on at most {} continents", rest["new_people"].max(),
                  rest["new_continents"].max())
    assert_quotes(lesson_text, "**{}** and **{}** times a year", first["strength"], second["strength"])
    abroad = openers[openers["new_continents"] > 1]  # the dashboard lists the first three of these
    third = abroad.iloc[2]
    assert (third["name"], third["city"], third["role"]) == ("Felipe Rodríguez", "Barcelona", "President of a cooperative")
    assert_quotes(lesson_text, "**Felipe Rodríguez**, president of a cooperative in Barcelona, who opens {} new people "
                  "on {} continents", third["new_people"], third["new_continents"])
    closest = openers.sort_values("strength").iloc[-1]
    assert closest["name"] == "Zoé Petit" and closest["new_continents"] == 1
    assert_quotes(lesson_text, "whom you see {} times a year, opens {} new people, all in Europe", closest["strength"],
                  closest["new_people"])


def test_the_lessons_broker_and_constraint_figures_are_the_datas(lesson_text, contacts, connections, friends, ids):
    top = analytics.brokers(contacts, connections, person="You").set_index("name")
    assert top.index[0] == "You" and top.index[1] == "Sophie King"
    assert_quotes(lesson_text, "You come first, with {:.1f} %", top.loc["You", "betweenness_pct"])
    assert_quotes(lesson_text, "a senior journalist in London ({:.1f} %), then your two door openers",
                  top.loc["Sophie King", "betweenness_pct"])
    assert list(top.index[2:4]) == ["Louise Laurent", "Jade Petit"]
    twelve = list(top.index[:12])
    for name, city in (("Dawit Gebre", "Addis Ababa"), ("Daniela Moreno", "Bogotá"), ("Ryan Jones", "New York")):
        assert name in twelve and top.loc[name, "city"] == city and ids[name] not in friends[ME]
        assert top.loc[name, "steps"] >= 2  # grey on the chart: "you do not know yet"
        assert top.loc[name, "industry"] == "coffee_trade"
    holes = analytics.structural_holes(contacts, connections, ["You", "Louise Laurent", "Jade Petit", "Zoé Petit",
                                                               "Léa Lambert", "Maxime Martinez"])["constraint"]
    assert_quotes(lesson_text, "a constraint of **{:.3f}** and **{:.3f}**", holes["Louise Laurent"], holes["Jade Petit"])
    closest = holes[["Zoé Petit", "Léa Lambert", "Maxime Martinez"]]
    assert_quotes(lesson_text, "between **{:.3f}** and **{:.3f}**", closest.min(), closest.max())
    assert_quotes(lesson_text, "Your own network is open (**{:.3f}**)", holes["You"])
    graph = analytics.network(contacts, connections)
    assert min(nx.clustering(graph, ids[n]) for n in closest.index) > 4 * max(
        nx.clustering(graph, ids[n]) for n in ("Louise Laurent", "Jade Petit"))  # "more of those know each other"


def test_the_lessons_tie_chain_and_florence_figures_are_the_datas(lesson_text, contacts, connections, ties):
    by = ties.groupby("distance")
    assert_quotes(lesson_text, "Ties within a city are the great majority ({:,})", len(by.get_group("same city")))
    assert_quotes(lesson_text, "(a median of **{:g}** times a year), their friends know each other, and only **{:.1f} %**",
                  by.get_group("same city")["strength"].median(), 100 * by.get_group("same city")["local_bridge"].mean())
    far, near = by.get_group("other continent"), by.get_group("same continent")
    assert_quotes(lesson_text, "Ties to another continent are rare ({}) and weak (a median of **{:g}** interactions",
                  len(far), far["strength"].median())
    assert_quotes(lesson_text, "**{:.1f} %** of them are local bridges; ties to another city of the same continent, "
                  "**{:.1f} %**", 100 * far["local_bridge"].mean(), 100 * near["local_bridge"].mean())
    home = by.get_group("same city")
    assert_quotes(lesson_text, "ties within a city (**{:.1f} %**) were made since 2015",
                  100 * (home["since"] >= "2015-01-01").mean())
    chain = analytics.introduction_path(contacts, connections, "You", city="Bogotá", industry="agriculture")
    assert list(chain["name"]) == ["You", "Jade Petit", "Paula Rojas"]
    assert chain["role"].iloc[2] == "Cooperative coordinator"
    assert_quotes(lesson_text, "you meet **{:.0f}** times a year, knows **Paula Rojas**", chain["strength"].iloc[1])
    assert_quotes(lesson_text, "(they interact **{:.0f}** times a year)", chain["strength"].iloc[2])
    families, marriages = data.florentine_families()
    holes = analytics.structural_holes(families, marriages)
    assert_quotes(lesson_text, "The Medici married into **{}** families, the Strozzi into **{}**",
                  holes.loc["Medici", "ties"], holes.loc["Strozzi", "ties"])
    assert holes.index[0] == "Medici"  # "the lowest of all"
    assert_quotes(lesson_text, "(**{:.3f}**, against **{:.3f}** for the Strozzi)", holes.loc["Medici", "constraint"],
                  holes.loc["Strozzi", "constraint"])


def test_the_guides_figures_are_the_datas(contacts, connections, friends, person, ids, ties):
    room, answers = guide_parts("06_networks")
    assert_quotes(room, "({:,} ties, with interactions a year", len(connections))
    table = analytics.reach_by_continent(contacts, connections)
    assert_quotes(room, "*You* know {} people, all in Europe; one introduction away there are {} more",
                  int(table["1 step"].sum()), int(table["2 steps"].sum()))
    jade = analytics.reach(contacts, connections, "Jade Petit", 2)
    assert jade.loc["Paula Rojas", "steps"] == 1 and jade["continent"].nunique() == 6  # "reaches every continent"
    toronto = analytics.introduction_path(contacts, connections, "You", city="Toronto", industry="food_service")
    assert len(toronto) - 1 == 3 and toronto["name"].iloc[1] == "Jade Petit"
    near = within(friends, ME, 2)
    farmers = [p for p in near if person.at[p, "industry"] == "agriculture"]
    assert_quotes(answers, "**Q1:** {} people (typed {} or {:.1f})", len(farmers), len(farmers), len(farmers))
    assert_quotes(answers, "({} you know, {} one\n  introduction away); only {} of them work outside Europe",
                  sum(near[p] == 1 for p in farmers), sum(near[p] == 2 for p in farmers),
                  sum(person.at[p, "continent"] != "Europe" for p in farmers))
    assert "**Q2:** C — Louise Laurent" in answers
    weak_share, strong_share = weak_bridge_share(connections, friends), weak_bridge_share(connections, friends, False)
    reversed_share = 100 * ties.loc[ties["local_bridge"], "weak"].mean()
    assert_quotes(answers, "**Q3:** {:.1f} % of weak ties are local bridges, against {:.1f} % of strong ties",
                  weak_share, strong_share)
    assert_quotes(answers, "gives {:.1f} %", reversed_share)
    florence = {k: 100 * v for k, v in nx.betweenness_centrality(nx.florentine_families_graph()).items()}
    assert_quotes(answers, "**Q4:** {:.1f} % — the Medici's betweenness; the Guadagni come next with {:.1f} %, the "
                  "Strozzi, the\n  richest family, have {:.1f} %", florence["Medici"], florence["Guadagni"],
                  florence["Strozzi"])
    far = ties[ties["distance"] == "other continent"]
    home = ties[ties["distance"] == "same city"]
    assert_quotes(answers, "**Q5:** {:.1f} % of the ties between two continents were made in 2015 or later, against "
                  "{:.1f} % of the\n  ties within a city", 100 * (far["since"] >= "2015-01-01").mean(),
                  100 * (home["since"] >= "2015-01-01").mean())


def test_the_exercises_setup_gives_the_tables_the_questions_use():
    text = "\n".join("".join(c["source"]) for c in notebook(SOLUTIONS)["cells"])
    for name in ("reached = analytics.reach(contacts, connections, \"You\", steps=2)",
                 "ties = analytics.tie_types(contacts, connections)",
                 "families, marriages = data.florentine_families()"):
        assert name in text


# --------------------------------------------------------------------------- what a manager sees: no repetition, no NaN, folds


def test_the_florence_brokers_table_names_each_family_once_and_the_charts_still_draw_every_family():
    families, marriages = data.florentine_families()
    table = analytics.brokers(families, marriages)
    assert list(table.columns) == ["ties", "betweenness_pct"]  # not "Medici" as label, id and name
    assert list(plots.in_words(table).columns) == ["people they know", "betweenness (%)"]
    assert table.loc["Medici", "ties"] == 6
    ax = plots.small_network(table, marriages, size="betweenness_pct")
    assert sorted(t.get_text() for t in ax.texts) == sorted(families["name"])
    sizes = ax.collections[-1].get_sizes()
    assert sizes[list(table.index).index("Medici")] == sizes.max()  # the biggest circle is the biggest broker
    ax = plots.brokers(table, top=3)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Albizzi", "Guadagni", "Medici"]


def test_the_sample_networks_tables_keep_the_id_and_the_chart_its_cities(contacts, connections):
    top = analytics.brokers(contacts, connections, person="You")
    assert {"contact_id", "name", "city"} <= set(top.columns)
    labels = [t.get_text() for t in plots.brokers(top, top=2).get_yticklabels()]
    assert labels == ["Sophie King (London)", "You (Lyon)"]


def test_the_chain_in_words_shows_a_dash_not_nan_for_you(contacts, connections):
    chain = analytics.introduction_path(contacts, connections, "You", city="Bogotá", industry="agriculture")
    assert chain["strength"].isna().iloc[0]  # the data keeps the missing value: there is no tie before you
    shown = plots.in_words(chain[["step", "city", "industry", "role", "strength"]])
    assert list(shown["interactions a year"]) == ["—", 4, 3]
    assert "NaN" not in shown.to_string() and "<NA>" not in shown.to_string()


def test_no_table_of_the_lesson_shows_nan(contacts, connections):
    """Every plots.in_words(...) of the lesson, run: no NaN, <NA> or None on a manager's screen."""
    import re

    namespace = {"analytics": analytics, "data": data, "plots": plots, "contacts": contacts,
                 "connections": connections}
    shown = []
    for cell in notebook(LESSON)["cells"]:
        code = "".join(cell["source"])
        if cell["cell_type"] != "code" or "widgets." in code or "plots.reach_map" in code:
            continue
        lines = code.rstrip().splitlines()
        exec("\n".join(lines[:-1]) if lines[-1].startswith("plots.in_words(") else code, namespace)
        if lines[-1].startswith("plots.in_words("):
            shown.append(eval(lines[-1], namespace))
    assert len(shown) >= 8
    for table in shown:
        assert not re.search(r"\bNaN\b|<NA>|\bNone\b", table.to_string()), table


def test_the_constraint_formula_is_in_a_closed_fold_and_a_sentence_leads_to_its_table():
    cells = notebook(LESSON)["cells"]
    where = next(i for i, c in enumerate(cells) if "Constraint of a person =" in "".join(c["source"]))
    text = "".join(cells[where]["source"])
    fold = text[text.index("<details>"):text.index("</details>")]
    assert "Constraint of a person =" in fold and "Burt" in fold and "\n\n</details>" in text
    after = text[text.index("</details>") + len("</details>"):].strip()
    assert after.startswith("Whose contacts") and "structural_holes" in "".join(cells[where + 1]["source"])
    for before, code in zip(cells, cells[1:]):  # no code cell right under a fold: it would look inside it
        if code["cell_type"] == "code":
            assert not "".join(before["source"]).rstrip().endswith("</details>")
