"""Module 10's metrics, dashboard, checks and quoted figures, each against an independent computation."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_right, assert_wrong, guide_parts, verdict
from socialkit import analytics, checks, data, widgets
from socialkit.analytics import WrongInput
from socialkit.analytics import adoption as bass  # the formulas on plain numbers

SLUG = "10_here_to_stay"
LESSON = REPO / "course" / SLUG / f"{SLUG}.ipynb"
SOLUTIONS = REPO / "solutions" / SLUG / f"{SLUG}_exercises.ipynb"
GUIDE = REPO / "facilitator" / f"{SLUG}.md"


@pytest.fixture(scope="module")
def adoption():
    return data.load("adoption")


@pytest.fixture(scope="module")
def channel_mix():
    return data.load("channel_mix")


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def bass_by_hand(t: float, p: float, q: float) -> float:
    """F(t) of Bass (1969), written out term by term with math.exp (0 before the launch)."""
    if t <= 0:
        return 0.0
    e = math.exp(-(p + q) * t)
    return (1 - e) / (1 + (q / p) * e)


def series_by_hand(adoption, technology, country) -> pd.Series:
    rows = adoption[(adoption["technology"].astype(str) == technology) & (adoption["country"] == country)]
    return rows.set_index("year")["pct_adults"].sort_index()


def shares_by_hand(channel_mix) -> pd.DataFrame:
    """% of each year's contacts per channel, in plain pandas."""
    year = channel_mix["month"].dt.year
    counts = channel_mix.groupby([year, channel_mix["channel"].astype(str)])["contacts"].sum().unstack()
    return counts.div(counts.sum(axis=1), axis=0) * 100


# --------------------------------------------------------------------------- the Bass model


@pytest.mark.parametrize(("p", "q"), [(0.03, 0.38), (0.0762, 0.2889), (0.2, 0.05), (0.01, 0.0)])
def test_bass_share_is_the_formula_of_bass_1969(p, q):
    times = [0, 0.5, 1, 2, 3.7, 5, 10, 25]
    by_hand = [bass_by_hand(t, p, q) for t in times]
    assert np.allclose(bass.bass_share(np.array(times), p, q), by_hand, rtol=1e-12, atol=1e-15)
    assert bass.bass_share(3.7, p, q) == pytest.approx(bass_by_hand(3.7, p, q), rel=1e-12)
    assert isinstance(bass.bass_share(3.7, p, q), float)
    column = pd.Series(times, index=[f"t{i}" for i in range(len(times))])
    result = bass.bass_share(column, p, q)
    assert list(result.index) == list(column.index) and np.allclose(result, by_hand)


def test_bass_share_starts_at_zero_climbs_and_never_comes_down():
    t = np.linspace(-3, 60, 500)
    share = bass.bass_share(t, 0.03, 0.38)
    assert (share[t <= 0] == 0).all() and share[-1] == pytest.approx(1, abs=1e-9)
    assert (np.diff(share) >= -1e-15).all()


def test_the_peak_is_where_new_adopters_per_year_are_most_numerous():
    """t* = ln(q/p)/(p+q) against the argmax of dF/dt computed numerically."""
    for p, q in [(0.03, 0.38), (0.0762, 0.2889), (0.01, 0.5)]:
        t = np.linspace(0, 40, 400_001)
        density = np.gradient([bass_by_hand(x, p, q) for x in t[::100]], t[::100])
        coarse = t[::100][int(np.argmax(density))]
        assert bass.bass_peak(p, q) == pytest.approx(math.log(q / p) / (p + q), rel=1e-12)
        assert abs(bass.bass_peak(p, q) - coarse) < 0.02
    assert bass.bass_peak(0.2, 0.05) < 0  # q < p: no S, most adopters at the start


def test_bass_curve_is_ceiling_times_the_share_from_the_launch():
    years = np.arange(2000, 2031)
    curve = bass.bass_curve(years, 0.05, 0.4, ceiling=70, launch=2004)
    assert np.allclose(curve, [70 * bass_by_hand(y - 2004, 0.05, 0.4) for y in years])


