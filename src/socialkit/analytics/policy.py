"""Trusting staff within clear limits (module 08): how often staff posts break the social media policy,
and how well a simple word screen finds those posts.

The truth is the policy review's verdict on every post (``employee_posts.policy_label``: ``ok`` or the
kind of breach). A word screen flags a post when it holds one of a list of words or phrases; its
precision and recall against the truth are ``analytics.precision_recall`` (the screening topic).
"""

from __future__ import annotations

import re

import pandas as pd

from socialkit.analytics._inputs import WrongInput, _require, metric

OK = "ok"  # the policy review's label for a post within the policy
BREACHES = ("insult", "profanity", "confidential", "off_values")  # the kinds of breach, in the data's words
EXAMPLE_WORDS = '["idiot", "merde"]'


def _clean_words(words, where: str) -> tuple[str, ...]:
    """The words of a list, stripped and in lower case; a bare text or a number is refused in plain words."""
    if isinstance(words, str):
        raise WrongInput(f"{where}() needs a LIST of words in square brackets, each in quotes, e.g. "
                         f"{where}({EXAMPLE_WORDS}); it got one text, {words[:40]!r}.")
    try:
        items = list(words)
    except TypeError:
        raise WrongInput(f"{where}() needs a list of words in square brackets, each in quotes, e.g. "
                         f"{where}({EXAMPLE_WORDS}).") from None
    bad = [w for w in items if not isinstance(w, str)]
    if bad:
        raise WrongInput(f"{where}(): every word goes in quotes; {bad[0]!r} has none. Write e.g. "
                         f"{where}({EXAMPLE_WORDS}).")
    cleaned = tuple(dict.fromkeys(w.strip().lower().replace("’", "'") for w in items if w.strip()))
    return cleaned


def _pattern(words: tuple[str, ...], whole_words: bool) -> re.Pattern | None:
    """One regular expression that finds any of the words (longest first), or None for an empty list."""
    if not words:
        return None
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if whole_words else f"(?:{body})")


def _normal(text) -> str:
    """A post's text as the screen reads it: lower case, curly apostrophes made straight."""
    return str(text).lower().replace("’", "'")


def words_found(text, words, *, whole_words: bool = True) -> list[str]:
    """The listed words or phrases that appear in ``text`` (lower case), each once, in the order found."""
    pattern = _pattern(_clean_words(words, "words_found"), whole_words)
    if pattern is None or not isinstance(text, str):
        return []
    return list(dict.fromkeys(pattern.findall(_normal(text))))


def word_rule(words, *, whole_words: bool = True):
    """A policy rule as a function of a post's text: True when the text holds any of ``words``.

    Case does not matter; a listed phrase ("sales down") must appear as written. With
    ``whole_words=True`` a word only counts on its own ("con" does not flag "contient"); with False, also
    inside longer words. The function answers False for anything that is not a text. This is the
    keyword screen of content moderation, the simplest of the "automated tools" the EU Digital
    Services Act asks platforms to describe (Regulation (EU) 2022/2065, Art. 15(1)(e)).
    """
    cleaned = _clean_words(words, "word_rule")
    pattern = _pattern(cleaned, whole_words)

    def violates_policy(post_text) -> bool:
        if pattern is None or not isinstance(post_text, str):
            return False
        return pattern.search(_normal(post_text)) is not None

    violates_policy.words = cleaned
    violates_policy.__doc__ = f"True when the text holds one of {len(cleaned)} listed words or phrases."
    return violates_policy


@metric("employee_posts")
def flag_posts(employee_posts: pd.DataFrame, words, *, whole_words: bool = True) -> pd.DataFrame:
    """A copy of the posts with ``flagged`` (the word screen says yes) and ``flagged_by`` (the words it found).

    Each distinct text is screened once (the archive repeats many texts). ``flagged_by`` is "" for a post
    not flagged. See ``word_rule`` for how a word is matched.
    """
    _require(employee_posts, "text", where="flag_posts")
    cleaned = _clean_words(words, "flag_posts")
    pattern = _pattern(cleaned, whole_words)
    texts = employee_posts["text"].astype("object")
    distinct = pd.unique(texts.dropna())
    found = {t: (", ".join(dict.fromkeys(pattern.findall(_normal(t)))) if pattern is not None else "")
             for t in distinct}
    flagged = employee_posts.copy()
    flagged["flagged_by"] = texts.map(found).fillna("").astype("object")
    flagged["flagged"] = flagged["flagged_by"] != ""
    return flagged


