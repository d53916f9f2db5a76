"""socialkit.exports on the formats without a real sample (fixtures made here, see tests/fixtures/exports/README.md),
on Excel and JSON archives, and on files that are not exports at all (refused by name, with what to do)."""

import datetime as dt
import gzip
import zipfile

import pandas as pd
import pytest
from conftest import FIXTURES

from socialkit import exports, sentiment
from socialkit.exports import ExportError

EXPORTS = FIXTURES / "exports"


# ---------------------------------------------------------------- tools' and platforms' exports (made here)

def test_meta_business_suite_facebook_needs_the_zone_then_reads_us_dates_and_thousands():
    path = EXPORTS / "meta_business_suite_facebook_posts.csv"
    with pytest.raises(ExportError) as err:
        exports.read(path)
    message = str(err.value)
    assert f"{path}: column 'Publish time' (read as ts), row 2: '03/14/2025 08:30' has no time zone" in message
    assert "Meta Business Suite writes times in the Page's own time zone" in message and "tz='Europe/Paris'" in message
    loaded = exports.read(path, tz="Europe/Paris")
    posts = loaded.table
    # 14 March 08:30 in Paris is 07:30 UTC; 30 March 19:05 is after the clocks changed (UTC+2)
    assert posts["ts"].tolist() == [pd.Timestamp("2025-03-14 07:30Z"), pd.Timestamp("2025-03-30 17:05Z"),
                                    pd.Timestamp("2025-04-02 10:00Z")]
    assert posts["impressions"].tolist() == [12400, 3150, 980]  # "12,400"
    assert posts["reach"].tolist() == [9870, 2480, 760]
    assert posts["likes"].tolist() == [356, 80, 19]  # Reactions
    # the caption is in Title, or in Description when Title is empty
    assert posts["text"].tolist() == ["Notre mélange de printemps est arrivé ☕",
                                      "Behind the roaster: how we pick our beans, in 45 seconds",
                                      "Read our guide to brewing at home"]
    assert posts["Post type"].tolist() == ["Photos", "Reels", "Links"]  # the platform's type, kept apart
    assert posts["post_type"].isna().all()
    assert posts["Seconds viewed"].tolist()[1] == 28350
    assert any("tz='Europe/Paris'" in a for a in loaded.report.assumptions)


def test_meta_business_suite_instagram_across_a_clock_change():
    posts = exports.read(EXPORTS / "meta_business_suite_instagram_posts.csv", tz="Europe/Paris").table
    assert posts["ts"].tolist() == [pd.Timestamp("2025-03-15 09:00Z"), pd.Timestamp("2025-10-26 08:30Z"),
                                    pd.Timestamp("2025-04-01 16:00Z")]
    assert posts["impressions"].isna().tolist() == [False, False, True]  # an empty cell stays missing, not 0
    assert (posts["platform"] == "instagram").all() and (posts["account_id"] == "cafelumiere").all()
    assert posts["link_clicks"].isna().all()


def test_sprout_social_several_networks_and_likes_or_reactions():
    loaded = exports.read(EXPORTS / "sprout_social_post_performance.csv", tz="Europe/Paris")
    posts = loaded.table
    assert posts["platform"].tolist() == ["x", "linkedin", "instagram"]
    assert posts["ts"].tolist() == [pd.Timestamp("2025-03-14 07:30Z"), pd.Timestamp("2025-03-14 11:00Z"),
                                    pd.Timestamp("2025-03-15 18:45Z")]  # 12-hour clock, am/pm
    assert posts["likes"].tolist() == [34, 120, 480]  # LinkedIn's come from Reactions
    assert posts["Engagement Rate (per Impression)"].tolist() == ["3.9%", "3.8%", "5.8%"]
    with pytest.raises(ExportError, match=r"the platform is known \(from its 'Network' column\)"):
        exports.read(EXPORTS / "sprout_social_post_performance.csv", tz="UTC", platform="x")


def test_buffer_posts_with_offsets_and_ids_from_links():
    posts = exports.read(EXPORTS / "buffer_posts.csv").table
    assert posts["platform"].tolist() == ["x", "instagram"]
    assert posts["post_id"].tolist() == ["1907000000000000001", "DAbc005"]
    assert posts["ts"].tolist() == [pd.Timestamp("2025-04-02 08:00Z"), pd.Timestamp("2025-04-03 15:30Z")]
    assert posts["impressions"].tolist() == [800, 2300]


def test_trustpilot_reviews_in_four_languages():
    loaded = exports.read(EXPORTS / "trustpilot_reviews.csv")
    reviews = loaded.table
    assert loaded.kind == "reviews"
    assert reviews["stars"].tolist() == [5, 1, 4, 2]
    assert reviews["lang"].tolist() == ["en", "fr", "de", "es"]
    assert list(reviews["lang"].cat.categories) == ["en", "fr", "de", "es"]
    assert reviews["responded"].tolist() == [True, False, True, False]
    assert reviews.loc[0, "response_at"] == pd.Timestamp("2025-03-02 15:40Z")
    assert (reviews["platform"] == "trustpilot").all()
    assert any("'Review Created (UTC)' read as UTC" in a for a in loaded.report.assumptions)
    feeds = loaded.feeds()
    assert feeds["reviews"].ok and feeds["response_times"].ok and not feeds["engagement"].ok
    scores = sentiment.score_series(reviews["text"], reviews["lang"])
    assert scores.notna().tolist() == [True, True, False, False]  # German and Spanish: not scored