@pytest.mark.parametrize(("call", "words"), [
    (lambda: bass.bass_share("five", 0.03, 0.38), "needs a number for t"),
    (lambda: bass.bass_share(5, 0, 0.38), "needs p (innovation) above 0"),
    (lambda: bass.bass_share(5, 0.03, -1), "needs q (imitation) 0 or more"),
    (lambda: bass.bass_share(5, "0.03", 0.38), "needs a number for p"),
    (lambda: bass.bass_share(None, 0.03, 0.38), "needs a number for t"),
    (lambda: bass.bass_peak(0.03, 0), "needs q (imitation) above 0"),
    (lambda: bass.bass_curve([2010], 0.03, 0.3, ceiling=-5, launch=2004), "the ceiling"),
    (lambda: bass.bass_curve([2010], 0.03, 0.3, launch="2004"), "the launch year"),
])
def test_the_model_refuses_wrong_numbers_in_plain_words(call, words):
    with pytest.raises(WrongInput) as error:
        call()
    assert words in str(error.value) and "\n" not in str(error.value)
    assert error.value._render_traceback_() == [f"TypeError: {error.value}"]


# --------------------------------------------------------------------------- fitting it


def synthetic_table(p, q, m, launch, years, country="Testland", technology="social_media") -> pd.DataFrame:
    """A table shaped like `adoption`, its figures made with the formula by hand (rounded to 1 decimal, as the data)."""
    return pd.DataFrame({
        "year": years, "technology": technology, "country": country,
        "pct_adults": [round(m * bass_by_hand(y - launch, p, q), 1) for y in years],
        "source": "made by the test",
    })


@pytest.mark.parametrize(("p", "q", "m"), [(0.03, 0.38, 85.0), (0.08, 0.3, 70.0), (0.01, 0.6, 95.0)])
def test_the_fit_recovers_known_p_q_and_ceiling_from_a_synthetic_curve(p, q, m):
    years = list(range(2001, 2021))
    fit = analytics.fit_bass(synthetic_table(p, q, m, 2000, years), "social_media", "Testland")
    assert fit.launch == 2000 and fit.points == len(years)
    assert fit.p == pytest.approx(p, rel=0.02) and fit.q == pytest.approx(q, rel=0.02)
    assert fit.ceiling == pytest.approx(m, rel=0.01) and fit.rmse < 0.1
    assert fit.peak_year == pytest.approx(2000 + math.log(q / p) / (p + q), abs=0.05)


def test_the_fit_of_the_real_us_social_media_series_matches_an_independent_least_squares(adoption):
    """The module's reported fit: Pew's social media series, against curve_fit run here on the formula by hand."""
    from scipy.optimize import curve_fit

    series = series_by_hand(adoption, "social_media", "United States")
    start = series.index.min() - 1

    def model(t, p, q, m):
        return np.array([m * bass_by_hand(x, p, q) for x in t])

    (p, q, m), _ = curve_fit(model, series.index.to_numpy(float) - start, series.to_numpy(float),
                             p0=(0.02, 0.4, 75), bounds=((1e-4, 0, 1), (1, 3, 100)))
    fit = analytics.fit_bass(adoption, "social_media", "United States")
    assert (fit.p, fit.q, fit.ceiling) == pytest.approx((p, q, m), rel=1e-3)
    residuals = series.to_numpy() - fit.curve(series.index.to_numpy())
    assert fit.rmse == pytest.approx(math.sqrt((residuals ** 2).mean()), rel=1e-9)
    assert fit.q > fit.p and fit.launch == 2004 and fit.points == 12


def test_a_series_that_starts_high_or_is_too_short_is_refused_with_the_reason(adoption):
    with pytest.raises(analytics.NotFittable) as high:
        analytics.fit_bass(adoption, "internet", "United States")
    first = series_by_hand(adoption, "internet", "United States")
    assert f"starts in {first.index[0]} when {first.iloc[0]:.0f} % of adults already used it" in str(high.value)
    with pytest.raises(analytics.NotFittable) as short:
        analytics.fit_bass(adoption, "social_media", "France")
    assert "only 3 published figure(s)" in str(short.value)
    assert short.value._render_traceback_() == [f"NotFittable: {short.value}"]
    assert analytics.why_no_fit(adoption, "social_media", "United States") is None
    assert analytics.why_no_fit(adoption, "internet", "United States") in str(high.value)


def test_the_series_and_table_are_the_published_rows(adoption):
    series = analytics.adoption_series(adoption, "smartphone", "France")
    assert series.equals(series_by_hand(adoption, "smartphone", "France").astype(float).rename("pct_adults")
                         .rename_axis("year").set_axis(series.index))
    table = analytics.adoption_table(adoption, "United States")
    assert table.loc[2005, "social_media"] == 8 and math.isnan(table.loc[2007, "social_media"])
    assert len(analytics.adoption_sources(adoption, "internet", "France")) == 1