@metric("employee_posts")
def against_policy(employee_posts: pd.DataFrame) -> pd.Series:
    """The truth as a column of True/False: the policy review found the post against the policy (label ≠ "ok")."""
    _require(employee_posts, "policy_label", where="against_policy")
    return (employee_posts["policy_label"].astype("object") != OK).rename("against_policy")


@metric("employee_posts")
def violation_rate(employee_posts: pd.DataFrame, *, by: str | None = None, kind: str | None = None):
    """Policy-violation rate in %: posts the policy review found against the policy ÷ all the posts × 100.

    ``kind``: count only one kind of breach ("insult", "profanity", "confidential", "off_values").
    ``by``: a column (e.g. "lang", or "team" after ``analytics.with_employee``) for one rate per group,
    highest first. Without ``by``: one number. Source: the "violation rate" (prevalence) of content
    moderation reports, the share of content found against the rules, e.g. Meta's Community Standards
    Enforcement Report ("prevalence").
    """
    if kind is not None and kind not in BREACHES:
        raise WrongInput(f"violation_rate(kind=...): the kinds of breach are {', '.join(map(repr, BREACHES))}; "
                         f"got {kind!r}.")
    _require(employee_posts, "policy_label", where="violation_rate")
    labels = employee_posts["policy_label"].astype("object")
    bad = labels != OK if kind is None else labels == kind
    if by is None:
        return 100 * float(bad.mean()) if len(bad) else float("nan")
    _require(employee_posts, by, where="violation_rate(by=...)")
    rates = 100 * bad.groupby(employee_posts[by].astype("object")).mean()
    rates.index.name = by
    return rates.sort_values(ascending=False).rename("violation_pct")


@metric("employee_posts")
def violations_by_kind(employee_posts: pd.DataFrame, *, by: str = "team") -> pd.DataFrame:
    """Violation rate in % by group and kind of breach: a table group × kind (plus "all_breaches" and "posts"),
    highest total first.

    Each cell: posts of the group with that kind of breach ÷ all the group's posts × 100; "all_breaches" is
    their sum, the group's violation rate (read it there: the kinds, each rounded, may not add up to it).
    Source: as ``violation_rate``.
    """
    _require(employee_posts, "policy_label", by, where="violations_by_kind")
    labels = employee_posts["policy_label"].astype("object")
    groups = employee_posts[by].astype("object")
    table = 100 * pd.crosstab(groups, labels, normalize="index")
    table = table.reindex(columns=list(BREACHES), fill_value=0.0)
    table["all_breaches"] = table[list(BREACHES)].sum(axis=1)
    table["posts"] = groups.value_counts().reindex(table.index)
    table.index.name, table.columns.name = by, "breach"
    return table.sort_values("all_breaches", ascending=False)


@metric("employee_posts")
def screen_outcomes(flagged_posts: pd.DataFrame) -> pd.DataFrame:
    """What a word screen caught and missed, per kind of post: posts, flagged, and % flagged.

    One row per policy label (the breaches, then "ok"): for a breach, % flagged is the screen's recall on
    that kind; for "ok", it is the share of false alarms. Needs the columns of ``flag_posts``.
    """
    _require(flagged_posts, "policy_label", "flagged", where="screen_outcomes")
    labels = flagged_posts["policy_label"].astype("object")
    order = [*BREACHES, OK]
    posts = labels.value_counts().reindex(order, fill_value=0)
    hits = flagged_posts["flagged"].astype(bool).groupby(labels).sum().reindex(order, fill_value=0)
    table = pd.DataFrame({"posts": posts.astype("int64"), "flagged": hits.astype("int64")})
    table["flagged_pct"] = (100 * table["flagged"] / table["posts"].where(table["posts"] > 0)).astype("float64")
    table.index.name = "policy_label"
    return table
