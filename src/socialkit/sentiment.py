"""Automatic sentiment scores for English and French text, from −1 (negative) to +1 (positive).

English: the VADER compound score (Hutto & Gilbert 2014, "VADER: A Parsimonious
Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM; package
``vaderSentiment``, MIT licence). French: the polarity of ``textblob-fr``
(Steven Loria, MIT licence; the French lexicon of the Pattern library). Both are
rule-based lexicons: fast, explainable, and wrong in teachable ways (sarcasm,
idioms such as "pas terrible", slang).

The scorers are imported on first use and kept, and nothing here ever writes to
stderr (nbgrader gives zero to a grade cell that does).
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from functools import lru_cache

SUPPORTED_LANGS = ("en", "fr")
LABELS = ("positive", "neutral", "negative")


def _quietly(build):
    """Run ``build()`` with warnings and stderr swallowed (library imports can be chatty)."""
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        return build()


@lru_cache(maxsize=None)
def _english():
    """VADER's analyser (loads its lexicon once, about 0.2 s)."""
    def build():
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyser = SentimentIntensityAnalyzer()
        return lambda text: analyser.polarity_scores(text)["compound"]

    return _quietly(build)


@lru_cache(maxsize=None)
def _french():
    """textblob-fr's Pattern-based polarity (its first import takes 1–2 s: it loads TextBlob and NLTK)."""
    def build():
        from textblob_fr.fr import sentiment as pattern_sentiment

        return lambda text: pattern_sentiment(text)[0]

    return _quietly(build)


def _scorer(lang):
    """The scoring function for ``lang``, or a ValueError naming the supported languages."""
    key = str(lang).strip().lower() if isinstance(lang, str) else lang
    if key == "en":
        return _english()
    if key == "fr":
        return _french()
    raise ValueError(f"Sentiment scoring supports English ('en') and French ('fr') only; got lang={lang!r}. "
                     "Filter the rows to those languages first, e.g. df[df['lang'].isin(['en', 'fr'])].")


def _is_missing(text) -> bool:
    """None, NaN or pandas' NA: a missing text."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return True
    return type(text).__name__ == "NAType"


def score(text, lang: str = "en") -> float:
    """Sentiment of one text from −1 (very negative) to +1 (very positive); NaN for a missing text."""
    scorer = _scorer(lang)
    if _is_missing(text):
        return float("nan")
    if not isinstance(text, str):
        raise TypeError(f"score() needs a text (str); got {type(text).__name__}.")
    return float(scorer(text))


def label_of(value: float, threshold: float = 0.05):
    """A score as "positive" (≥ threshold), "negative" (≤ −threshold) or "neutral"; NaN stays NaN.

    ±0.05 is VADER's recommended cut-off for the compound score (Hutto & Gilbert
    2014); the same is used for French polarity.
    """
    if value is None or math.isnan(value):
        return float("nan")
    if value >= threshold:
        return "positive"
    if value <= -threshold:
        return "negative"
    return "neutral"


def label(text, lang: str = "en", threshold: float = 0.05):
    """"positive", "neutral" or "negative" for one text (score compared with ±``threshold``)."""
    return label_of(score(text, lang), threshold)


def score_series(texts, langs="en"):
    """Scores for a Series of texts; ``langs`` is one language or a Series aligned with ``texts``.

    Each distinct (text, language) pair is scored once, so template-heavy data is fast.
    """
    import pandas as pd

    texts = pd.Series(texts)
    if isinstance(langs, str):
        langs = pd.Series(langs, index=texts.index)
    else:
        langs = pd.Series(langs, index=texts.index).astype("object")
    for lang in pd.unique(langs.dropna()):
        _scorer(lang)  # an unsupported language fails before any work
    if langs.isna().any():
        first = langs.index[langs.isna()][0]
        raise ValueError(f"Row {first!r} has no language; score_series needs 'en' or 'fr' for every row.")
    present = texts.notna()
    pairs = pd.DataFrame({"text": texts[present].astype("object"), "lang": langs[present].astype("object")})
    unique = pairs.drop_duplicates()
    scores = {(t, lang): score(t, lang) for t, lang in zip(unique["text"], unique["lang"])}
    result = pd.Series(float("nan"), index=texts.index, dtype="float64", name="sentiment_score")
    result[present] = [scores[(t, lang)] for t, lang in zip(pairs["text"], pairs["lang"])]
    return result


def label_series(texts, langs="en", threshold: float = 0.05):
    """Labels for a Series of texts, as a categorical with categories positive, neutral, negative."""
    import pandas as pd

    scores = score_series(texts, langs)
    labels = [label_of(v, threshold) for v in scores]
    return pd.Series(pd.Categorical(labels, categories=list(LABELS)), index=scores.index,
                     name="sentiment_label")


def agreement(table, *, by=None, human: str = "true_sentiment", automatic: str = "auto"):
    """% of posts where the automatic label equals the human one (overall, or one row per ``by`` group).

    agreement = posts where automatic == human ÷ posts scored × 100; posts the software did not score
    (a language it does not read) are left out. Source: accuracy, the share of correct labels, as
    reported for VADER by Hutto & Gilbert (ICWSM 2014).
    """

    scored = table[table[automatic].notna()]
    same = (scored[automatic].astype(str) == scored[human].astype(str)).astype(float) * 100
    if by is None:
        return float(same.mean()) if len(same) else float("nan")
    return same.groupby(scored[by], observed=True).mean().rename("agreement_pct")
