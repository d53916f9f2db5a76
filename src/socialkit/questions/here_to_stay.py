"""Module 10 · Social media isn't going away: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data
(``channel_mix``) or from the published figures (``adoption``) when the learner checks; the
multiple-choice answer is stored only as a salted digest. The decisive assertions are the hidden tests
of ``solutions/10_here_to_stay/10_here_to_stay_exercises.ipynb``, which recompute in plain pandas (and,
for the fit, with SciPy's ``curve_fit`` on the formula written out).
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.analytics.adoption import bass_peak
from socialkit.judging import Choice, ExpectedValueError, Number, Other, QuestionSet, Vary

LAST_YEAR = 2025  # the last year of channel_mix
SERIES = ("social_media", "United States")  # the published series of Q3


# --------------------------------------------------------------------------- the data, as the setup cell loads it


@cache
def _shares(freq: str = "Y") -> pd.DataFrame:
    """Each channel's share of contacts (%), per year or month, as ``analytics.channel_shares`` gives it."""
    return analytics.channel_shares(data.load("channel_mix"), freq=freq)


@cache
def _monthly() -> pd.DataFrame:
    """Contacts per month (rows) and channel (columns)."""
    return analytics.channel_contacts(data.load("channel_mix"), freq="M")


# --------------------------------------------------------------------------- Q1: social media's share of contacts


def channel_share(channel: str = "social", year: int = LAST_YEAR) -> float:
    """A channel's share of all customer contacts over one year, in % (Q1: social media, 2025)."""
    return float(_shares().at[year, channel])


def _december_share() -> float:
    """Social media's share in December 2025 alone (a slip: one month, not the year)."""
    return float(_shares("M")["social"].iloc[-1])


def _social_contacts_in_the_year() -> float:
    """The NUMBER of social-media contacts in 2025 (a slip: a count, not a share)."""
    return float(analytics.channel_contacts(data.load("channel_mix")).at[LAST_YEAR, "social"])


# --------------------------------------------------------------------------- Q2: the year social media passed the phone


def overtaking_year(channel: str = "social", other: str = "phone", freq: str = "Y") -> int:
    """The first year (``freq="Y"``) or the year of the first month (``"M"``) when ``channel`` had more contacts."""
    shares = _shares(freq)
    ahead = shares[shares[channel] > shares[other]]
    if ahead.empty:
        raise ExpectedValueError(f"{channel} never has more contacts than {other} in the data: tell your facilitator.")
    first = ahead.index[0]
    return int(first if freq == "Y" else pd.Timestamp(first).year)


# --------------------------------------------------------------------------- Q3: the best fit's peak year


@cache
def best_fit(technology: str = SERIES[0], country: str = SERIES[1]) -> analytics.BassFit:
    """The Bass fit the dashboard shows for one published series."""
    return analytics.fit_bass(data.load("adoption"), technology, country)


def peak_year() -> float:
    """The year the most Americans started using social media, by the best fit (Q3)."""
    fit = best_fit()
    if fit.peak_year is None:
        raise ExpectedValueError("The best fit has no peak (q ≤ p): tell your facilitator.")
    return float(fit.peak_year)


def _biggest_published_rise() -> float:
    """The survey year whose published figure rose most since the survey before (a slip: data, not the model)."""
    series = analytics.adoption_series(data.load("adoption"), *SERIES)
    return float(series.diff().idxmax())


def _sliders_peak() -> float:
    """The peak of the curve the dashboard opens with (the sliders, not the fit)."""
    from socialkit.widgets.adoption import START

    launch = int(analytics.adoption_series(data.load("adoption"), *SERIES).index[0]) - 1
    return launch + bass_peak(START["p"], START["q"])


# --------------------------------------------------------------------------- Q5: social-media contacts per month


def monthly_contacts(channel: str = "social", year: int = LAST_YEAR) -> float:
    """Average contacts per month through a channel over one year (Q5: social media, 2025)."""
    monthly = _monthly()
    return float(monthly.loc[monthly.index.year == year, channel].mean())


def _all_channels_per_month() -> float:
    """Every channel's contacts together, per month of 2025 (a slip: all channels, not social media)."""
    monthly = _monthly()
    return float(monthly[monthly.index.year == LAST_YEAR].sum(axis=1).mean())


def _december_contacts() -> float:
    """Social-media contacts in December 2025 alone (a slip: one month, not the average)."""
    return float(_monthly()["social"].iloc[-1])


# --------------------------------------------------------------------------- the questions

WHOLE_YEAR = ("close: that is the year as a whole number. The dashboard's line \"Best fit\" gives the year with a "
              "decimal, the part of the year gone by (2012.4 is about May 2012): type it with its decimal, as it "
              "is written there.")