def test_google_reviews_from_takeout_json():
    reviews = exports.read(EXPORTS / "google_reviews.json").table
    assert reviews["stars"].tolist() == [5, 2, 4]  # FIVE, TWO, FOUR
    assert reviews["review_id"].tolist() == ["AbCdEf0001", "AbCdEf0002", "AbCdEf0003"]
    assert reviews["responded"].tolist() == [True, False, False]
    assert reviews.loc[0, "ts"] == pd.Timestamp("2025-02-11 09:12:30.123456Z")
    assert pd.isna(reviews.loc[2, "text"])  # a rating without words


def test_facebook_posts_json_with_meta_mojibake():
    loaded = exports.read(EXPORTS / "facebook_your_posts_1.json")
    posts = loaded.table
    assert posts.loc[0, "text"] == "Notre mélange de printemps est arrivé ☕"
    assert posts.loc[0, "ts"] == pd.Timestamp(1741937400, unit="s", tz="UTC")
    assert pd.isna(posts.loc[2, "text"])  # a photo without words
    assert posts["title"].tolist()[1] == "Café Lumière shared a link."
    assert not loaded.feeds()["engagement"].ok


def test_listening_export_in_many_languages_loads_and_is_counted():
    loaded = exports.read(EXPORTS / "hootsuite_inbound_messages_multilingual.csv")
    mentions = loaded.table
    assert mentions["lang"].astype("object").fillna("none").tolist() == ["fr", "en", "nl", "es", "none", "de"]
    assert mentions["lang"].value_counts().to_dict() == {"fr": 1, "en": 1, "nl": 1, "es": 1, "de": 1}
    assert "3 row(s) in languages other than English and French (de: 1, es: 1, nl: 1)" in loaded.report.summary()
    labels = sentiment.label_series(mentions["text"], mentions["lang"])
    assert labels.notna().tolist() == [True, True, False, False, False, False]  # others: not scored, never wrong
    assert loaded.feeds()["listening"].ok


def _linkedin_workbook(path, *, dates_as_text=True):
    """A LinkedIn Page Content export as LinkedIn lays it out: a metrics sheet, then 'All posts' under a note."""
    from openpyxl import Workbook

    book = Workbook()
    metrics = book.active
    metrics.title = "Metrics"
    metrics.append(["Date", "Impressions (organic)", "Clicks (organic)", "Reactions (organic)"])
    metrics.append(["03/14/2025", 4210, 40, 120])
    posts = book.create_sheet("All posts")
    posts.append(["All posts: the content you published in the period, with its performance."])
    posts.append(["Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
                  "Campaign start date", "Campaign end date", "Audience", "Impressions",
                  "Views (excluding off-site video views)", "Off-site views", "Clicks", "Click through rate (CTR)",
                  "Likes", "Comments", "Reposts", "Follows", "Engagement rate", "Content Type"])
    created = ["03/14/2025", "04/02/2025"] if dates_as_text else [dt.datetime(2025, 3, 14), dt.datetime(2025, 4, 2)]
    posts.append(["What we learned roasting 10 tonnes of beans",
                  "https://www.linkedin.com/feed/update/urn:li:activity:7306000000000000001", "Organic", None,
                  "Head Roaster", created[0], None, None, "All followers", 4210, None, None, 40, 0.0095, 120, 18,
                  22, 3, 0.047, "Text"])
    posts.append(["We're hiring baristas in Brussels", "https://www.linkedin.com/feed/update/urn:li:activity:"
                  "7313000000000000002", "Organic", None, "HR", created[1], None, None, "All followers", 1890,
                  None, None, 65, 0.0344, 41, 7, 5, 1, 0.062, "Image"])
    book.save(path)
    return path


def test_linkedin_page_content_xlsx_header_under_a_note_on_the_second_sheet(tmp_path):
    loaded = exports.read(_linkedin_workbook(tmp_path / "cafelumiere_content_1712345678.xlsx"))
    posts = loaded.table
    assert loaded.report.profile == "linkedin_page_posts"
    assert posts["post_id"].tolist() == ["7306000000000000001", "7313000000000000002"]
    assert posts["ts"].tolist() == [pd.Timestamp("2025-03-14", tz="UTC"), pd.Timestamp("2025-04-02", tz="UTC")]
    assert posts["likes"].tolist() == [120, 41] and posts["shares"].tolist() == [22, 5]
    assert posts["Engagement rate"].tolist() == [0.047, 0.062]
    summary = loaded.report.summary()
    assert "read the sheet 'All posts'; the other sheet(s) 'Metrics' left aside" in summary
    assert "above the header" in summary and "days, not times" in summary
    # Excel cells that hold real dates are read as dates, whatever form the profile expects
    dated = exports.read(_linkedin_workbook(tmp_path / "dated.xlsx", dates_as_text=False)).table
    assert dated["ts"].tolist() == posts["ts"].tolist()
    assert exports.read(tmp_path / "dated.xlsx", sheet="All posts").table["ts"].tolist() == posts["ts"].tolist()
    with pytest.raises(ExportError, match=r"there is no sheet 'Posts'; the workbook has 'Metrics', 'All posts'"):
        exports.read(tmp_path / "dated.xlsx", sheet="Posts")


