"""Module 06 · Networks: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data
(and, for Q4, from the real Florentine network networkx ships) when the learner checks; the
multiple-choice answer is stored only as a salted digest. The decisive assertions are the hidden
tests of ``solutions/06_networks/06_networks_exercises.ipynb``, which recompute with networkx and
plain pandas and compare with the rules of ``socialkit.judging.rules``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Negated, Number, Other, QuestionSet, Vary

SINCE_2015 = "2015-01-01"  # Q5: "made since 2015" (on or after 1 January 2015, as the lesson's chart shades)


@cache
def _tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The people and the ties, as the setup cell loads them."""
    return data.load("contacts"), data.load("connections")


@cache
def _ties() -> pd.DataFrame:
    """Every tie with its kind, as ``ties`` in the setup cell."""
    return analytics.tie_types(*_tables())


# --------------------------------------------------------------------------- Q1: potential suppliers within reach


@cache
def people_within(industry: str | None = "agriculture", steps: int = 2, exactly: bool = False,
                  outside_europe: bool = False) -> int:
    """How many people of ``industry`` (None: any) you reach within ``steps`` steps (``exactly``: at that step only)."""
    reached = analytics.reach(*_tables(), "You", steps)
    if exactly:
        reached = reached[reached["steps"] == steps]
    if industry is not None:
        reached = reached[reached["industry"] == industry]
    if outside_europe:
        reached = reached[reached["continent"] != "Europe"]
    return int(len(reached))


def _everyone_in(industry: str) -> int:
    """Everyone in the people table who works in ``industry`` (a slip: the whole table, not your reach)."""
    contacts = _tables()[0]
    return int((contacts["industry"] == industry).sum())


def _farmers_message() -> str:
    """What Q1's answer means, with the count outside Europe computed from the data."""
    return (f"but only {people_within(outside_europe=True)} of them work outside Europe, where coffee grows. To "
            f"reach a cooperative in Colombia or Ethiopia you need your door openers (section 2), or one more "
            f"introduction: that is what the dashboard's chain shows.")


# --------------------------------------------------------------------------- Q3: are weak ties the bridges?


@cache
def bridge_share(weak: bool | None = True, of: str = "ties") -> float:
    """% of weak (False: strong; None: all) ties that are local bridges; ``of="bridges"``: % of bridges that are weak."""
    ties = _ties()
    if of == "bridges":
        return float(100 * ties.loc[ties["local_bridge"], "weak"].mean())
    rows = ties if weak is None else ties[ties["weak"] == weak]
    return float(100 * rows["local_bridge"].mean())


def _weak_bridges_count() -> float:
    """The NUMBER of weak ties that are local bridges (a slip: a count, not a share)."""
    ties = _ties()
    return float((ties["weak"] & ties["local_bridge"]).sum())


def _weak_bridges_over_all_ties() -> float:
    """Weak local bridges as a % of ALL ties (a slip: the right count divided by every tie, not the weak ones)."""
    return float(100 * _weak_bridges_count() / len(_ties()))


def _bridges_message() -> str:
    """What Q3's answer means, with the strong ties' share computed from the data."""
    return (f"against {bridge_share(weak=False):.1f} % of strong ties. A weak tie is about "
            f"{bridge_share() / bridge_share(weak=False):.0f} times as likely to be the only short way between two "
            f"groups: Granovetter's \"strength of weak ties\", on your network. Keep them alive: a message twice a "
            f"year costs little.")


# --------------------------------------------------------------------------- Q4: the Medici


@cache
def family_betweenness(family: str = "Medici", column: str = "betweenness_pct") -> float:
    """One family's betweenness in % (or another column of ``analytics.brokers``) in Florence's marriage network."""
    return float(analytics.brokers(*data.florentine_families()).loc[family, column])


def _medici_share_of_ties() -> float:
    """The Medici's marriages as a % of the other 14 families (a slip: ties counted, not chains)."""
    families, marriages = data.florentine_families()
    return 100 * family_betweenness(column="ties") / (len(families) - 1)