KEEP_2025 = 'channel_mix[(channel_mix["channel"] == "social") & (channel_mix["month"].dt.year == 2025)]'

QUESTIONS = QuestionSet("10_here_to_stay", [
    Number(
        "q1", "Social media's share of all Café Lumière's customer contacts in 2025, in %",
        var="social_share_2025", points=2, answer=channel_share, tolerance=0.1, unit="%",
        mistake_tolerance=0.05,  # the phone's and e-mail's shares lie 0.2 apart
        mistakes=[
            Vary(year=2024, say="that is 2024; the question asks for 2025, the last row of the table."),
            Vary(year=2015, say="that is 2015, the first row; the question asks for 2025, the last row."),
            Vary(channel="phone", say="that is the PHONE's share; the question asks for social media: the "
                                      "column \"social\"."),
            Vary(channel="email", say="that is E-MAIL's share; the question asks for social media: the column "
                                      "\"social\"."),
            Vary(channel="in_person", say="that is the share of contacts IN PERSON; the question asks for social "
                                          "media: the column \"social\"."),
            Other(_december_share, "that is December 2025 alone; the question asks for the whole year 2025: use "
                                   "analytics.channel_shares(channel_mix), which counts per year."),
            Other(_social_contacts_in_the_year, "that is a NUMBER of contacts; the share divides it by all the "
                                                "contacts of 2025 and multiplies by 100. "
                                                "analytics.channel_shares(channel_mix) does it for you."),
        ],
        reduce_advice="Read one cell of the table: the row 2025 and the column \"social\" (move 3 of module 00, "
                      "read one cell): TABLE.loc[2025, \"social\"].",
        right="one customer contact in three now comes through social media, more than through any other "
              "channel. It is a customer-service channel, not only a marketing one: staff it like the phone.",
        hints=[
            "The setup cell made the table shares = analytics.channel_shares(channel_mix): one row per year, one "
            "column per channel (\"phone\", \"email\", \"social\", \"chat\", \"in_person\"), each cell a share "
            "of that year's contacts in %.",
            "Read one cell of that table (move 3 of module 00, read one cell): TABLE.loc[ROW, COLUMN], with the "
            "year as a number (no quotes) and the channel in quotes.",
            "shares.loc[ …the year…, \"…the channel…\" ]. Store it in social_share_2025.",
        ],
        section="section 4 of the lesson (How Café Lumière's customers reach it)",
    ),
    Number(
        "q2", "The first year in which social media had a bigger share of contacts than the phone",
        var="year_social_passed_phone", points=2, answer=overtaking_year, tolerance=0, unit="",
        factors=(),
        mistakes=[
            Other(lambda: overtaking_year(other="email"),
                  "that year social media passed E-MAIL over the whole year, and passed the phone in some months "
                  "only. The question asks for the first whole YEAR in which social media had a bigger share than "
                  "the PHONE: keep the rows where shares[\"social\"] > shares[\"phone\"]."),
            Vary(other="in_person", say="that is the year social media passed contacts IN PERSON (the lockdowns "
                                        "of 2020 emptied the cafés); the question compares it with the PHONE."),
            Vary(other="chat", say="that is the first year of the table: the chat on the website only started "
                                   "later. The question compares social media with the PHONE."),
            Other(LAST_YEAR, "that is the last year of the table; social media passed the phone earlier. Keep "
                             "the rows where shares[\"social\"] > shares[\"phone\"] and read the first year."),
        ],
        reduce_advice="Give one year, a whole number such as 2019: the FIRST year of the rows you kept "
                      "(their labels are years).",
        right="since then, more customers reach Café Lumière through social media than by phone, every year. "
              "Like e-mail before it, the new channel did not go away: it took the place of an old one.",
        hints=[
            "Use the table shares that the setup cell made (analytics.channel_shares(channel_mix)): each row is a "
            "year, and its label on the left is the year.",
            "Keep the rows where social media's share is bigger than the phone's (move 2 of module 00, keep "
            "rows): shares[shares[\"social\"] > shares[\"phone\"]]. Look at the table you get.",
            "The first row of the table you kept is the answer: read its year on the left and type it as a "
            "number, without quotes.",
        ],
        section="section 4 of the lesson (How Café Lumière's customers reach it)",
    ),
    Number(
        "q3", "The year the most Americans started using social media, by the best Bass fit",
        var="peak_year", points=2, answer=peak_year, tolerance=0.1, unit="",
        factors=(),
        mistakes=[
            Other(_sliders_peak, "that is the peak of YOUR curve, the one the sliders draw. Tick \"Show the best "
                                 "fit\" and read the line that starts with \"Best fit\"."),
            Other(lambda: peak_year() - best_fit().launch,
                  "that is a number of YEARS after the start of the curve; the question asks for the calendar "
                  "year, as the line \"Best fit\" writes it (for example 2012.4)."),
            Other(_biggest_published_rise, "that is the survey year with the biggest rise in the published "
                                           "figures. Surveys were not every year; the question asks for the "
                                           "model's peak: tick \"Show the best fit\" and read the line \"Best "
                                           "fit\"."),
            Other(lambda: best_fit().ceiling, "that is the ceiling m of the best fit, a percentage of adults; the "
                                              "question asks for a YEAR."),
            Other(lambda: math.floor(peak_year()), WHOLE_YEAR),
            Other(lambda: math.ceil(peak_year()), WHOLE_YEAR),
        ],
        wrong_advice="Check the dashboard's settings (Technology: Social media, Country: United States, \"Show the "
                     "best fit\" ticked) and read the line that starts with \"Best fit\".",
        right="since then, fewer Americans start using social media each year, because most of those who will "
              "use it already do. Slower growth is saturation, not decline: the curve flattens, it does not "
              "come back down.",
        hints=[
            "Run the dashboard cell. Choose Technology: Social media and Country: United States, then tick "
            "\"Show the best fit\".",
            "Then read one value, as in move 3 of module 00 (read one cell), but in the dashboard's line of text: "
            "under the controls, the line that starts with \"Best fit\" says in which year the most new users "
            "came; the chart marks it with a triangle. Type that year with its decimal, as a number.",
        ],
        section="section 3 of the lesson (How a new habit spreads: the Bass model) and the dashboard",
    ),
    Choice(
        "q4", "What the best fit's q about four times p means (multiple choice)",
        var="what_q_means", points=2,
        answer_digest="a34e917a41fb4f7b7417715b2e1d200f2e24258a17a0f862b0b8ae8891a97bec",
        options={
            "A": "That would be a big p and a small q: people starting on their own, from advertising and the "
                 "press. Here q, imitation, is the bigger one.",
            "B": "q, imitation, is much bigger than p, innovation: most people started because people around "
                 "them already used it. So growth sped up, peaked early, then slowed as fewer non-users were "
                 "left. The curve levels off; it does not fall.",
            "C": "The Bass curve never goes down: it counts everyone who has started. After the peak, the number "
                 "of NEW users per year falls, not the number of users.",
            "D": "How many will use it in the end is the ceiling m, not q: here about seven adults in ten.",
        },
        hints=[
            "Re-read the fold of section 3: p counts people who start on their own, q people who start because "
            "others around them already have.",
            "Ask yourself what the peak is the peak OF: all users, or new users in one year? And which number "
            "sets how many use it in the end?",
        ],
        section="section 3 of the lesson (How a new habit spreads: the Bass model)",
    ),
    Number(
        "q5", "Average number of social-media contacts per month in 2025",
        var="social_per_month_2025", points=2, answer=monthly_contacts, tolerance=1.0, unit="contacts",
        mistakes=[
            Vary(year=2024, say="that is 2024; keep the rows of 2025: channel_mix[\"month\"].dt.year == 2025."),
            Vary(channel="phone", say="that is the PHONE's contacts; keep the rows whose channel is \"social\"."),
            Vary(channel="email", say="that is E-MAIL's contacts; keep the rows whose channel is \"social\"."),
            Other(lambda: monthly_contacts() * 12, "that is the whole YEAR's social-media contacts; the question "
                                                   "asks for the average per MONTH: .mean() of the column "
                                                   "\"contacts\", not .sum()."),
            Other(_all_channels_per_month, "that counts every channel together; keep only the rows whose channel "
                                           "is \"social\"."),
            Other(_december_contacts, "that is December 2025 alone; the question asks for the average over the "
                                      "twelve months of 2025: .mean() of the column \"contacts\"."),
            Other(12.0, "that is the NUMBER of rows you kept (twelve months); the question asks for the average "
                        "of their column \"contacts\"."),
        ],
        reduce_advice="Take the average of one column of the rows you kept: ROWS[\"contacts\"].mean().",
        no_rows_advice="Check the spelling: the channel is written \"social\", in lower case, and the year is a "
                       "number, 2025, without quotes.",
        right="that is the monthly load the care team must plan for on social media: more than on the phone "
              "and e-mail, and it keeps growing. Plan people and opening hours for it, as for the phone.",
        hints=[
            "Keep the rows that meet two conditions (move 2 of module 00, keep rows): the channel is \"social\" "
            "and the month is in 2025 (channel_mix[\"month\"].dt.year == 2025). Combine them with &, each in "
            "its own round brackets.",
            f"{KEEP_2025} are those rows: one per month, twelve in all.",
            "Take the average of their column \"contacts\" with .mean() (not .sum(), which gives the whole "
            "year). Store it in social_per_month_2025.",
        ],
        section="section 4 of the lesson (How Café Lumière's customers reach it)",
    ),
])
