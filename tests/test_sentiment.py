"""socialkit.sentiment: the real VADER and textblob-fr scorers on clear examples, negation, and silence on stderr."""

import math
import subprocess
import sys

import pandas as pd
import pytest

from socialkit import sentiment


@pytest.mark.parametrize("text", ["I love this coffee, it is excellent!", "Great service and friendly staff :)"])
def test_clear_english_praise_is_positive(text):
    assert sentiment.score(text, "en") > 0.5
    assert sentiment.label(text, "en") == "positive"


@pytest.mark.parametrize("text", ["Terrible coffee, awful service. Never again.", "I hate waiting 40 minutes"])
def test_clear_english_complaint_is_negative(text):
    assert sentiment.score(text, "en") < -0.3
    assert sentiment.label(text, "en") == "negative"


def test_english_negation_flips_the_score():
    assert sentiment.score("The coffee is good", "en") > 0.3
    assert sentiment.score("The coffee is not good", "en") < 0
    assert sentiment.label("The shop opens at 9", "en") == "neutral"


@pytest.mark.parametrize("text", ["J'adore ce café, il est excellent !", "Service parfait, très bon accueil"])
def test_clear_french_praise_is_positive(text):
    assert sentiment.score(text, "fr") > 0.3
    assert sentiment.label(text, "fr") == "positive"


@pytest.mark.parametrize("text", ["Le café est très mauvais", "Service horrible, jamais plus"])
def test_clear_french_complaint_is_negative(text):
    assert sentiment.score(text, "fr") < -0.3
    assert sentiment.label(text, "fr") == "negative"


def test_french_negation_flips_the_score():
    assert sentiment.score("Ce café est bon", "fr") > 0.3
    assert sentiment.score("Ce café n'est pas bon", "fr") < 0


def test_scores_stay_within_minus_one_and_one():
    for text, lang in [("BEST. COFFEE. EVER!!! 😍😍", "en"), ("vraiment extrêmement excellent !!!", "fr"),
                       ("worst worst worst horrible disgusting", "en")]:
        assert -1 <= sentiment.score(text, lang) <= 1


def test_threshold_moves_the_neutral_band():
    text = "The coffee is okay"
    value = sentiment.score(text, "en")
    assert 0 < value < 0.5
    assert sentiment.label(text, "en", threshold=0.05) == "positive"
    assert sentiment.label(text, "en", threshold=0.6) == "neutral"
    assert sentiment.label_of(-0.05) == "negative" and sentiment.label_of(0.049) == "neutral"


def test_unsupported_language_is_a_clear_error():
    with pytest.raises(ValueError, match=r"English \('en'\) and French \('fr'\) only; got lang='de'"):
        sentiment.score("Der Kaffee ist gut", "de")
    with pytest.raises(ValueError, match="lang='es'"):  # one language for every row: it must be scorable
        sentiment.score_series(pd.Series(["hola", "hello"]), "es")


def test_rows_in_other_languages_are_not_scored_never_scored_wrongly():
    # a negative Dutch complaint that either lexicon would call positive: only "super" is a word it knows
    complaint = "Het was super slecht"
    assert sentiment.score(complaint, "en") > 0.5 and sentiment.score(complaint, "fr") > 0.5
    texts = pd.Series([complaint, "I love it", "Service horrible", "¡Qué café tan malo!", "ok"])
    langs = pd.Series(["nl", "EN", "fr", "es", None])
    scores = sentiment.score_series(texts, langs)
    assert scores.isna().tolist() == [True, False, False, True, True]
    assert scores[1] == pytest.approx(sentiment.score("I love it", "en"))
    assert sentiment.scored(langs).tolist() == [False, True, True, False, False]
    labels = sentiment.label_series(texts, langs)
    assert labels.isna().tolist() == [True, False, False, True, True]
    assert list(labels.cat.categories) == ["positive", "neutral", "negative"]
    # categorical languages, as exports load them (en, fr, then the other codes found)
    as_loaded = pd.Series(pd.Categorical(["de", "en"], categories=["en", "fr", "de"]))
    assert sentiment.score_series(pd.Series(["schlecht", "bad"]), as_loaded).isna().tolist() == [True, False]


def test_missing_text_gives_nan_and_wrong_type_an_error():
    assert math.isnan(sentiment.score(None, "en"))
    assert math.isnan(sentiment.score(float("nan"), "fr"))
    with pytest.raises(TypeError, match="needs a text"):
        sentiment.score(42, "en")


def test_series_helpers_score_each_row_in_its_language():
    texts = pd.Series(["I love it", "C'est horrible", None, "I love it"], index=[10, 11, 12, 13])
    langs = pd.Series(["en", "fr", "en", "en"], index=[10, 11, 12, 13])
    scores = sentiment.score_series(texts, langs)
    assert list(scores.index) == [10, 11, 12, 13]
    assert scores[10] == pytest.approx(sentiment.score("I love it", "en"))
    assert scores[11] == pytest.approx(sentiment.score("C'est horrible", "fr"))
    assert math.isnan(scores[12])
    labels = sentiment.label_series(texts, langs)
    assert list(labels.cat.categories) == ["positive", "neutral", "negative"]
    assert labels[10] == "positive" and labels[11] == "negative" and pd.isna(labels[12])
    assert sentiment.score_series(["great", "awful"], "en").tolist()[0] > 0


def test_nothing_is_written_to_stderr_on_first_use():
    code = ("import warnings; warnings.simplefilter('default')\n"
            "from socialkit import sentiment\n"
            "print(sentiment.label('Great coffee', 'en'), sentiment.label('Café excellent', 'fr'))\n")
    run = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["positive", "positive"]
    assert run.stderr == ""