def test_unknown_series_and_wrong_tables_get_plain_words(adoption, channel_mix):
    with pytest.raises(ValueError, match="no technology 'fax'.*it has email|no technology 'fax'.*internet"):
        analytics.adoption_series(adoption, "fax", "France")
    with pytest.raises(ValueError, match="no figure for smartphone in 'Germany'; for smartphone it has France"):
        analytics.adoption_series(adoption, "smartphone", "Germany")
    with pytest.raises(ValueError, match="no figure for 'Spain'"):
        analytics.adoption_table(adoption, "Spain")
    with pytest.raises(WrongInput, match="not a column of True/False"):
        analytics.fit_bass(adoption["country"] == "France", "internet", "France")
    with pytest.raises(WrongInput, match="not one column of it"):
        analytics.channel_shares(channel_mix["contacts"])
    with pytest.raises(WrongInput, match="needs a table such as channel_mix"):
        analytics.channel_shares(42)
    with pytest.raises(ValueError, match='freq must be "Y"'):
        analytics.channel_shares(channel_mix, freq="W")


# Sites that re-host other people's documents: never the address of a published figure (a manager's cold read).
COPY_SITES = ("docslib.org", "123dok.net", "oke-esc.eu", "fdocuments", "docplayer", "scribd.com", "slideshare.net",
              "pdfslide")


def test_every_published_figure_names_its_publication_and_address(adoption):
    names = adoption["source"].str.replace(r"; https?://\S+$", "", regex=True)
    assert names.str.contains(r"\b(19|20)\d\d\b").all() and names.str.len().gt(40).all()  # publisher, year, title …
    assert adoption["pct_adults"].between(0, 100).all()
    assert not adoption.duplicated(["year", "technology", "country"]).any()
    addresses = adoption["source"].str.extract(r"; (https?://\S+)$")[0]
    found = addresses.dropna()
    assert not found.str.contains(r"%20|\s", regex=True).any()  # no broken address
    assert not [a for a in found if any(site in a for site in COPY_SITES)]
    assert not adoption["source"].str.contains("|".join(COPY_SITES).replace(".", r"\.")).any()
    # the one publication found only on a copy site keeps its name, and no address
    (unlinked,) = adoption.loc[addresses.isna(), "source"]
    assert unlinked.startswith("CREDOC (2020), Baromètre du numérique 2019 (19e édition, rapport n. 343")
    assert found.str.startswith("https://ec.europa.eu/eurostat/").sum() == 3  # Eurostat's own news, not a quote of it


# --------------------------------------------------------------------------- the channel mix


def test_channel_shares_are_each_years_contacts_over_all_contacts(channel_mix):
    shares = analytics.channel_shares(channel_mix)
    by_hand = shares_by_hand(channel_mix)[list(shares.columns)]
    assert np.allclose(shares.to_numpy(), by_hand.to_numpy()) and list(shares.index) == list(range(2015, 2026))
    assert np.allclose(shares.sum(axis=1), 100)
    monthly = analytics.channel_shares(channel_mix, freq="M")
    assert len(monthly) == 132 and np.allclose(monthly.sum(axis=1), 100)
    counts = analytics.channel_contacts(channel_mix)
    assert counts.loc[2025, "social"] == channel_mix.loc[(channel_mix["month"].dt.year == 2025)
                                                         & (channel_mix["channel"] == "social"), "contacts"].sum()


# --------------------------------------------------------------------------- the dashboard


@pytest.fixture
def board(adoption):
    return widgets.adoption_dashboard(adoption)


def test_the_dashboard_opens_on_us_social_media_with_the_sliders_curve_only(board, adoption):
    assert board.fit is None and "Best fit" not in board.summary.value
    published = series_by_hand(adoption, "social_media", "United States")
    assert list(board.table.index) == list(published.index)
    assert np.allclose(board.table["published_pct"], published)
    expected = [80 * bass_by_hand(y - 2004, 0.02, 0.40) for y in published.index]
    assert np.allclose(board.table["your_curve_pct"], expected)
    rmse = math.sqrt(((np.array(expected) - published.to_numpy()) ** 2).mean())
    assert f"Typical distance from the published figures: {rmse:.1f} points" in board.summary.value
    assert "Pew Research Center" in board.summary.value and board.chart.outputs


