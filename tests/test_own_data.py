"""Your own data: the panel (upload or path → report → dashboards), the dashboards on a learner's tables, refusals.

Real exports are read from ../shared/real-exports/ (never copied in); tests that need them skip with the
reason when that folder is absent. The notebook itself runs in a real kernel in test_own_data_notebook.py.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import FIXTURES
from real_exports import REAL_EXPORTS

from socialkit import data, exports, sentiment, widgets
from socialkit.widgets.own_data import DASHBOARDS, NO_COLUMN, YOUR_BRAND, for_listening
from socialkit.widgets.reviews import YOURS

EXPORTS = FIXTURES / "exports"
NEEDS_REAL = pytest.mark.skipif(not (REAL_EXPORTS / "SOURCES.md").is_file(),
                                reason=f"the real exports are not beside the clone ({REAL_EXPORTS}); see "
                                       "shared/real-exports/SOURCES.md")
# every real file: the dashboards it opens (the others must refuse), or None when the file itself is refused
REAL_OUTCOMES = {
    "facebook_ads_manager_2017.csv": None,
    "facebook_insights_post_level_2017.csv": {"engagement"},
    "hootsuite_facebook_inbound_messages_2018.csv": {"listening"},
    "hootsuite_facebook_post_performance_2018.csv": {"engagement"},
    "hootsuite_facebook_posts_2018.csv": {"engagement"},
    "instagram_posts_1.json": set(),  # the personal download has no likes, shares or comments
    "linkedin_shares.csv": set(),
    "x_ads_tweet_report_2017.xlsx": {"engagement"},
    "x_analytics_daily_2021.csv": None,
    "x_analytics_tweet_activity_2021.csv": {"engagement"},
    "x_analytics_tweet_activity_org_2017.csv": {"engagement"},
    "x_archive_tweet_2020.js": {"engagement"},
    "x_archive_tweets_2013_01.csv": set(),
    "youtube_studio_table_data.csv": {"engagement"},
}


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes (to show nothing was written or changed)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def upload(panel, path: Path, name: str | None = None) -> None:
    """Give the panel a file as the browser does: the frontend's state update, deserialised by ipywidgets 8."""
    content = path.read_bytes()
    panel.upload.set_state({"value": [{"name": name or path.name, "type": "text/csv", "size": len(content),
                                       "content": memoryview(content), "last_modified": 1_700_000_000_000}]})