def _medici_raw() -> float:
    """The Medici's betweenness not divided by the number of pairs (a slip: networkx's normalized=False)."""
    import networkx as nx

    return float(nx.betweenness_centrality(nx.florentine_families_graph(), normalized=False)["Medici"])


def _medici_constraint() -> float:
    """The Medici's Burt constraint × 100 (a slip: the structural-holes column, not betweenness)."""
    families, marriages = data.florentine_families()
    return 100 * float(analytics.structural_holes(families, marriages).loc["Medici", "constraint"])


def _medici_message() -> str:
    """What Q4's answer means, with the next family computed from the data."""
    table = analytics.brokers(*data.florentine_families())
    second = table.index[1]
    return (f"more than twice the next family (the {second}, {table.loc[second, 'betweenness_pct']:.1f} %). The "
            f"Medici were not the richest family: they married into families that did not marry each other, so "
            f"news, favours and alliances had to go through them (Padgett & Ansell, 1993).")


# --------------------------------------------------------------------------- Q5: far ties are recent


@cache
def made_since(distance: str | None = "other continent", day: str = SINCE_2015) -> float:
    """% of the ties at ``distance`` (None: all ties) made on or after ``day``."""
    ties = _ties()
    rows = ties if distance is None else ties[ties["distance"] == distance]
    return float(100 * (rows["since"] >= day).mean())


def _far_count() -> float:
    """The NUMBER of ties to another continent made since 2015 (a slip: a count, not a share)."""
    ties = _ties()
    far = ties[ties["distance"] == "other continent"]
    return float((far["since"] >= SINCE_2015).sum())


def _far_recent_over(divisor: str) -> float:
    """Far ties made since 2015 as a % of ALL ties (``"all"``) or of the ties made since 2015 (``"recent"``): slips."""
    ties = _ties()
    recent = ties["since"] >= SINCE_2015
    rows = recent if divisor == "recent" else pd.Series(True, index=ties.index)
    return float(100 * _far_count() / rows.sum())


def _recent_message() -> str:
    """What Q5's answer means, with the same-city share computed from the data."""
    return (f"against {made_since('same city'):.1f} % of the ties within a city. Your ties at home built up "
            f"over decades; the ties to other continents are new: they came with social media, which keeps "
            f"them alive at almost no cost.")


# --------------------------------------------------------------------------- the questions

KEEP_AGRICULTURE = 'reached[reached["industry"] == "agriculture"]'