def test_a_slider_changes_the_curve_and_the_best_fit_comes_on_request(board, adoption):
    before = board.table["your_curve_pct"].copy()
    board.q.value = 0.3
    assert not np.allclose(before, board.table["your_curve_pct"]) and "q = 0.30" in board.summary.value
    board.best_fit.value = True
    fit = analytics.fit_bass(adoption, "social_media", "United States")
    assert board.fit == fit and "best_fit_pct" in board.table
    assert f"the most new users in one year came in <b>{fit.peak_year:.1f}</b>" in board.summary.value
    board.reset()
    assert board.q.value == 0.40 and not board.best_fit.value and board.fit is None


def test_a_series_without_a_fit_or_without_figures_says_why(board):
    board.best_fit.value = True
    board.technology.value = "internet"
    assert "<b>No best fit</b>: it starts in 2000 when 52 % of adults already used it" in board.summary.value
    board.country.value = "European Union"
    board.technology.value = "smartphone"
    assert "No published figures for smartphones in European Union" in board.summary.value
    assert "France, United States" in board.summary.value and board.table.empty and board.chart.outputs == ()


def test_the_dashboard_refuses_wrong_input_in_plain_words(adoption, channel_mix):
    with pytest.raises(KeyError, match="needs the adoption table"):
        widgets.adoption_dashboard(channel_mix)
    with pytest.raises(ValueError, match="Unknown technology 'fax'"):
        widgets.adoption_dashboard(adoption, technology="fax")
    with pytest.raises(ValueError, match="Unknown country 'Spain'"):
        widgets.adoption_dashboard(adoption, country="Spain")
    with pytest.raises(ValueError, match="empty adoption table"):
        widgets.adoption_dashboard(adoption.iloc[0:0])


# --------------------------------------------------------------------------- the questions and their typical mistakes


def test_q1_social_medias_share_in_2025_and_its_slips(channel_mix):
    shares = shares_by_hand(channel_mix)
    answer = shares.loc[2025, "social"]
    assert_right(f"{SLUG}.q1", answer)
    assert_right(f"{SLUG}.q1", round(answer, 1))
    assert_wrong(f"{SLUG}.q1", shares.loc[2024, "social"], "that is 2024")
    assert_wrong(f"{SLUG}.q1", shares.loc[2015, "social"], "that is 2015")
    assert_wrong(f"{SLUG}.q1", shares.loc[2025, "phone"], "PHONE's share")
    assert_wrong(f"{SLUG}.q1", round(shares.loc[2025, "email"], 1), "E-MAIL's share")
    assert_wrong(f"{SLUG}.q1", shares.loc[2025, "in_person"], "IN PERSON")
    december = channel_mix[channel_mix["month"] == "2025-12-01"]
    assert_wrong(f"{SLUG}.q1", 100 * december.loc[december["channel"] == "social", "contacts"].sum()
                 / december["contacts"].sum(), "December 2025 alone")
    year = channel_mix[channel_mix["month"].dt.year == 2025]
    assert_wrong(f"{SLUG}.q1", float(year.loc[year["channel"] == "social", "contacts"].sum()), "NUMBER of contacts")
    assert_wrong(f"{SLUG}.q1", answer / 100, "looks like a fraction")
    assert_wrong(f"{SLUG}.q1", analytics.channel_shares(channel_mix).loc[2025], 'TABLE.loc[2025, "social"]')


def test_q1_right_message_says_what_the_data_shows(channel_mix):
    shares = shares_by_hand(channel_mix).loc[2025]
    result = verdict(f"{SLUG}.q1", shares["social"])
    assert "one customer contact in three" in result.message and round(shares["social"] / 100 * 3) == 1
    assert shares.idxmax() == "social"  # "more than through any other channel"


def test_q2_the_first_year_social_media_beat_the_phone_and_its_slips(channel_mix):
    shares = shares_by_hand(channel_mix)
    years = shares.index[shares["social"] > shares["phone"]]
    assert_right(f"{SLUG}.q2", int(years[0]))
    assert_right(f"{SLUG}.q2", float(years[0]))
    assert (shares.loc[years[0]:, "social"] > shares.loc[years[0]:, "phone"]).all()  # "every year since"
    by_email = shares.index[shares["social"] > shares["email"]][0]
    monthly = channel_mix.pivot_table(index="month", columns="channel", values="contacts", observed=True)
    first_month = monthly.index[monthly["social"] > monthly["phone"]][0]
    assert by_email == first_month.year == years[0] - 1  # both slips land on the same year: one message
    assert_wrong(f"{SLUG}.q2", int(by_email), "passed E-MAIL over the whole year")
    assert_wrong(f"{SLUG}.q2", int(shares.index[shares["social"] > shares["in_person"]][0]), "IN PERSON")
    assert_wrong(f"{SLUG}.q2", int(shares.index[shares["social"] > shares["chat"]][0]), "chat")
    assert_wrong(f"{SLUG}.q2", 2025, "last year of the table")
    assert_wrong(f"{SLUG}.q2", str(int(years[0])), "Remove the quotes")
    assert_wrong(f"{SLUG}.q2", list(years), "FIRST year")


