"""Who speaks for the company (module 04): outcomes by who answered, with 95 % intervals; industry leaders' replies
by who wrote the post; how focused each author's posts are on the company's core topics.

Every rate here is a proportion (a share of threads or posts), so its 95 % interval is Wilson's score interval
and the interval of a difference between two rates is Newcombe's hybrid score interval, both computed from
SciPy's Wilson interval (``scipy.stats.binomtest(...).proportion_ci(method="wilson")``).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import WrongSetting, _require, metric

ROLES = ("intern", "community_manager", "executive", "expert")  # the data's author and responder roles, in order
ROLE_LABELS = {"intern": "intern", "community_manager": "community manager", "executive": "executive",
               "expert": "expert"}
# A thread's outcome (threads table, answered threads only): its column or rule, and how a manager says it.
OUTCOMES = {
    "resolved": "problem solved",
    "recovered": "customer ended in a good mood",
    "escalated": "argued at length in public (5 or more public replies)",
}
ESCALATION_REPLIES = 5  # a thread with this many public replies or more has become a public argument
CORE_TOPICS = ("coffee_craft", "sourcing", "sustainability", "industry")  # what a coffee roaster knows best
CONFIDENCE = 0.95


def _z(confidence: float) -> float:
    """The normal quantile for a two-sided interval (1.96 for 95 %)."""
    from scipy.stats import norm

    if not 0 < confidence < 1:
        raise WrongSetting(f"confidence must be between 0 and 1, e.g. 0.95 for a 95 % interval; got {confidence!r}.")
    return float(norm.ppf(0.5 + confidence / 2))


def _count(value, name: str) -> int:
    """A count of threads or posts as a whole number ≥ 0, or one plain sentence."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, float, np.floating)) \
            or not math.isfinite(float(value)) or float(value) != int(value) or value < 0:
        raise WrongSetting(f"{name} must be a whole number of threads or posts (0 or more), not {value!r}.")
    return int(value)


def wilson_interval(successes, total, *, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson's score interval for a proportion, as fractions 0–1 (NaN, NaN when total is 0).

    p̂ = x / n; centre = (p̂ + z²/2n) / (1 + z²/n); half-width = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n).
    Source: E. B. Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22
    (1927); computed with SciPy's ``binomtest(x, n).proportion_ci(method="wilson")``.
    """
    x, n = _count(successes, "successes"), _count(total, "total")
    if x > n:
        raise WrongSetting(f"successes ({x}) cannot be more than the total ({n}).")
    if n == 0:
        return (math.nan, math.nan)
    _z(confidence)
    return _wilson(x, n, float(confidence))


@functools.lru_cache(maxsize=4096)
def _wilson(x: int, n: int, confidence: float) -> tuple[float, float]:
    """SciPy's Wilson interval for whole numbers, kept: a dashboard asks for the same few counts again and again."""
    from scipy.stats import binomtest

    ci = binomtest(x, n).proportion_ci(confidence_level=confidence, method="wilson")
    return (float(ci.low), float(ci.high))


def difference_interval(x1, n1, x2, n2, *, confidence: float = CONFIDENCE, method: str = "newcombe") -> dict:
    """The difference of two proportions p1 − p2 and its interval, in fractions 0–1.

    ``method="newcombe"`` (default): Newcombe's hybrid score interval from the two Wilson intervals
    (l1, u1), (l2, u2): low = d − √((p1 − l1)² + (u2 − p2)²), high = d + √((u1 − p1)² + (p2 − l2)²).
    Source: R. G. Newcombe, "Interval estimation for the difference between independent proportions:
    comparison of eleven methods", Statistics in Medicine 17 (1998), method 10. ``method="wald"``: the
    textbook d ± z·√(p1(1 − p1)/n1 + p2(1 − p2)/n2), too narrow for small samples (Newcombe's method 1).
    Returns {difference, low, high} (NaN when a group is empty).
    """
    if method not in ("newcombe", "wald"):
        raise WrongSetting(f"method must be \"newcombe\" or \"wald\"; got {method!r}.")
    x1, n1, x2, n2 = _count(x1, "x1"), _count(n1, "n1"), _count(x2, "x2"), _count(n2, "n2")
    if x1 > n1 or x2 > n2:
        raise WrongSetting("a group cannot have more successes than threads or posts: check x1 ≤ n1 and x2 ≤ n2.")
    if n1 == 0 or n2 == 0:
        return {"difference": math.nan, "low": math.nan, "high": math.nan}
    p1, p2 = x1 / n1, x2 / n2
    d = p1 - p2
    if method == "wald":
        half = _z(confidence) * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
        return {"difference": d, "low": d - half, "high": d + half}
    l1, u1 = wilson_interval(x1, n1, confidence=confidence)
    l2, u2 = wilson_interval(x2, n2, confidence=confidence)
    return {"difference": d, "low": d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
            "high": d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)}