QUESTIONS = QuestionSet("06_networks", [
    Number(
        "q1", "How many people working in agriculture you can reach within two steps",
        var="farmers_within_two", points=2, answer=people_within, tolerance=0, unit="people",
        mistakes=[
            Vary(steps=1, say="that is only the people in agriculture you know YOURSELF (1 step). Within two steps "
                              "also counts the people your contacts know: steps=2."),
            Vary(steps=2, exactly=True, say="that counts only the people exactly two steps away; \"within two "
                                            "steps\" also counts the people you know yourself. Keep every row of "
                                            "the table of analytics.reach(…, steps=2)."),
            Vary(steps=3, say="that is within THREE steps (two introductions); the question asks within two: "
                              "steps=2."),
            Vary(industry="coffee_trade", say="that counts the coffee traders (\"coffee_trade\"); the question "
                                              "asks for farms and cooperatives: \"agriculture\"."),
            Vary(industry=None, say="that is EVERYONE you reach within two steps; keep only the rows whose "
                                    "industry is \"agriculture\" before you count."),
            Vary(outside_europe=True, say="that counts only the people outside Europe; the question asks for "
                                          "everyone in agriculture within two steps, wherever they live."),
            Other(lambda: _everyone_in("agriculture"),
                  "that is everyone in agriculture in the whole table, including people you cannot reach in two "
                  "steps. Count the rows of analytics.reach(contacts, connections, \"You\", steps=2) instead."),
            Other(0, "no row matches: industries are written in lower case, as in the data: \"agriculture\"."),
        ],
        reduce_advice="Count the rows you kept with len( … ): one number.",
        right=_farmers_message,
        hints=[
            "reached (from the setup cell) is the table of everyone within two steps of you, as in section 1 of "
            "the lesson. Keep its rows whose industry is \"agriculture\" (move 2 of module 00, keep rows), then "
            "count them (move 1 of module 00, count) with len( … ).",
            f"Keep the rows: {KEEP_AGRICULTURE}. Count them by putting that whole expression inside len( ).",
        ],
        section="section 1 of the lesson (How far do you reach?)",
    ),
    Choice(
        "q2", "Whom you ask first for an introduction to a retail buyer in New York (multiple choice)",
        var="ask_first", points=2,
        answer_digest="3a78dd6c399638c194af2de6c1680b3c43a50693408cc3f8262fc4624df60463",
        options={
            "A": "Check that you set \"working in: retail\". With any industry, the nearest New Yorker is reached "
                 "through Jade Petit; the chain to a retail buyer in New York starts with someone else. Read the "
                 "second line of text under the controls.",
            "B": "Matt Cooper is on the chain, but you do not know him yet: somebody has to introduce you to him "
                 "first. Read the chain from \"You\".",
            "C": "Louise Laurent, founder of a consultancy in Brussels, whom you meet about five times a year (a weak tie), knows Matt "
                 "Cooper in San Francisco, who knows the New York buyer: three steps. Ask her first, say why, and "
                 "offer something in return.",
            "D": "Zoé Petit is your strongest tie, but everyone she knows lives in Europe: she opens no door to "
                 "North America. The strongest tie is rarely the one that reaches far.",
        },
        hints=[
            "Run the dashboard cell and set every control as the question says: Whose network: You; Show: 2 steps; "
            "Introduce me to someone in: New York; working in: retail.",
            "The second line of text under the controls reads the chain from You to the buyer and names the person "
            "to ask for the FIRST introduction.",
        ],
        section="section 5 of the lesson (The shortest introduction chain) and the dashboard",
    ),
    Number(
        "q3", "The % of weak ties that are local bridges, in the whole network",
        var="weak_bridge_pct", points=2, answer=bridge_share, tolerance=0.1, unit="%",
        mistakes=[
            Other(_weak_bridges_over_all_ties,
                  "you divided the weak local bridges by ALL the ties; divide them by the number of WEAK ties: "
                  "len(ties[ties[\"weak\"]])."),
            Vary(weak=False, say="that is the share among STRONG ties (6 or more interactions a year); the "
                                 "question asks about the weak ties: ties[ties[\"weak\"]]."),
            Vary(weak=None, say="that is the share among ALL ties; keep only the weak ones first: "
                                "ties[ties[\"weak\"]]."),
            Vary(of="bridges", say="that is the other way round: the share of local bridges that are weak. The "
                                   "question asks, among the WEAK ties, how many are local bridges (divide by the "
                                   "number of weak ties)."),
            Other(_weak_bridges_count, "that is a NUMBER of ties; the question asks for a share: divide it by the "
                                       "number of weak ties and multiply by 100."),
        ],
        mistake_tolerance=0.04,  # the ÷-all-ties slip and the strong ties' share lie 0.1 apart
        right=_bridges_message,
        hints=[
            "ties (from the setup cell) has one row per tie, with the columns weak (True when the two interact "
            "fewer than 6 times a year) and local_bridge (True when the two have no contact in common). Keep the "
            "weak ties (move 2 of module 00, keep rows): ties[ties[\"weak\"]], and count them (move 1, count) "
            "with len( … ).",
            "Count the weak ties that are ALSO local bridges, each condition in its own round brackets: "
            "len(ties[(ties[\"weak\"]) & (ties[\"local_bridge\"])]). "
            "Divide that count by the number of weak ties (not by the number of bridges).",
            "Multiply by 100 to get a percentage, and keep the decimals.",
        ],
        section="section 4 of the lesson (Weak ties and local bridges)",
    ),
    Number(
        "q4", "The Medici's betweenness in Florence's marriage network, in %",
        var="medici_betweenness", points=2, answer=family_betweenness, tolerance=0.1, unit="%",
        mistakes=[
            Vary(family="Strozzi", say="that is the Strozzi, the richest family; the question asks about the "
                                       "Medici: read the row \"Medici\"."),
            Vary(family="Guadagni", say="that is the Guadagni's betweenness; read the row \"Medici\"."),
            Vary(family="Albizzi", say="that is the Albizzi's betweenness; read the row \"Medici\"."),
            Other(_medici_share_of_ties, "that counts the Medici's marriages (6 of the 14 other families). "
                                         "Betweenness counts the shortest chains that run THROUGH them: the column "
                                         "\"betweenness_pct\"."),
            Other(_medici_raw, "that is the raw count of chains (networkx's normalized=False); the column "
                               "\"betweenness_pct\" of analytics.brokers divides it by the number of pairs: a %."),
            Other(_medici_constraint, "that is the Medici's constraint (structural holes) × 100; the question "
                                      "asks for betweenness: the column \"betweenness_pct\" of analytics.brokers."),
            Negated(say="betweenness cannot be negative: it is a share of chains."),
        ],
        reduce_advice="Read just one cell (move 3 of module 00): TABLE.loc[\"Medici\", \"betweenness_pct\"].",
        right=_medici_message,
        hints=[
            "analytics.brokers(families, marriages) gives every family's betweenness in % (the column "
            "\"betweenness_pct\"), one row per family, labelled by the family's name (section 6 of the lesson).",
            "Read one cell (move 3 of module 00, read one cell): TABLE.loc[ROW, COLUMN], with the row \"Medici\" "
            "and the column \"betweenness_pct\".",
        ],
        section="section 6 of the lesson (Real data: how the Medici rose)",
    ),
    Number(
        "q5", "The % of ties to another continent made since 2015 (on or after 1 January 2015)",
        var="far_ties_recent_pct", points=2, answer=made_since, tolerance=0.1, unit="%",
        mistakes=[
            Vary(distance="same city", say="that is the share among the ties WITHIN a city; the question asks "
                                           "about the ties to another continent: distance \"other continent\"."),
            Vary(distance="same continent", say="that is the share among ties to another city of the same "
                                                "continent; keep distance \"other continent\"."),
            Vary(distance=None, say="that is the share among ALL ties; keep only those whose distance is \"other "
                                    "continent\" first."),
            Vary(day="2016-01-01", say="that starts in 2016: \"> 2015\" leaves 2015 out. Since 2015 means on or "
                                       "after 2015-01-01: use >= \"2015-01-01\"."),
            Vary(day="2012-01-01", say="that counts from 2012; the question asks since 2015: >= \"2015-01-01\"."),
            Other(lambda: _far_recent_over("all"),
                  "you divided by ALL the ties; divide by the number of ties to another continent: "
                  "len(ties[ties[\"distance\"] == \"other continent\"])."),
            Other(lambda: _far_recent_over("recent"),
                  "you divided by all the ties made since 2015; divide by the number of ties to another continent, "
                  "whenever they were made: len(ties[ties[\"distance\"] == \"other continent\"])."),
            Other(lambda: 100 - made_since(), "that is the share made BEFORE 2015; the question asks for 2015 or "
                                              "later."),
            Other(_far_count, "that is a NUMBER of ties; the question asks for a share: divide it by the number of "
                              "ties to another continent and multiply by 100."),
        ],
        right=_recent_message,
        hints=[
            "In ties (from the setup cell), keep the ties between people on different continents (move 2 of "
            "module 00, keep rows): ties[ties[\"distance\"] == \"other continent\"], and count them (move 1, "
            "count) with len( … ).",
            "Then keep the ties that meet BOTH conditions, each in its own round brackets: "
            "ties[(ties[\"distance\"] == \"other continent\") & (ties[\"since\"] >= \"2015-01-01\")], and count "
            "them too.",
            "Divide the second count by the first and multiply by 100.",
        ],
        section="section 4 of the lesson (Weak ties and local bridges)",
    ),
])