def test_q3_the_best_fits_peak_year_and_its_slips(adoption):
    fit = analytics.fit_bass(adoption, "social_media", "United States")
    peak = fit.launch + math.log(fit.q / fit.p) / (fit.p + fit.q)
    assert_right(f"{SLUG}.q3", peak)
    assert_right(f"{SLUG}.q3", round(peak, 1))
    assert_right(f"{SLUG}.q3", 2007.6)  # the dashboard's line writes it so
    assert_wrong(f"{SLUG}.q3", math.floor(peak), "close: that is the year as a whole number")
    assert_wrong(f"{SLUG}.q3", math.ceil(peak), "type it with its decimal")
    assert_wrong(f"{SLUG}.q3", round(2004 + math.log(0.40 / 0.02) / 0.42, 1), "YOUR curve")
    assert_wrong(f"{SLUG}.q3", round(peak - fit.launch, 1), "number of YEARS after the start")
    series = series_by_hand(adoption, "social_media", "United States")
    assert_wrong(f"{SLUG}.q3", float(series.diff().idxmax()), "biggest rise in the published figures")
    assert_wrong(f"{SLUG}.q3", round(fit.ceiling, 1), "ceiling m")


def test_q3_a_wrong_reading_of_the_dashboard_is_told_what_to_read_not_which_rows():
    """Q3 is read on a dashboard: no message speaks of rows; a whole year is "close", with the format 2012.4."""
    for wrong_value in (2007, 2008, 2015.3, 1990.0):
        message = verdict(f"{SLUG}.q3", wrong_value).message
        assert verdict(f"{SLUG}.q3", wrong_value).status == "wrong" and "rows" not in message
    assert "2012.4" in verdict(f"{SLUG}.q3", 2007).message
    assert "\"Best fit\"" in verdict(f"{SLUG}.q3", 2015.3).message
    assert "Check which rows you used" in verdict(f"{SLUG}.q5", 3.0).message  # a question on rows keeps it


def test_q5_the_monthly_load_and_its_slips(channel_mix):
    def per_month(channel="social", year=2025):
        rows = channel_mix[(channel_mix["channel"] == channel) & (channel_mix["month"].dt.year == year)]
        return rows["contacts"].mean()

    answer = per_month()
    assert_right(f"{SLUG}.q5", answer)
    assert_right(f"{SLUG}.q5", round(answer))
    assert_wrong(f"{SLUG}.q5", per_month(year=2024), "that is 2024")
    assert_wrong(f"{SLUG}.q5", per_month("phone"), "PHONE's contacts")
    assert_wrong(f"{SLUG}.q5", per_month("email"), "E-MAIL's contacts")
    assert_wrong(f"{SLUG}.q5", answer * 12, "whole YEAR")
    year = channel_mix[channel_mix["month"].dt.year == 2025]
    assert_wrong(f"{SLUG}.q5", year["contacts"].sum() / 12, "every channel together")
    assert_wrong(f"{SLUG}.q5", channel_mix.loc[(channel_mix["month"] == "2025-12-01")
                                               & (channel_mix["channel"] == "social"), "contacts"].sum(),
                 "December 2025 alone")
    assert_wrong(f"{SLUG}.q5", 12, "NUMBER of rows")
    nothing = channel_mix[(channel_mix["channel"] == "Social") & (channel_mix["month"].dt.year == 2025)]
    assert_wrong(f"{SLUG}.q5", nothing["contacts"].mean(), 'written "social", in lower case')
    # "more than on the phone and e-mail, and it keeps growing"
    assert answer > per_month("phone") and answer > per_month("email") and answer > per_month(year=2024)