def _check_outcome(outcome: str) -> str:
    if outcome not in OUTCOMES:
        raise WrongSetting(f"outcome must be one of {', '.join(repr(o) for o in OUTCOMES)}; got {outcome!r}.")
    return outcome


def _check_role(role, what: str = "role") -> str:
    if role not in ROLES:
        raise WrongSetting(f"{what} must be one of {', '.join(repr(r) for r in ROLES)}; got {role!r}.")
    return role


@metric("threads")
def thread_outcome(threads: pd.DataFrame, outcome: str = "resolved") -> pd.Series:
    """True/False per thread for an outcome: ``resolved``; ``recovered`` (sentiment at the end > 0);
    ``escalated`` (5 or more public replies)."""
    _check_outcome(outcome)
    if outcome == "resolved":
        _require(threads, "resolved", where="outcomes_by_responder")
        return threads["resolved"].astype(bool)
    if outcome == "recovered":
        _require(threads, "sentiment_after", where="outcomes_by_responder")
        return threads["sentiment_after"].astype("float64") > 0
    _require(threads, "public_replies", where="outcomes_by_responder")
    return threads["public_replies"].astype("int64") >= ESCALATION_REPLIES


def _rates(successes: pd.Series, totals: pd.Series, confidence: float) -> pd.DataFrame:
    """One row per group: count, successes, rate in % and its Wilson interval in %."""
    rows = {}
    for group in totals.index:
        n, x = int(totals[group]), int(successes.get(group, 0))
        low, high = wilson_interval(x, n, confidence=confidence)
        rows[group] = {"count": n, "successes": x, "rate_pct": 100 * x / n if n else math.nan,
                       "low_pct": 100 * low, "high_pct": 100 * high}
    return pd.DataFrame.from_dict(rows, orient="index")