def test_own_excel_workbook_read_by_column_names(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Network", "Post", "Likes"])
    sheet.append([dt.datetime(2025, 3, 14, 8, 30), "LinkedIn", "Hello", 12])
    book.save(tmp_path / "mine.xlsx")
    posts = exports.read(tmp_path / "mine.xlsx", "brand_posts", tz="Europe/Paris").table
    assert posts.loc[0, "ts"] == pd.Timestamp("2025-03-14 07:30Z")
    assert posts.loc[0, "likes"] == 12 and posts.loc[0, "platform"] == "linkedin"


def test_utf16_csv_with_a_separator_line(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_text("sep=,\nDate (GMT),Facebook Page,Message Author,Type,Message ID,Message Permalink,Message,Tags,"
                    "Language,Gender,Sentiment\n2025-04-14 09:12:00,Café Lumière,Person 1,Received Comment,11,,"
                    "Très bon café,,French,,Positive\n", encoding="utf-16")
    mentions = exports.read(path).table
    assert mentions.loc[0, "text"] == "Très bon café" and mentions.loc[0, "lang"] == "fr"


# ---------------------------------------------------------------- what is not an export

def _refusal(path) -> str:
    with pytest.raises(ExportError) as err:
        exports.read(path)
    message = str(err.value)
    assert message.startswith(f"{path}: "), message
    return message


@pytest.mark.parametrize("name, head, what", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "an old-format Excel workbook (.xls)"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    ("chart.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "a PNG image"),
    ("data.parquet", b"PAR1" + b"\0" * 64, "a Parquet data file"),
    ("page.html", b"<!DOCTYPE html><html><head><title>Insights</title>", "a web page (HTML)"),
    ("random.bin", bytes(range(256)) * 8, "a binary file"),
])
def test_files_that_are_not_exports_are_named(tmp_path, name, head, what):
    path = tmp_path / name
    path.write_bytes(head)
    message = _refusal(path)
    assert f"this is {what}" in message
    assert any(word in message for word in ("Export", "export", "save it", "Save it", "Download"))


def test_gzip_zip_and_archives_say_what_is_inside(tmp_path):
    gz = tmp_path / "posts.csv.gz"
    gz.write_bytes(gzip.compress(b"Date,Post\n"))
    assert "gzip-compressed" in _refusal(gz) and "Uncompress" in _refusal(gz)
    archive = tmp_path / "twitter-2025.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/tweet.js", "window.YTD.tweet.part0 = []")
        z.writestr("data/like.js", "window.YTD.like.part0 = []")
    message = _refusal(archive)
    assert "ZIP archive (2 files)" in message and "data/tweet.js (your X archive's tweets)" in message
    damaged = tmp_path / "cut.xlsx"
    damaged.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert "damaged" in _refusal(damaged)


def test_other_parts_of_an_x_archive_and_unknown_json(tmp_path):
    likes = tmp_path / "like.js"
    likes.write_text('window.YTD.like.part0 = [ { "like" : { "tweetId" : "1" } } ]', encoding="utf-8")
    assert "the 'like' part of an X (Twitter) archive, not your tweets" in _refusal(likes)
    other = tmp_path / "profile.json"
    other.write_text('{"profile_user": [{"string_map_data": {}}]}', encoding="utf-8")
    assert "a JSON list of 'profile_user' from a data download" in _refusal(other)
    broken = tmp_path / "posts_1.json"
    broken.write_text('[{"media": [', encoding="utf-8")
    assert "not valid JSON" in _refusal(broken)


def test_empty_and_blank_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "the file is empty (0 bytes)" in _refusal(empty)
    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"\xef\xbb\xbf\r\n\r\n  \r\n")
    assert "the file is empty (only blank lines)" in _refusal(blank)
    header = tmp_path / "header.csv"
    header.write_text("Tweet id,Tweet permalink,Tweet text,time,impressions,engagements\n", encoding="utf-8")
    assert "header row but no data rows" in _refusal(header)


def test_unrecognised_csv_without_kind_says_what_to_do():
    message = _refusal(EXPORTS / "scheduler_posts.csv")
    assert "did not recognise this export from its header ('Date', 'Network', 'Post'" in message
    assert "docs/own-data.md" in message and "kind='brand_posts'" in message


def test_a_recognised_export_with_its_columns_in_another_order(tmp_path):
    path = tmp_path / "moved.csv"
    path.write_text("Facebook Page,Post ID,Post Message,Reactions,Comments,Shares,Date (GMT)\n"
                    "Café,1_2,Hi,1,2,3,2025-01-01 10:00:00\n", encoding="utf-8")
    assert exports.read(path).table.loc[0, "likes"] == 1  # column order does not matter