def test_q4_option_b_is_not_copied_from_the_lesson(lesson_text):
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (q4,) = ["".join(c["source"]) for c in notebook["cells"] if "### Q4" in "".join(c["source"])]
    option_b = q4.split("- **B.**")[1].split("\n")[0]
    words = re.sub(r"[^\w\s]", " ", option_b.lower()).split()
    phrases = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
    lesson = re.sub(r"[^\w\s]", " ", lesson_text.lower())
    lesson = " ".join(lesson.split())
    assert [p for p in phrases if p in lesson] == []
    assert checks.evaluate(f"{SLUG}.q4", "B").status == "right"
    assert checks.evaluate(f"{SLUG}.q4", "C").status == "wrong"


# --------------------------------------------------------------------------- figures the lesson and the guide quote


def test_the_lessons_adoption_figures_are_the_published_ones(lesson_text, adoption):
    us = analytics.adoption_table(adoption, "United States")

    def ends(column):
        points = us[column].dropna()
        return points.index[0], points.iloc[0], points.index[-1], points.iloc[-1]

    y0, v0, y1, v1 = ends("social_media")
    assert f"**{v0:.0f} % of American adults in {y0}, {v1:.0f} % in {y1}**" in lesson_text
    for column, words in (("internet", "The internet went"), ("mobile_phone", "mobile phones"),
                          ("smartphone", "smartphones")):
        y0, v0, y1, v1 = ends(column)
        assert f"{words} from {v0:.0f} % in {y0} to {v1:.0f} % in {y1}" in lesson_text
    drops = {c: us[c].dropna().diff() for c in us}
    worst = min(drops, key=lambda c: drops[c].min())
    year = drops[worst].idxmin()
    before = us[worst].dropna().index[list(us[worst].dropna().index).index(year) - 1]
    assert worst == "mobile_phone" and -drops[worst].min() == 2
    assert f"the largest fall between two surveys in a row is 2 points (mobile phones, {before} to {year})" in lesson_text
    france = analytics.adoption_table(adoption, "France")
    smart, social, net = (france[c].dropna() for c in ("smartphone", "social_media", "internet"))
    assert f"**{smart.iloc[0]:.0f} % of people aged 12 or more in {smart.index[0]} to {smart.iloc[-1]:.0f} % in {smart.index[-1]}**" in lesson_text
    assert f"from **{social.iloc[0]:.0f} % in {social.index[0]} to {social.iloc[-1]:.0f} % in {social.index[-1]}**" in lesson_text
    assert f"went from {net.iloc[0]:.1f} % in {net.index[0]} to {net.iloc[-1]:.1f} % in {net.index[-1]}" in lesson_text


def test_the_lessons_fit_figures_are_the_fits(lesson_text, adoption):
    fit = analytics.fit_bass(adoption, "social_media", "United States")
    assert f"within about **{fit.rmse:.1f} points**" in lesson_text
    assert f"**p = {fit.p:.3f} and q = {fit.q:.3f}: imitation is about four times as strong as innovation** ({fit.q / fit.p:.1f} times)" in lesson_text
    assert round(fit.q / fit.p) == 4
    assert f"Its ceiling is **{fit.ceiling:.1f} % of adults**" in lesson_text
    assert f"({fit.launch} for social media in the United States)" in lesson_text


def test_the_lessons_channel_figures_are_the_datas(lesson_text, channel_mix):
    shares = shares_by_hand(channel_mix)
    assert f"**2015, almost half of the contacts came by phone ({shares.loc[2015, 'phone']:.1f} %) and only {shares.loc[2015, 'social']:.1f} % through social media**" in lesson_text
    assert f"contacts in person fell to {shares.loc[2020, 'in_person']:.1f} %) while social media reached {shares.loc[2020, 'social']:.1f} %" in lesson_text
    assert shares.loc[2025, "social"] > shares.loc[2025, "phone"]  # "more through social media than by phone"
    totals = channel_mix.groupby(channel_mix["month"].dt.year)["contacts"].sum()
    assert f"from {totals[2015]:,} in 2015 to {totals[2025]:,} in 2025" in lesson_text
    after = shares.loc[2020:]
    assert after["social"].is_monotonic_increasing  # "social media has kept growing"