@metric("threads")
def outcomes_by_responder(threads: pd.DataFrame, outcome: str = "resolved", *,
                          confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Per role of who answered: answered threads, those with the outcome, its rate in % and 95 % interval.

    rate = threads with the outcome ÷ answered threads of that role × 100; interval: Wilson's score interval
    (``wilson_interval``). Outcomes: ``resolved`` (problem solved; Zendesk "resolution rate"), ``recovered``
    (the customer's sentiment at the end is above 0), ``escalated`` (5 or more public replies: a public
    argument, where care guides advise at most two public replies — Jay Baer, *Hug Your Haters*, 2016).
    Rows intern, community manager, executive, expert (codes as in the data); columns threads, successes,
    rate_pct, low_pct, high_pct. Never-answered threads have no responder and are left out.
    """
    _require(threads, "responder_role", where="outcomes_by_responder")
    answered = threads[threads["responder_role"].notna()]
    flag = thread_outcome(answered, outcome)
    role = answered["responder_role"].astype(str)
    totals = role.value_counts().reindex([r for r in ROLES if r in set(role)])
    return _rates(flag.groupby(role).sum(), totals, confidence).rename(columns={"count": "threads"})


@metric("threads")
def compare_responders(threads: pd.DataFrame, outcome: str = "resolved", role: str = "expert", *,
                       versus: str = "intern", confidence: float = CONFIDENCE, method: str = "newcombe") -> pd.Series:
    """How many percentage points ``role``'s rate of an outcome is above ``versus``'s, with its 95 % interval.

    difference = rate(role) − rate(versus), in points; interval: Newcombe's hybrid score interval
    (``difference_interval``; ``method="wald"`` for the textbook one). ``real`` is True when the interval
    leaves out 0 — the data show a difference that chance alone would rarely produce.
    Returns difference, low, high (points), real, and the two groups' sizes.
    """
    _check_role(role), _check_role(versus, "versus")
    table = outcomes_by_responder(threads, outcome, confidence=confidence)
    one = table.loc[role] if role in table.index else pd.Series({"successes": 0, "threads": 0})
    two = table.loc[versus] if versus in table.index else pd.Series({"successes": 0, "threads": 0})
    diff = difference_interval(int(one["successes"]), int(one["threads"]), int(two["successes"]),
                               int(two["threads"]), confidence=confidence, method=method)
    return pd.Series({"difference": 100 * diff["difference"], "low": 100 * diff["low"],
                      "high": 100 * diff["high"], "real": bool(diff["low"] > 0 or diff["high"] < 0),
                      f"{role}_threads": int(one["threads"]), f"{versus}_threads": int(two["threads"])}, dtype=object)


@metric("brand_posts")
def leader_engagement(posts: pd.DataFrame, *, by: str | None = "author_role",
                      confidence: float = CONFIDENCE):
    """Replies from industry leaders per post, and the share of posts that drew at least one, by author role.

    replies_per_post = leader replies ÷ posts; drew_a_leader_pct = posts with ≥ 1 leader reply ÷ posts × 100,
    with its Wilson 95 % interval (low_pct, high_pct). Source: engagement "per post" as in Rival IQ's Social
    Media Industry Benchmark Report; who replies (industry leaders, not follower counts) as in Cha et al.,
    "Measuring user influence in Twitter: the million follower fallacy", ICWSM 2010. ``by=None``: one Series
    for all the posts given.
    """
    _require(posts, "leader_replies", where="leader_engagement")
    replies = posts["leader_replies"].astype("int64")
    drew = replies > 0
    if by is None:
        low, high = wilson_interval(int(drew.sum()), len(posts), confidence=confidence)
        return pd.Series({"posts": len(posts), "leader_replies": int(replies.sum()),
                          "replies_per_post": float(replies.mean()) if len(posts) else math.nan,
                          "drew_a_leader_pct": 100 * float(drew.mean()) if len(posts) else math.nan,
                          "low_pct": 100 * low, "high_pct": 100 * high})
    _require(posts, by, where="leader_engagement")
    key = posts[by].astype(str)
    order = [r for r in ROLES if r in set(key)] if by == "author_role" else sorted(set(key))
    totals = key.value_counts().reindex(order)
    table = _rates(drew.groupby(key).sum(), totals, confidence)
    out = pd.DataFrame({"posts": table["count"], "leader_replies": replies.groupby(key).sum().reindex(order)})
    out["replies_per_post"] = out["leader_replies"] / out["posts"]
    out["drew_a_leader_pct"] = table["rate_pct"]
    out["low_pct"], out["high_pct"] = table["low_pct"], table["high_pct"]
    return out


@metric("brand_posts")
def topical_focus(posts: pd.DataFrame, *, core=CORE_TOPICS, by: str | None = "author_role"):
    """Topical focus in %: posts on the company's core topics ÷ posts × 100, per author role (or overall).

    Core topics by default: coffee craft, sourcing, sustainability and the industry — what a coffee roaster's
    experts know best. Source: "topical authority" — a voice is heard on a subject when it posts on it
    consistently (Weng et al., "TwitterRank: finding topic-sensitive influential twitterers", WSDM 2010).
    """
    _require(posts, "topic", where="topical_focus")
    core = (core,) if isinstance(core, str) else tuple(core)
    on_core = posts["topic"].astype(str).isin(core).astype("float64") * 100
    if by is None:
        return float(on_core.mean()) if len(on_core) else math.nan
    _require(posts, by, where="topical_focus")
    key = posts[by].astype(str)
    order = [r for r in ROLES if r in set(key)] if by == "author_role" else sorted(set(key))
    return on_core.groupby(key).mean().reindex(order).rename("focus_pct")