@pytest.fixture
def private_temp(tmp_path, monkeypatch) -> Path:
    """The system's temporary folder, moved to an empty folder the test can watch."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# ----------------------------------------------------------------------------- every real export


@NEEDS_REAL
def test_every_real_export_opens_the_dashboards_it_can_feed_and_refuses_the_others():
    assert sorted(p.name for p in REAL_EXPORTS.iterdir() if p.name != "SOURCES.md") == sorted(REAL_OUTCOMES)
    for name, opens in REAL_OUTCOMES.items():
        panel = widgets.own_data_panel(str(REAL_EXPORTS / name))
        if opens is None:
            assert panel.loaded is None and panel.message.value.startswith("❌ ")
            assert name in panel.message.value and "recognised as" in panel.message.value
            assert "export" in panel.message.value.lower().split("recognised as")[1]
            assert all(button.disabled for button in panel.buttons.values())
            continue
        assert panel.message.value.startswith("✅"), (name, panel.message.value)
        assert {n for n, b in panel.buttons.items() if not b.disabled} == opens, name
        for board in DASHBOARDS:
            if board in opens:
                opened = panel.open_board(board)
                assert opened is panel.dashboard and panel.dashboard_box.children == (opened,)
                assert opened.summary.value and opened.chart.outputs, (name, board)
            else:
                with pytest.raises(widgets.OwnDataRefused) as refused:
                    widgets.open_dashboard(panel.loaded, board)
                said = str(refused.value)
                assert said.startswith(f"{name} ({panel.loaded.report.source}: ") and DASHBOARDS[board][2] in said
                assert "\n" not in said and "Traceback" not in said


@NEEDS_REAL
def test_the_post_mix_explorer_on_x_analytics_counts_what_plain_pandas_counts():
    loaded = exports.read(REAL_EXPORTS / "x_analytics_tweet_activity_2021.csv")
    board = widgets.open_dashboard(loaded, "engagement")
    posts = loaded.table
    # X gives impressions, not reach: the rate is by impressions, and no option pretends to use reach
    assert [v for _, v in board.measure.options] == ["er_impressions", "conversation", "amplification", "applause"]
    engaged = (posts["likes"] + posts["shares"] + posts["comments"]).sum()
    assert board.table.at["all posts", "all"] == pytest.approx(100 * engaged / posts["impressions"].sum())
    assert board.counts.at["all posts", "all"] == len(posts) == 200
    first, last = posts["ts"].min(), posts["ts"].max()
    assert (first.day, last.day, first.month, last.month, last.year) == (15, 31, 8, 8, 2021)
    # the period the figure covers is the days with posts, never "January–December"
    assert "<b>your brand</b>, X (Twitter), 15–31 August 2021: " in board.summary.value
    assert board.title() == "your brand: engagement rate by impressions, all posts"
    board.measure.value = "applause"
    assert board.table.at["all posts", "all"] == pytest.approx(posts["likes"].mean())
    month = int(posts["ts"].dt.month.mode()[0])
    board.months.value = (month, month)
    assert board.counts.at["all posts", "all"] == int((posts["ts"].dt.month == month).sum())
    board.months.value = (1, 3)
    assert "X (Twitter), January–March 2021: no post in this period" in board.summary.value


@NEEDS_REAL
def test_the_post_mix_explorer_names_the_days_a_youtube_export_covers():
    loaded = exports.read(REAL_EXPORTS / "youtube_studio_table_data.csv")
    board = widgets.open_dashboard(loaded, "engagement")
    ts = loaded.table["ts"]
    latest = ts[ts.dt.year == ts.dt.year.max()]
    expected = widgets.engagement.days_in_words(latest.min().normalize(), latest.max().normalize())
    assert latest.max().strftime("%Y-%m-%d") == "2024-02-25" and expected.endswith("25 February 2024")
    assert f", {expected}: " in board.summary.value and "January–December" not in board.summary.value


def test_the_post_mix_explorer_keeps_month_names_when_the_posts_cover_whole_months():
    posts = data.load("brand_posts")
    board = widgets.post_mix_dashboard(posts, data.load("accounts"))
    assert "January–December 2025" in board.summary.value
    assert widgets.engagement.days_in_words(pd.Timestamp("2021-08-28"), pd.Timestamp("2021-09-03")) == \
        "28 August–3 September 2021"
    assert widgets.engagement.days_in_words(pd.Timestamp("2021-08-15"), pd.Timestamp("2021-08-15")) == "15 August 2021"


@NEEDS_REAL
def test_posts_from_earlier_years_are_left_out_and_said():
    loaded = exports.read(REAL_EXPORTS / "youtube_studio_table_data.csv")
    board = widgets.open_dashboard(loaded, "engagement")
    years = loaded.table["ts"].dt.year
    latest = int(years.max())
    assert board.counts.at["all posts", "all"] == int((years == latest).sum())
    assert f"{int((years < latest).sum()):,} post(s) from years before {latest} are not shown" in board.summary.value
    assert "YouTube" in board.summary.value


def test_a_measure_counts_only_the_posts_that_have_its_figures(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("Date,Network,Post,Likes,Shares,Comments,Reach\n"
                    "2025-03-01T10:00:00Z,Facebook,a,10,2,1,100\n"
                    "2025-03-02T10:00:00Z,Facebook,b,4,0,0,\n"  # no reach on this post: not a zero
                    "2025-03-03T10:00:00Z,Facebook,c,6,1,1,300\n", encoding="utf-8")
    board = widgets.open_dashboard(exports.read(path, "brand_posts"), "engagement")
    assert board.measure.value == "er_reach"
    assert board.table.at["all posts", "all"] == pytest.approx(100 * (13 + 8) / 400)  # not (13 + 4 + 8) / 400
    assert board.counts.at["all posts", "all"] == 2
    board.measure.value = "applause"
    assert board.table.at["all posts", "all"] == pytest.approx(20 / 3)
    assert board.counts.at["all posts", "all"] == 3


def test_the_sample_data_still_opens_the_post_mix_explorer_as_the_lesson_shows_it():
    board = widgets.post_mix_dashboard(data.load("brand_posts"), data.load("accounts"))
    assert board.cube.year == 2025 and board.cube.other_years == 0
    assert [v for _, v in board.measure.options] == ["er_reach", "er_followers", "conversation", "amplification",
                                                     "applause"]
    assert "all five platforms" in board.summary.value and "January–December 2025" in board.summary.value


# ----------------------------------------------------------------------------- listening, reviews, response times


def test_listening_scores_english_and_french_only_and_says_how_many_are_not_scored():
    loaded = exports.read(EXPORTS / "hootsuite_inbound_messages_multilingual.csv")
    board = widgets.open_dashboard(loaded, "listening")
    labels = sentiment.label_series(loaded.table["text"], loaded.table["lang"])
    assert board.cube.brands == [YOUR_BRAND]
    assert board.cube.unscored == int(labels.isna().sum()) == 4  # Dutch, Spanish, German, no language
    assert int(board.table[YOUR_BRAND].sum()) == len(loaded.table)  # every mention counted in the volume
    # one brand: share of voice would always be 100 %, so it is not offered (the sample offers all three)
    assert [v for _, v in board.metric.options] == ["volume", "net_sentiment"]
    assert [v for _, v in widgets.listen_dashboard(data.load("mentions")).metric.options] == [
        "volume", "net_sentiment", "share_of_voice"]
    board.metric.value = "net_sentiment"
    scored = labels.dropna()
    expected = 100 * ((scored == "positive").sum() - (scored == "negative").sum()) / len(scored)
    assert board.table[YOUR_BRAND].dropna().iloc[0] == pytest.approx(expected)
    assert "4 mention(s) in languages other than English and French are not scored" in board.summary.value
    # the file's own (automatic) 'Sentiment' column is never taken for the kit's labels
    assert for_listening(loaded.table)["sentiment"].isna().sum() == 4


def test_listening_on_the_sample_data_is_unchanged_by_the_scored_denominator():
    mentions = data.load("mentions")
    board = widgets.listen_dashboard(mentions)
    board.metric.value = "net_sentiment"
    day = board.table.index[40]
    rows = mentions[(mentions["brand"] == "lumiere") & (mentions["ts"].dt.tz_convert(None).dt.normalize() == day)]
    expected = 100 * ((rows["true_sentiment"] == "positive").sum() - (rows["true_sentiment"] == "negative").sum())
    assert board.table.at[day, "lumiere"] == pytest.approx(expected / len(rows))
    assert board.cube.unscored == 0


def test_reviews_and_reply_times_of_a_trustpilot_export():
    loaded = exports.read(EXPORTS / "trustpilot_reviews.csv")
    reviews = loaded.table
    board = widgets.open_dashboard(loaded, "reviews")
    shares = 100 * reviews["stars"].value_counts(normalize=True).reindex(range(1, 6), fill_value=0)
    np.testing.assert_allclose(board.table.loc[YOURS].to_numpy(), shares.to_numpy())
    assert board.means[YOURS] == pytest.approx(reviews["stars"].mean())
    assert board.replied[YOURS] == pytest.approx(100 * reviews["responded"].mean())
    times = widgets.open_dashboard(loaded, "response_times")
    hours = (reviews["response_at"] - reviews["ts"]).dt.total_seconds() / 3600
    np.testing.assert_allclose(times.waits.to_numpy(), hours.to_numpy())
    assert times.table.at[0, "answered (%)"] == pytest.approx(100 * hours.notna().mean())
    times.target.value = 1
    assert times.table.at[0, "within target (%)"] == pytest.approx(100 * (hours <= 1).sum() / len(hours))


def test_the_reviews_dashboard_on_the_sample_reviews_follows_its_controls():
    reviews = data.load("reviews")
    board = widgets.reviews_dashboard(reviews)
    assert list(board.table.index) == ["lumiere", "grano", "maison"]
    for business, rows in reviews.groupby("business", observed=True):
        assert board.means[business] == pytest.approx(rows["stars"].mean())
    board.site.value = "google"
    board.months.value = (3, 5)  # April to June
    keep = (reviews["platform"] == "google") & reviews["ts"].dt.month.between(4, 6)
    assert board.reviews["grano"] == int((keep & (reviews["business"] == "grano")).sum())
    assert "April 2025–June 2025" in board.summary.value
    board.reset()
    assert board.reviews.sum() == len(reviews)


def test_response_times_on_the_sample_threads_match_plain_pandas():
    threads = data.load("threads")
    board = widgets.response_times_dashboard(threads)
    hours = (threads["first_response_at"] - threads["opened_at"]).dt.total_seconds() / 3600
    assert board.table.at[0, "within target (%)"] == pytest.approx(100 * (hours <= 24).sum() / len(threads))
    assert board.table.at[0, "median hours to answer"] == pytest.approx(hours.median())
    board.platform.value = "x"
    assert board.table.at[0, "rows"] == int((threads["platform"] == "x").sum())


def test_dashboards_refuse_tables_that_lack_what_they_need():
    with pytest.raises(KeyError, match="reviews_dashboard needs the reviews table .*lacks stars"):
        widgets.reviews_dashboard(data.load("reviews").drop(columns="stars"))
    with pytest.raises(KeyError, match="lacks first_response_at"):
        widgets.response_times_dashboard(data.load("threads").drop(columns="first_response_at"))
    with pytest.raises(ValueError, match="kind must be 'threads' or 'reviews'"):
        widgets.response_times_dashboard(data.load("threads"), "mentions")


def test_a_threads_csv_of_your_own_opens_the_response_times_dashboard(tmp_path):
    path = tmp_path / "care.csv"
    path.write_text("opened,platform,first response\n"
                    "2025-05-01 09:00,Facebook,2025-05-01 09:30\n"
                    "2025-05-01 10:00,X,2025-05-02 10:00\n"
                    "2025-05-01 11:00,X,\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(path))
    assert panel.loaded is None and "choose what the file holds in 'It holds'" in panel.message.value
    panel.kind.value, panel.tz.value = "threads", "Europe/Paris"
    panel.read_button.click()
    assert panel.loaded is not None and not panel.buttons["response_times"].disabled, panel.message.value
    board = panel.open_board("response_times")
    np.testing.assert_allclose(board.waits.to_numpy(), [0.5, 24.0, np.nan])
    assert "3 conversations" in board.summary.value and "66.7 % got a first answer" in board.summary.value


# ----------------------------------------------------------------------------- the upload, bad files, nothing written


@NEEDS_REAL
def test_an_upload_is_read_from_a_private_temporary_folder_deleted_at_once(private_temp):
    panel = widgets.own_data_panel()
    upload(panel, REAL_EXPORTS / "x_analytics_tweet_activity_2021.csv")
    assert panel.loaded is not None and len(panel.loaded.table) == 200
    assert panel.loaded.report.file == "x_analytics_tweet_activity_2021.csv"  # its name, not the temporary path
    assert "x_analytics_tweet_activity_2021.csv</b> was read as <b>X (Twitter) Analytics" in panel.report.value
    assert list(private_temp.iterdir()) == []  # the copy is gone once read
    assert panel.upload.value == ()  # and the bytes are not kept in the widget
    board = panel.open_board("engagement")
    assert board.counts.at["all posts", "all"] == 200


def test_an_upload_that_needs_a_choice_is_read_again_with_it_on_read_the_file(private_temp, tmp_path):
    path = tmp_path / "care.csv"
    path.write_text("opened,platform,first response\n2025-05-01 09:00,Facebook,2025-05-01 09:30\n"
                    "2025-05-01 10:00,X,2025-05-02 10:00\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(tmp_path / "an older file.csv"))
    upload(panel, path)
    assert panel.path.value == ""  # the upload is the file now, not the path typed before
    said = panel.message.value
    assert panel.loaded is None and "choose what the file holds in 'It holds', then press 'Read the file'" in said
    assert panel.upload.value == () and list(private_temp.iterdir()) == []  # not in the widget, not on disk
    panel.kind.value = "threads"
    panel.read_button.click()
    assert "type the zone in 'Time zone'" in panel.message.value
    panel.tz.value = "Europe/Paris"
    panel.read_button.click()  # the kit's own instruction: it reads the uploaded file again
    assert panel.loaded is not None and panel.loaded.report.file == "care.csv", panel.message.value
    assert len(panel.loaded.table) == 2 and list(private_temp.iterdir()) == []
    panel.path.value = str(tmp_path / "missing.csv")  # another file picked: the upload is let go
    panel.read_button.click()
    panel.path.value = ""
    panel.read_button.click()
    assert "Choose a file with <b>Upload a file</b>" in panel.message.value and panel.uploaded is None


def test_an_uploaded_file_that_is_refused_is_named_as_the_learner_named_it(private_temp, tmp_path):
    picture = tmp_path / "holiday.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    panel = widgets.own_data_panel()
    upload(panel, picture, name="my posts.csv")
    said = panel.message.value
    assert said.startswith("❌ my posts.csv") and str(private_temp) not in said and "Traceback" not in said
    assert panel.loaded is None and all(b.disabled for b in panel.buttons.values())
    assert list(private_temp.iterdir()) == []


@pytest.mark.parametrize("name, content, says", [
    ("empty.csv", b"", "empty"),
    ("binary.csv", bytes(range(256)) * 8, "binary file"),
    ("page.csv", b"<!DOCTYPE html><html><body>Sign in</body></html>", "web page"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xlsx"),
    ("ids.csv", b"Date,Network,Content,Likes\n2025-01-02T10:00:00Z,X,aB3dE5fG7hJ,3\n"
                b"2025-01-03T10:00:00Z,X,Zx9Yw8Vu7Ts,4\n2025-01-04T10:00:00Z,X,Qw2Er4Ty6Ui,5\n", "holds an id like"),
])
def test_bad_files_are_refused_in_one_plain_sentence_and_left_as_they_were(tmp_path, name, content, says):
    folder = tmp_path / "mine"
    folder.mkdir()
    path = folder / name
    path.write_bytes(content)
    before = fingerprint(folder)
    panel = widgets.own_data_panel(str(path), kind="brand_posts" if name == "ids.csv" else None)
    said = panel.message.value
    assert said.startswith(f"❌ {path}") and says in said, said
    assert "Traceback" not in said and "\\x00" not in said and "\x00" not in said
    assert fingerprint(folder) == before  # nothing lost, nothing written beside the file


def test_a_wrong_time_zone_is_refused_and_a_right_one_loads():
    path = EXPORTS / "meta_business_suite_facebook_posts.csv"
    panel = widgets.own_data_panel(str(path))
    assert panel.loaded is None and "type the zone in 'Time zone'" in panel.message.value  # Meta names none
    panel.tz.value = "Paris"
    panel.read_button.click()
    assert "'Paris' (typed in 'Time zone') is not a time zone" in panel.message.value and "tz=" not in panel.message.value
    panel.tz.value = "Europe/Paris"
    panel.read_button.click()
    assert panel.loaded is not None and "Europe/Paris" in panel.report.value


def test_reading_without_a_file_says_what_to_do():
    panel = widgets.own_data_panel()
    panel.read_button.click()
    assert "Upload a file" in panel.message.value and panel.loaded is None
    panel.open_board("engagement")
    assert panel.message.value == "❌ Read a file first."


def test_the_report_names_the_learners_columns_never_the_kits_internal_ones():
    for path in sorted(EXPORTS.iterdir()):
        if path.suffix not in (".csv", ".json"):
            continue
        panel = widgets.own_data_panel(str(path), tz="UTC")
        shown = panel.message.value + panel.report.value + panel.first_rows.value + panel.feeds.value
        assert "\x00" not in shown and "\\x00" not in shown, path.name
        if panel.loaded is not None:
            assert "How each column was understood" in panel.report.value
            for use in panel.loaded.report.columns:
                assert use.source.split(" ")[0] in panel.report.value, use


def test_the_content_alias_still_reads_words_as_text(tmp_path):
    path = tmp_path / "mentions.csv"
    path.write_text("Date,Network,Content\n2025-01-02T10:00:00Z,X,Love the new blend at Café Lumière\n",
                    encoding="utf-8")
    loaded = exports.read(path, "mentions")
    assert loaded.table.loc[0, "text"] == "Love the new blend at Café Lumière"



def test_a_single_network_file_of_your_own_gets_its_platform_from_the_panel(tmp_path):
    path = tmp_path / "page.csv"
    path.write_text("Date,Post,Likes\n2025-01-02T10:00:00Z,hi,3\n2025-01-03T10:00:00Z,hello,5\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(path), kind="brand_posts")
    assert "choose the network in 'Platform'" in panel.message.value and panel.loaded is None
    assert "\x00" not in panel.message.value
    panel.platform.value = "facebook"
    panel.read_button.click()
    assert panel.loaded is not None and set(panel.loaded.table["platform"].astype(str)) == {"facebook"}
    assert "the platform</td><td>'facebook' for every row" in panel.report.value
    board = panel.open_board("engagement")
    assert board.measure.value == "applause" and board.table.at["all posts", "all"] == pytest.approx(4.0)


@NEEDS_REAL
def test_mentions_in_no_scored_language_offer_volume_only(tmp_path):
    loaded = exports.read(REAL_EXPORTS / "hootsuite_facebook_inbound_messages_2018.csv")
    spanish = exports.LoadedExport(loaded.table.assign(lang=pd.Categorical(["es"] * len(loaded.table))),
                                   loaded.report)
    board = widgets.open_dashboard(spanish, "listening")
    assert [v for _, v in board.metric.options] == ["volume"] and board.cube.unscored == len(loaded.table)
    assert any("sentiment" in c for c in spanish.feeds()["listening"].charts_missing)


# ----------------------------------------------------------------------------- dates without an hour


def date_only_reviews(tmp_path, suffix: str) -> Path:
    """A made-up export of five reviews dated by day only: one on 1 February, none in January."""
    days = ["2024-02-01", "2024-02-10", "2024-02-29", "2024-03-15", "2024-04-30"]
    stars = [5, 4, 1, 5, 3]
    path = tmp_path / f"my_reviews{suffix}"
    if suffix == ".csv":
        path.write_text("Date,Platform,Stars,Review\n" + "".join(f"{d},Google,{s},fine\n" for d, s in zip(days, stars)),
                        encoding="utf-8")
    else:
        import datetime as dt

        import openpyxl
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Date", "Platform", "Stars", "Review"])
        for d, s in zip(days, stars):
            sheet.append([dt.date.fromisoformat(d), "Google", s, "fine"])
        book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_dates_without_an_hour_keep_their_calendar_day_whatever_the_time_zone(tmp_path, suffix):
    path = date_only_reviews(tmp_path, suffix)
    panel = widgets.own_data_panel(str(path), kind="reviews", tz="Europe/Paris")
    assert panel.loaded is not None, panel.message.value
    ts = panel.loaded.table["ts"]
    assert list(ts.dt.strftime("%Y-%m-%d %H:%M")) == ["2024-02-01 00:00", "2024-02-10 00:00", "2024-02-29 00:00",
                                                       "2024-03-15 00:00", "2024-04-30 00:00"]
    assert "gives days, not times" in panel.report.value
    board = panel.open_board("reviews")
    assert [label for label, _ in board.months.options] == ["Feb 2024", "Mar 2024", "Apr 2024"]
    assert board.summary.value.startswith("February 2024–April 2024")
    board.months.value = (0, 0)
    assert board.reviews[YOURS] == 3  # 1, 10 and 29 February
    # no zone needed at all for days
    assert widgets.own_data_panel(str(path), kind="reviews").loaded is not None


def test_times_with_an_hour_are_still_read_in_the_zone_given(tmp_path):
    path = tmp_path / "timed.csv"
    path.write_text("Date,Platform,Stars\n2024-02-01 00:30,Google,5\n2024-02-02 10:00,Google,4\n", encoding="utf-8")
    ts = exports.read(path, "reviews", tz="Europe/Paris").table["ts"]
    assert list(ts.dt.strftime("%Y-%m-%d %H:%M")) == ["2024-01-31 23:30", "2024-02-02 09:00"]


@NEEDS_REAL
def test_x_ads_dashes_mean_none_so_every_promoted_tweet_counts():
    import warnings

    import openpyxl

    path = REAL_EXPORTS / "x_ads_tweet_report_2017.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Workbook contains no default style": Apache POI's file
        rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    def figures(name):
        return [0 if v == "-" else int(v) for v in (r[header.index(name)] for r in body)]
    assert "-" in [r[header.index("Retweets")] for r in body]  # the file's own way of writing "none"
    loaded = exports.read(path)
    assert list(loaded.table["shares"]) == figures("Retweets") and list(loaded.table["comments"]) == figures("Replies")
    assert "shares" not in loaded.report.missing_metrics
    assert "'Retweets': '-' read as 0 (none, as the export means it) in 5 cell(s)" in loaded.report.cleaning
    board = widgets.open_dashboard(loaded, "engagement")
    assert [v for _, v in board.measure.options] == ["er_impressions", "conversation", "amplification", "applause"]
    engaged = sum(figures("Likes")) + sum(figures("Retweets")) + sum(figures("Replies"))
    assert board.table.at["all posts", "all"] == pytest.approx(100 * engaged / sum(figures("Impressions")))
    board.measure.value = "conversation"
    assert board.table.at["all posts", "all"] == pytest.approx(sum(figures("Replies")) / len(body)) == 0.8
    assert board.counts.at["all posts", "all"] == len(body) == 5


@NEEDS_REAL
def test_the_explorer_says_what_x_own_engagement_rate_is_and_why_the_kits_differs():
    loaded = exports.read(REAL_EXPORTS / "x_analytics_tweet_activity_2021.csv")
    posts = loaded.table
    board = widgets.open_dashboard(loaded, "engagement")
    theirs = 100 * posts["engagements"].sum() / posts["impressions"].sum()
    ours = 100 * (posts["likes"] + posts["shares"] + posts["comments"]).sum() / posts["impressions"].sum()
    assert f"{theirs:.2f}" == "4.32" and f"{ours:.2f}" == "0.69"
    assert f"{100 * posts['engagement rate'].mean():.1f}" == "4.3"  # what X's own column says, post by post
    said = board.summary.value
    assert "0.69 % over 200 posts" in said
    assert (f"X (Twitter)'s own engagement rate for the same posts is <b>{theirs:.2f} %</b>: it also counts every "
            "click on a tweet") in said and "while the kit counts only likes, shares and comments" in said
    month = int(posts["ts"].dt.month.iloc[0])
    board.months.value = (month, month)  # follows the months chosen (here the same posts)
    assert f"<b>{theirs:.2f} %</b>" in board.summary.value
    board.measure.value = "applause"  # said only beside an engagement rate
    assert "own engagement rate" not in board.summary.value
    # an export without the platform's own count says nothing of it
    ads = widgets.open_dashboard(exports.read(REAL_EXPORTS / "x_ads_tweet_report_2017.xlsx"), "engagement")
    assert "own engagement rate" not in ads.summary.value
    sample = widgets.post_mix_dashboard(data.load("brand_posts"), data.load("accounts"))
    assert "own engagement rate" not in sample.summary.value


# ----------------------------------------------------------------------------- the path box


def test_a_path_pasted_with_quotes_with_a_tilde_or_from_the_home_folder_is_read(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    export = home / "Downloads" / "trustpilot reviews.csv"
    export.write_bytes((EXPORTS / "trustpilot_reviews.csv").read_bytes())
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)  # the notebook's folder: no Downloads in it
    for typed in (f'"{export}"', f"'{export}'", f'  "{export}" ', "~/Downloads/trustpilot reviews.csv",
                  "Downloads/trustpilot reviews.csv"):
        panel = widgets.own_data_panel(typed)
        assert panel.loaded is not None and panel.message.value.startswith("✅"), (typed, panel.message.value)
    beside = tmp_path / "Downloads"  # a file beside the notebook still wins over the home folder's
    beside.mkdir()
    (beside / "trustpilot reviews.csv").write_text("Date,Platform,Stars\n2024-02-01,Google,5\n", encoding="utf-8")
    assert widgets.own_data_panel("Downloads/trustpilot reviews.csv").loaded is None


def test_a_folder_or_a_missing_file_says_what_to_type(tmp_path):
    panel = widgets.own_data_panel(str(tmp_path))
    said = panel.message.value
    assert said.startswith(f"❌ {tmp_path}: this is a folder, not a file.") and "no such file" not in said
    panel = widgets.own_data_panel(str(tmp_path / "tweets.csv"))
    said = panel.message.value
    assert "no such file" in said and "C:\\Users\\you\\Downloads\\tweet_activity_metrics.csv (Windows)" in said
    assert "/Users/you/Downloads/tweet_activity_metrics.csv (Mac)" in said
    with pytest.raises(exports.ExportError, match="this is a folder, not a file"):
        exports.read(tmp_path)


# ----------------------------------------------------------------------------- the time zone box


@NEEDS_REAL
def test_a_typed_zone_that_replaces_the_one_an_export_states_is_warned_in_plain_sight():
    path = REAL_EXPORTS / "facebook_insights_post_level_2017.csv"
    panel = widgets.own_data_panel(str(path), tz="Europe/Paris")  # left over from the learner's own Excel
    assert panel.loaded is not None
    assert panel.loaded.table["ts"].iloc[0] == pd.Timestamp("2017-01-19 08:03:47Z")  # 09:03:47 read in Paris
    said = panel.message.value
    assert said.startswith("✅ Read.") and "<br>⚠ The zone typed in 'Time zone' (Europe/Paris) replaced the one this " \
        "export states (America/Los_Angeles: Facebook's Insights exports give all times in Pacific Time): every " \
        "time moved. If you did not mean it, empty 'Time zone'" in said
    panel.tz.value = ""
    panel.read_button.click()
    assert "⚠" not in panel.message.value
    assert panel.loaded.table["ts"].iloc[0] == pd.Timestamp("2017-01-19 17:03:47Z")


def test_a_typed_zone_the_export_needs_or_states_itself_is_not_warned(tmp_path):
    panel = widgets.own_data_panel(str(EXPORTS / "meta_business_suite_facebook_posts.csv"), tz="Europe/Paris")
    assert panel.loaded is not None and "⚠" not in panel.message.value  # Meta names no zone: the box is needed
    named = tmp_path / "named.csv"
    named.write_text("Date (UTC),Network,Post,Likes\n2025-03-14 10:00,X,hello,3\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(named), kind="brand_posts", tz="UTC")
    assert panel.loaded is not None and "⚠" not in panel.message.value, panel.message.value
    panel.tz.value = "Europe/Paris"
    panel.read_button.click()
    assert "(UTC, named in the header 'Date (UTC)')" in panel.message.value


# ----------------------------------------------------------------------------- listening on a few days


def mentions_over(tmp_path, days: int, per_day=lambda d: 3) -> Path:
    """A made-up mentions export: ``per_day(d)`` mentions on each of ``days`` days."""
    rows = [f"2025-03-{1 + d:02d} 10:{m:02d},X,en,coffee is good\n" for d in range(days) for m in range(per_day(d))]
    path = tmp_path / f"mentions_{days}.csv"
    path.write_text("Date (UTC),Network,Language,Message\n" + "".join(rows), encoding="utf-8")
    return path


def test_listening_on_too_few_days_says_alerts_need_more_days(tmp_path):
    board = widgets.open_dashboard(exports.read(mentions_over(tmp_path, 2), "mentions"), "listening")
    assert len(board.cube.days) == 2
    assert board.summary.value.startswith("<b>No alert can be computed</b>: alerts need at least 7 days; your data "
                                          "covers 2 days")
    board.exclude_today.value = True  # the baseline is then the 7 days before: one day more is needed
    assert "alerts need at least 8 days; your data covers 2 days" in board.summary.value
    # enough days: the usual sentence, and an alert where the mentions jump
    board = widgets.open_dashboard(exports.read(mentions_over(tmp_path, 9, lambda d: 12 if d == 8 else 2 + d % 2),
                                                "mentions"), "listening")
    board.exclude_today.value = True
    assert "alerts need" not in board.summary.value and "1 alert(s)" in board.summary.value, board.summary.value


# ----------------------------------------------------------------------------- the numbers behind the chart, in words

INTERNAL_NAMES = ("post_id", "ts", "true_sentiment", "is_question", "first_response_at", "opened_at", "review_id")


def shown_text(frame: pd.DataFrame) -> str:
    return frame.to_string()


def test_the_tables_under_the_panel_read_as_words_never_as_code_output(tmp_path):
    care = tmp_path / "care.csv"
    care.write_text("opened,platform,first response\n"
                    "2025-05-01 09:00,Facebook,2025-05-01 09:53\n"  # 53 minutes
                    "2025-05-01 10:00,X,2025-05-01 10:20\n"
                    "2025-05-01 11:00,X,2025-05-01 13:00\n"
                    "2025-05-01 12:00,X,\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(care), kind="threads", tz="UTC")
    assert panel.table_shown() == "Open a dashboard first (section 4)."
    read = panel.table_read()
    assert list(read.columns) == ["when the customer wrote", "the platform", "when you first answered"]
    assert read.iloc[0, 0] == "2025-05-01 09:00 UTC" and read.iloc[0, 1] == "Facebook"
    assert read.iloc[3, 2] == "—"
    board = panel.open_board("response_times")
    assert "within <b>53 minutes</b>" in board.summary.value
    shown = panel.table_shown()
    assert shown.iloc[0]["median wait for an answer"] == "53 minutes" and shown.iloc[0]["conversations"] == 4
    assert shown.iloc[0]["answered (%)"] == 75
    text = shown_text(read) + shown_text(shown)
    for code in ("NaN", "<NA>", "NaT", "None", "opened_at", "first_response_at", "0.883333", "median hours"):
        assert code not in text, code

    mentions = tmp_path / "mentions.csv"
    mentions.write_text("Date (UTC),Network,Language,Message,is_question,true_sentiment\n"
                        "2025-03-01 10:00,X,en,love the coffee,no,positive\n"
                        "2025-03-01 11:00,X,fr,ça coûte cher ?,yes,\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(mentions), kind="mentions")
    text = shown_text(panel.table_read())
    for code in (*INTERNAL_NAMES, "NaN", "<NA>", "None", "True", "False"):
        assert code not in text, (code, text)
    assert "a question?" in text and "the mood (as your file labels it)" in text and "—" in text


def test_the_reviews_table_is_rounded_and_says_review_for_one(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text("Date,Platform,Stars\n2024-02-01,Google,5\n2024-02-02,Google,5\n2024-02-03,Google,1\n"
                    "2024-02-04,Google,5\n2024-02-05,Google,5\n2024-02-06,Google,5\n2024-03-01,Google,4\n",
                    encoding="utf-8")
    panel = widgets.own_data_panel(str(path), kind="reviews")
    board = panel.open_board("reviews")
    shown = panel.table_shown()
    assert board.table.loc[YOURS, 5] == pytest.approx(500 / 7)
    assert shown.loc[YOURS, "5 stars (%)"] == 71.4 and shown.loc[YOURS, "reviews"] == 7
    assert shown.loc[YOURS, "mean (stars)"] == pytest.approx(round(30 / 7, 2))
    board.months.value = (1, 1)  # March: one review
    assert f"<b>{widgets.reviews.vocab.brand_name(YOURS)}</b>: 1 review, mean" in board.summary.value


def test_the_post_mix_explorer_says_post_for_one(tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("Date,Network,Post,Likes,Shares,Comments,Reach\n"
                    "2025-03-01T10:00:00Z,Facebook,a,10,2,1,100\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(path), kind="brand_posts")
    board = panel.open_board("engagement")
    assert "over 1 post." in board.summary.value and "1 posts" not in board.summary.value
    shown = panel.table_shown()
    assert list(shown.columns) == ["engagement rate by reach (%)", "posts"] and shown.iloc[0, 0] == 13.0
    assert list(shown.index) == ["all your posts"]


# ----------------------------------------------------------------------------- a table of the learner's own making


def _french_reviews(path: Path) -> Path:
    """A review table kept by hand, headed in French with names the kit does not know ("Quand", "Etoiles données")."""
    frame = pd.DataFrame({"Quand": ["2025-03-01", "2025-03-02", "2025-03-05"], "Etoiles données": [5, 2, 4],
                          "Avis": ["Très bon café", "Trop cher", "Accueil chaleureux"],
                          "Source": ["Google", "Trustpilot", "Google"]})
    if path.suffix == ".xlsx":
        frame.to_excel(path, index=False)
    else:
        frame.to_csv(path, index=False)
    return path


def _questions(panel) -> dict[str, tuple[str, ...]]:
    """The picker as the learner sees it: each question, with the columns its dropdown offers."""
    return {row.children[0].value: tuple(label for label, _ in row.children[1].options)
            for row in panel.picker.children[1:]}


def test_the_cold_read_s_french_excel_tables_open_in_the_panel_without_renaming(tmp_path):
    care = tmp_path / "suivi_reponses_mars.xlsx"
    pd.DataFrame({"Date": pd.to_datetime(["2025-03-03 09:12", "2025-03-03 14:40"]), "Canal": ["Facebook", "Instagram"],
                  "Date de réponse": pd.to_datetime(["2025-03-03 10:02", "2025-03-04 08:15"])}).to_excel(care, index=False)
    panel = widgets.own_data_panel(str(care), kind="threads", tz="Europe/Paris")
    assert panel.loaded is not None, panel.message.value
    assert "<td>when the customer wrote</td><td>'Date'</td>" in panel.report.value
    assert "<td>when you first answered</td><td>'Date de réponse'</td>" in panel.report.value
    board = panel.open_board("response_times")
    np.testing.assert_allclose(board.waits.to_numpy(), [50 / 60, 17 + 35 / 60])
    reviews = tmp_path / "avis_clients.xlsx"
    pd.DataFrame({"Date": ["2025-03-01", "2025-03-02"], "Note": [5, 2], "Avis": ["Très bon", "Trop cher"],
                  "Source": ["Google", "Google"]}).to_excel(reviews, index=False)
    panel = widgets.own_data_panel(str(reviews), kind="reviews")
    assert panel.loaded is not None and panel.picker.children == (), panel.message.value
    assert panel.open_board("reviews").means.mean() == pytest.approx(3.5)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_column_the_kit_does_not_recognise_is_asked_for_one_dropdown_per_field(tmp_path, suffix):
    folder = tmp_path / "mine"
    folder.mkdir()
    path = _french_reviews(folder / f"avis{suffix}")
    before = fingerprint(folder)
    panel = widgets.own_data_panel(str(path), kind="reviews")
    said = panel.message.value
    assert panel.loaded is None and said.startswith(f"❌ {path}: the kit could not tell which of your columns holds "
                                                    "the date (when it was posted) and the stars (1–5), needed for reviews.")
    assert "Below, choose the column of your table that holds each one, then press 'Read the file'" in said
    columns = (NO_COLUMN, "Quand", "Etoiles données", "Avis", "Source")
    assert _questions(panel) == {"Which column holds the date (when it was posted)?": columns,
                                 "Which column holds the stars (1–5)?": columns}
    panel.picks["stars"].value = "Etoiles données"  # one answered: the other is still asked, the answer kept
    panel.read_button.click()
    assert panel.loaded is None and "holds the date (when it was posted), needed for reviews." in panel.message.value
    assert panel.picks["stars"].value == "Etoiles données" and len(_questions(panel)) == 2
    panel.picks["ts"].value = "Quand"
    panel.read_button.click()
    assert panel.loaded is not None, panel.message.value
    assert panel.loaded.table["stars"].tolist() == [5, 2, 4]
    assert ("<b>You said:</b> 'Quand' holds the date (when it was posted); 'Etoiles données' holds the stars (1–5)"
            in panel.report.value)
    assert "<td>stars given</td><td>'Etoiles données'</td><td>you said so</td>" in panel.report.value
    assert panel.open_board("reviews").reviews.sum() == 3
    assert fingerprint(folder) == before  # the choice is not written anywhere


def test_the_column_questions_go_with_the_file_and_the_kind_they_were_asked_for(tmp_path):
    path = _french_reviews(tmp_path / "avis.csv")
    panel = widgets.own_data_panel(str(path), kind="reviews")
    assert len(panel.picks) == 2
    panel.kind.value = "mentions"  # another kind of data needs its own questions
    assert panel.picks == {} and panel.picker.children == ()
    panel.read_button.click()
    assert _questions(panel) == {"Which column holds the date (when it was posted)?":
                                 (NO_COLUMN, "Quand", "Etoiles données", "Avis", "Source")}
    panel.path.value = str(EXPORTS / "trustpilot_reviews.csv")  # another file
    assert panel.picker.children == ()
    panel.kind.value = None
    panel.read_button.click()
    assert panel.loaded is not None and "You said" not in panel.report.value


def test_an_uploaded_table_is_read_again_with_the_columns_chosen(private_temp, tmp_path):
    path = _french_reviews(tmp_path / "avis.xlsx")
    panel = widgets.own_data_panel(kind="reviews")
    upload(panel, path)
    assert set(panel.picks) == {"ts", "stars"} and list(private_temp.iterdir()) == []
    assert panel.message.value.startswith("❌ avis.xlsx: the kit could not tell")
    panel.picks["ts"].value, panel.picks["stars"].value = "Quand", "Etoiles données"
    panel.read_button.click()
    assert panel.loaded is not None and panel.loaded.report.file == "avis.xlsx", panel.message.value
    assert list(private_temp.iterdir()) == []


def test_two_columns_that_fit_one_field_are_asked_about_once(tmp_path):
    path = tmp_path / "avis.csv"
    path.write_text("Date,Note,Canal,Source\n2025-03-01,5,facebook,google\n", encoding="utf-8")
    panel = widgets.own_data_panel(str(path), kind="reviews")
    assert panel.message.value.startswith(f"❌ {path}: more than one of your columns could hold the platform")
    assert list(_questions(panel)) == ["Which column holds the platform (Facebook, Instagram, Google…)?"]
    panel.picks["platform"].value = "Source"
    panel.read_button.click()
    assert panel.loaded is not None and "'Source' holds the platform" in panel.report.value


CODE = re.compile(r"\b(?:kind|tz|platform|sep|max_mb|skip_broken|date_format|columns)=|read_export\(")


def _semicolon(tmp_path):
    path = tmp_path / "semicolon.csv"
    path.write_text("Date;Réseau;Texte\n2025-03-01;facebook;Bonjour\n", encoding="utf-8")
    return str(path), {}


def _broken(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text("Date,Réseau,Texte\n2025-03-01 10:00,facebook,a\nhier,facebook,b\ndemain,facebook,c\n",
                    encoding="utf-8")
    return str(path), {"kind": "mentions", "tz": "UTC"}


def _french_dates(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Date,Réseau,Texte\n14/03/2025 12:34,facebook,a\n", encoding="utf-8")
    return str(path), {"kind": "mentions", "tz": "UTC"}


def _own_xlsx_missing(tmp_path):
    path = tmp_path / "mine.xlsx"
    pd.DataFrame({"Jour": ["2025-03-01"], "Texte": ["a"]}).to_excel(path, index=False)
    return str(path), {"kind": "mentions"}


@pytest.mark.parametrize("make, control", [
    (lambda tmp: (str(EXPORTS / "scheduler_posts.csv"), {}), "choose what the file holds in 'It holds'"),
    (lambda tmp: (str(EXPORTS / "meta_business_suite_facebook_posts.csv"), {}), "type the zone in 'Time zone'"),
    (lambda tmp: (str(EXPORTS / "meta_business_suite_facebook_posts.csv"), {"tz": "Paris"}), "'Time zone'"),
    (lambda tmp: (str(EXPORTS / "trustpilot_reviews.csv"), {"kind": "mentions"}), "Set 'It holds' back to 'let the kit"),
    (lambda tmp: (str(EXPORTS / "trustpilot_reviews.csv"), {"platform": "facebook"}), "Set 'Platform' back to"),
    (_semicolon, "save it as an Excel workbook (.xlsx)"),
    (_broken, "fix them in your file, then press 'Read the file' again"),
    (_french_dates, "Write the dates as 2025-03-14 12:34"),
    (_own_xlsx_missing, "choose the column of your table that holds each one"),
])
def test_the_panel_s_refusals_name_its_controls_never_code(tmp_path, make, control):
    path, options = make(tmp_path)
    panel = widgets.own_data_panel(path, **options)
    said = panel.message.value
    assert panel.loaded is None and said.startswith("❌ ") and control in said, said
    assert not CODE.search(said), said
    if path.endswith(".xlsx"):
        assert "CSV" not in said  # an Excel file is a table


def test_the_report_of_a_zone_typed_in_the_panel_names_the_box_not_code(tmp_path):
    panel = widgets.own_data_panel(str(EXPORTS / "meta_business_suite_facebook_posts.csv"), tz="Europe/Paris")
    assert panel.loaded is not None and "as typed in 'Time zone'" in panel.report.value
    assert not CODE.search(panel.report.value), panel.report.value


def _refusal(tmp_path, name: str, text: str | bytes, **options) -> exports.ExportError:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(exports.ExportError) as refused:
        exports.read(path, **options)
    return refused.value


def _every_kind_of_advice(tmp_path) -> list[exports.ExportError]:
    """One refusal per kind of advice the reader gives (each setting, each way to change it)."""
    own = "Date,Réseau,Texte\n2025-03-01 10:00,facebook,a\n"
    trustpilot = EXPORTS / "trustpilot_reviews.csv"
    refusals = [_refusal(tmp_path, "posts.csv", (EXPORTS / "scheduler_posts.csv").read_bytes()),
                _refusal(tmp_path, "meta.csv", (EXPORTS / "meta_business_suite_facebook_posts.csv").read_bytes()),
                _refusal(tmp_path, "meta.csv", b"", tz="Paris"),
                _refusal(tmp_path, "semicolon.csv", "Date;Réseau;Texte\n2025-03-01;facebook;a\n"),
                _refusal(tmp_path, "tabs.csv", "Date\tRéseau\tTexte\n2025-03-01\tfacebook\ta\n"),
                _refusal(tmp_path, "own.csv", own, kind="mentions", tz="UTC", platform="x"),
                _refusal(tmp_path, "own.csv", own, kind="accounts", platform="x"),
                _refusal(tmp_path, "noplatform.csv", "Date,Texte\n2025-03-01 10:00,a\n", kind="mentions", tz="UTC"),
                _refusal(tmp_path, "twice.csv", "Date,Note,Canal,Source\n2025-03-01,5,facebook,google\n",
                         kind="reviews"),
                _refusal(tmp_path, "big.csv", "Date,Texte\n" + "2025-03-01,a\n" * 100, max_mb=0.001),
                _refusal(tmp_path, "broken.csv", own + "hier,facebook,b\ndemain,facebook,c\n", kind="mentions",
                         tz="UTC"),
                _refusal(tmp_path, "days.csv", "month,channel,contacts\n2025-03-01,email,3\nhier,email,4\n",
                         kind="channel_mix"),
                _refusal(tmp_path, "meta_bad.csv", (EXPORTS / "meta_business_suite_facebook_posts.csv").read_text(
                    encoding="utf-8").replace("03/14/2025", "14 March 2025", 1), tz="UTC")]
    for options in ({"kind": "mentions"}, {"platform": "facebook"}, {"columns": {"stars": "Note"}}):
        with pytest.raises(exports.ExportError) as refused:
            exports.read(trustpilot, **options)
        refusals.append(refused.value)
    with pytest.raises(exports.ExportError) as refused:
        exports.read(tmp_path / "no such file.csv")
    return [*refusals, refused.value]


def _notes_naming_a_setting(tmp_path) -> list:
    """The notes of load reports that name a setting: a zone given, a zone the setting would override, a platform."""
    own = tmp_path / "own.csv"
    own.write_text("Date,Texte\n2025-03-01 10:00,a\n", encoding="utf-8")
    reports = [exports.read(EXPORTS / "meta_business_suite_facebook_posts.csv", tz="Europe/Paris").report,
               exports.read(EXPORTS / "trustpilot_reviews.csv").report,
               exports.read(own, "mentions", tz="UTC", platform="facebook").report]
    notes = [note for report in reports for note in [*report.assumptions, *(use.how for use in report.columns)]]
    return [note for note in notes if getattr(note, "pieces", None) and any(
        isinstance(piece, exports.Advice) for piece in note.pieces)]


def test_every_advice_of_the_reader_is_said_in_the_panel_with_its_controls_never_code(tmp_path):
    from socialkit.exports.errors import FOR_CODE
    from socialkit.widgets.own_data import in_panel

    seen = set()
    for refusal in _every_kind_of_advice(tmp_path):
        assert refusal.advice, str(refusal)
        seen |= {(advice.setting, advice.do) for advice in refusal.advice}
        assert all(a.setting in str(refusal) for a in refusal.advice if a.setting != "path"), str(refusal)
        said = in_panel(refusal)
        assert not CODE.search(said) and "read_export" not in said, said
        assert said.endswith(".") and ". ." not in said and ".." not in said, said
    for note in _notes_naming_a_setting(tmp_path):
        seen |= {(piece.setting, piece.do) for piece in note.pieces if isinstance(piece, exports.Advice)}
        said = in_panel(note)
        assert CODE.search(note) and not CODE.search(said) and ("'Time zone'" in said or "'Platform'" in said), said
    assert seen == set(FOR_CODE), "each kind of advice needs a refusal above: " + str(set(FOR_CODE) - seen)


def test_an_export_error_s_advice_names_a_setting_the_panel_knows(tmp_path):
    from socialkit.exports.errors import FOR_CODE, SETTINGS
    from socialkit.widgets.own_data import PANEL_ADVICE

    assert set(PANEL_ADVICE) == set(FOR_CODE) and {setting for setting, _do in FOR_CODE} <= set(SETTINGS)
    for refusal in _every_kind_of_advice(tmp_path):
        for advice in refusal.advice:
            assert advice.setting in SETTINGS and (advice.setting, advice.do) in PANEL_ADVICE, advice
            assert isinstance(refusal, ValueError) and str(refusal) == refusal.said(exports.Advice.for_code)
    with pytest.raises(ValueError, match="no words for the advice"):
        exports.Advice("delimiter", "give", ";")  # a setting the panel would not know is refused at once


def test_an_uploaded_file_s_refusal_names_it_and_keeps_its_advice(tmp_path):
    path = tmp_path / "semicolon.csv"
    path.write_text("Date;Réseau;Texte\n2025-03-01;facebook;a\n", encoding="utf-8")
    panel = widgets.own_data_panel()
    upload(panel, path)
    said = panel.message.value
    assert said.startswith("❌ semicolon.csv: the header row is separated by ';'") and "socialkit-own-data" not in said
    assert "save it as an Excel workbook (.xlsx)" in said and not CODE.search(said), said