def test_the_guides_figures_are_the_datas(adoption, channel_mix):
    room, answers = guide_parts(SLUG)
    assert f"`adoption` ({len(adoption)} **real** published survey figures" in room
    opening = widgets.adoption_dashboard(adoption)
    rmse = float(re.search(r"Typical distance from the published figures: ([\d.]+)", opening.summary.value).group(1))
    assert round(rmse) == 11 and "about 11 points from the published figures" in room
    fit = analytics.fit_bass(adoption, "social_media", "United States")
    assert f"within about {fit.rmse:.1f} points of the dots, with a\n     ceiling of about {fit.ceiling:.0f} %" in room
    french = analytics.fit_bass(adoption, "smartphone", "France")
    assert french.q < french.p and french.ceiling == pytest.approx(100) and "q comes out smaller than p" in room

    shares = shares_by_hand(channel_mix)
    assert f"**Q1:** {shares.loc[2025, 'social']:.1f} %" in answers
    assert f"(against {shares.loc[2024, 'social']:.1f} % in\n  2024 and {shares.loc[2025, 'phone']:.1f} % for the phone in 2025)" in answers
    first = shares.index[shares["social"] > shares["phone"]][0]
    assert f"**Q2:** {first}" in answers
    assert f"**Q3:** {fit.peak_year:.1f}" in answers
    assert f"p = {fit.p:.3f}, q = {fit.q:.3f}, ceiling {fit.ceiling:.1f} %, curve starting in {fit.launch}" in answers
    assert f"≈\n  {fit.peak_year - fit.launch:.1f} years" in answers
    assert f"peaks in {2004 + math.log(0.40 / 0.02) / 0.42:.1f}" in answers
    monthly = channel_mix.pivot_table(index="month", columns="channel", values="contacts", observed=True)
    per_month = monthly[monthly.index.year == 2025].mean()
    assert f"**Q5:** {per_month['social']:.1f} contacts a month" in answers
    assert f"({int(monthly[monthly.index.year == 2025]['social'].sum()):,} in the year), against {per_month['phone']:.1f}" in answers
    assert f"{monthly[monthly.index.year == 2024]['social'].mean():.1f} a month through social media in 2024" in answers
    assert "the phone in one month only (October 2021)" in answers
    assert list(monthly.index[(monthly["social"] > monthly["phone"]) & (monthly.index.year == 2021)]) == [
        pd.Timestamp("2021-10-01")]


def test_the_guide_has_a_closing_session_and_the_lesson_names_every_earlier_module(lesson_text):
    guide = GUIDE.read_text(encoding="utf-8")
    closing = guide.split("\n## Closing session\n")[1].split("\n## ")[0]
    rows = re.findall(r"(?m)^\| (\d+)[–-](\d+) \|", closing)
    assert rows[0][0] == "0" and rows[-1][1] == "60"
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:]))
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (plan,) = ["".join(c["source"]) for c in notebook["cells"]
               if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "reflection"]
    template = plan.split("### BEGIN SOLUTION")[0]
    for number, lesson in enumerate(("Listen", "Speak", "Debate", "Experience", "Time", "Networks", "Team", "Trust",
                                     "Competition"), start=1):
        assert f"*{lesson}* (" in lesson_text
        assert f"{number}. **{lesson}:** …" in template


@pytest.mark.slow
def test_a_year_in_quotes_and_a_skipped_setup_get_one_plain_line():
    """In a real kernel: shares.loc["2025", "social"] and a table used before the setup cell ran."""
    import nbformat
    from nbclient import NotebookClient

    cells = ["import socialkit",
             "shares.loc[2025, 'social']",
             "from socialkit import analytics, data\nshares = analytics.channel_shares(data.load('channel_mix'))",
             'shares.loc["2025", "social"]']
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=True).execute(
        env={**__import__("os").environ, "MPLBACKEND": "Agg"})
    (skipped,) = [o for o in nb.cells[1].outputs if o.output_type == "error"]
    assert skipped.ename == "NameError" and len(skipped.traceback) == 1
    assert skipped.traceback[0].startswith("shares is not defined yet: run the setup cell")
    (quoted,) = [o for o in nb.cells[3].outputs if o.output_type == "error"]
    assert quoted.ename == "KeyError" and quoted.traceback == [
        'shares has no row "2025": its rows are numbers, such as years, written without quotes: write 2025, '
        'not "2025" (see move 3 · read one cell in module 00).']
    assert not [o for c in nb.cells for o in c.outputs if o.get("name") == "stderr"]


# --------------------------------------------------------------------------- fixes after a manager's cold read


@pytest.mark.parametrize("year, words", [
    (2007.648, "2007.6 (about August 2007)"), (2011.13, "2011.1 (about February 2011)"),
    (2012.4, "2012.4 (about May 2012)"), (2012.99, "2013.0 (about January 2013)"),
    (2010.0, "2010.0 (about January 2010)"), (2010.96, "2011.0 (about January 2011)"),
    (2010.94, "2010.9 (about November 2010)"),
])
def test_a_decimal_year_is_said_with_its_month(year, words):
    from socialkit import plots

    assert plots.year_in_words(year) == words


def test_the_dashboard_writes_the_month_of_each_peak(board, adoption):
    opening = 2004 + math.log(0.40 / 0.02) / 0.42  # the sliders' peak, t* = ln(q/p) / (p + q) from 2004
    month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"][int(round(opening, 1) % 1 * 12 + 1e-9)]
    assert f"come in {opening:.1f} (about {month} {int(opening)})" in board.summary.value
    board.best_fit.value = True
    fit = analytics.fit_bass(adoption, "social_media", "United States")
    assert f"came in <b>{fit.peak_year:.1f}</b> (about August 2007)" in board.summary.value
    assert "% of people)" in board.summary.value and "of adults)" not in board.summary.value
    board.reset()


def test_the_lesson_closes_step_4_with_the_fits_figures(adoption):
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    ids = [c["id"] for c in notebook["cells"]]
    assert ids.index("stay-21a") == ids.index("stay-21") + 1
    text = "".join(notebook["cells"][ids.index("stay-21a")]["source"])
    fit = analytics.fit_bass(adoption, "smartphone", "France")
    assert fit.q < fit.p and fit.peak_year is None
    assert f"**p = {fit.p:.3f} and q = {fit.q:.3f}**" in text
    assert f"assumed to start in **{fit.launch}**" in text and f"ceiling of **{fit.ceiling:.1f} %**" in text
    sliders = 2004 + math.log(0.40 / 0.02) / 0.42
    assert f"such as {sliders:.1f} in the line \"Your curve\"" in text and f"{sliders:.1f} is about February" in text


def test_the_lesson_keeps_its_promises_and_shows_no_code_names(lesson_text, channel_mix):
    from socialkit import plots

    assert "by how much" not in lesson_text  # no question asks it
    shown = plots.in_words(analytics.channel_shares(channel_mix).loc[[2015, 2020]].round(1))
    assert list(shown.columns) == ["phone", "e-mail", "social media", "chat on the website", "in person"]
    table = plots.in_words(analytics.adoption_table(data.load("adoption"), "United States"))
    assert not [c for c in table.columns if "_" in c]


def test_the_adoption_charts_speak_of_people_not_only_adults(adoption):
    import matplotlib

    matplotlib.use("Agg")
    from socialkit import plots

    ax = plots.adoption_curves(analytics.adoption_table(adoption, "France"))
    assert ax.get_ylabel() == "% of people who use it"
    ax = plots.bass_vs_published(analytics.adoption_series(adoption, "smartphone", "France"))
    assert ax.get_ylabel() == "% of people who use it"


def test_every_table_the_lesson_shows_is_in_plain_words(adoption, channel_mix):
    """Each code cell whose last line shows a table runs through plots.in_words: no pct_adults, no social_media."""
    import ast

    import nbformat
    import pandas as pd

    from socialkit import plots

    cells = nbformat.read(REPO / "course" / "10_here_to_stay" / "10_here_to_stay.ipynb", 4).cells
    namespace = {"pd": pd, "analytics": analytics, "data": data, "plots": plots, "adoption": adoption,
                 "channel_mix": channel_mix}
    shown = []
    for cell in cells:
        if cell.cell_type != "code" or "widgets." in cell.source or "setup" in cell.metadata.get("tags", []):
            continue
        tree = ast.parse(cell.source)
        *before, last = tree.body
        exec(compile(ast.Module(before, []), "<cell>", "exec"), namespace)
        if not isinstance(last, ast.Expr) or cell.source.rstrip().endswith(";"):  # nothing shown but a chart
            exec(compile(ast.Module([last], []), "<cell>", "exec"), namespace)
            continue
        value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)
        if value is None:  # print(...)
            continue
        assert isinstance(value, pd.DataFrame), f"the lesson shows a raw {type(value).__name__}: {ast.unparse(last)}"
        assert ast.unparse(last).startswith("plots.in_words("), ast.unparse(last)
        shown.append(value.to_string())
    assert len(shown) >= 2
    for text in shown:
        assert "pct_adults" not in text and "social_media" not in text and "mobile_phone" not in text, text
    sample = plots.in_words(adoption.sample(4, random_state=4))
    assert "% of people who use it" in sample.columns and "social media" in set(sample["technology"])
    assert "pct_adults" in adoption.sample(4, random_state=4).to_string()  # the raw table, as the lesson showed it
