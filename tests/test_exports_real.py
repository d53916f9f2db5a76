"""Every file in ../shared/real-exports/ (made by real platforms) either loads with its values verified or is
refused with a message naming what it is. None loads wrongly: times are checked against the ids that carry
them, numbers are numbers, text is intact."""

import csv
import json
import re

import pandas as pd
import pytest
from real_exports import real_exports_dir

from socialkit import data, exports
from socialkit.exports import ExportError



@pytest.fixture(scope="module")
def real():
    """The folder of real exports beside the clone; a clear failure (not a skip) when it is missing."""
    return real_exports_dir()


def load(real, name, **options):
    return exports.read(real / name, **options)


def snowflake_time(tweet_id) -> pd.Timestamp:
    """The creation time an X id carries (Twitter's snowflake layout), computed here independently."""
    return pd.Timestamp((int(tweet_id) >> 22) + 1288834974657, unit="ms", tz="UTC")


EXPECTED_OUTCOME = {
    "x_analytics_tweet_activity_2021.csv": 200, "x_analytics_tweet_activity_org_2017.csv": 10,
    "x_analytics_daily_2021.csv": "X (Twitter) Analytics, daily account totals",
    "x_archive_tweets_2013_01.csv": 197, "x_archive_tweet_2020.js": 22, "x_ads_tweet_report_2017.xlsx": 5,
    "facebook_insights_post_level_2017.csv": 1,
    "facebook_ads_manager_2017.csv": "Facebook Ads Manager report",
    "hootsuite_facebook_post_performance_2018.csv": 7, "hootsuite_facebook_posts_2018.csv": 29,
    "hootsuite_facebook_inbound_messages_2018.csv": 60, "linkedin_shares.csv": 33, "instagram_posts_1.json": 4,
    "youtube_studio_table_data.csv": 102,
}


def test_every_real_file_has_an_expected_outcome(real):
    files = sorted(p.name for p in real.iterdir() if p.name != "SOURCES.md")
    assert files == sorted(EXPECTED_OUTCOME), "a real export was added or removed: give it an expected outcome"


@pytest.mark.parametrize("name", sorted(EXPECTED_OUTCOME))
def test_each_real_file_loads_with_its_row_count_or_is_refused_by_name(real, name):
    expected = EXPECTED_OUTCOME[name]
    if isinstance(expected, int):
        loaded = load(real, name)
        assert len(loaded.table) == expected
        assert loaded.report.rows_loaded == expected
        assert loaded.table["ts"].dtype == "datetime64[us, UTC]"
        assert loaded.table["ts"].notna().all()
        assert str(real / name) in loaded.report.summary()
    else:
        with pytest.raises(ExportError) as err:
            load(real, name)
        message = str(err.value)
        assert message.startswith(f"{real / name}: recognised as {expected}")
        assert "export" in message.lower()  # and what to export instead


def test_x_analytics_tweets(real):
    loaded = load(real, "x_analytics_tweet_activity_2021.csv")
    posts = loaded.table
    first = posts.iloc[0]
    assert first["post_id"] == "1432793754507923461"
    assert first["ts"] == pd.Timestamp("2021-08-31 19:53Z")
    assert first["account_id"] == "account_owner"
    assert (first["impressions"], first["comments"], first["likes"], first["link_clicks"]) == (89, 1, 0, 0)
    assert posts["impressions"].dtype == "Int64" and posts["engagements"].dtype == "Int64"  # "5.0" → 5
    assert posts["engagement rate"].dtype == "float64"
    assert posts["promoted impressions"].isna().all()  # "-": not promoted, no figure
    assert (posts["platform"] == "x").all()
    # text intact: embedded newlines (54 tweets) and the exact first words
    assert posts["text"].str.contains("\n").sum() == 54
    assert first["text"].startswith("@user_001 I agree your solution is more efficient.")
    # every time agrees with the time its tweet id carries (to the minute the export gives)
    from_ids = posts["post_id"].map(snowflake_time).dt.floor("min")
    assert (posts["ts"] == from_ids).all()
    assert loaded.missing_metrics == ("reach",)
    assert any("carry their own UTC offset" in a for a in loaded.report.assumptions)


def test_x_analytics_org_account(real):
    posts = load(real, "x_analytics_tweet_activity_org_2017.csv").table
    assert posts.loc[0, "ts"] == pd.Timestamp("2017-04-04 00:00Z")
    assert (posts.loc[0, "impressions"], posts.loc[0, "link_clicks"]) == (29, 1)
    assert (posts["account_id"] == "TCORSStgOrg").all()
    assert (posts["ts"] == posts["post_id"].map(snowflake_time).dt.floor("min")).all()


def test_x_archive_monthly_csv_without_metrics(real):
    loaded = load(real, "x_archive_tweets_2013_01.csv")
    tweets = loaded.table
    assert tweets.loc[0, "ts"] == pd.Timestamp("2013-01-18 18:01:00Z")
    assert tweets.loc[0, "text"].startswith("@user_001 @user_002 Don?t worry, it?ll go away :)")
    assert (tweets["ts"] == tweets["post_id"].map(snowflake_time).dt.floor("s")).all()
    # rows with no URL omit the last cell (8 cells for 9 headers): loaded, the URL missing
    with (real / "x_archive_tweets_2013_01.csv").open(encoding="utf-8", newline="") as handle:
        short = sum(1 for row in list(csv.reader(handle))[1:] if len(row) == 8)
    assert short == 167 and tweets["expanded_urls"].isna().sum() >= short
    for metric in ("impressions", "reach", "likes", "shares", "comments", "link_clicks"):
        assert tweets[metric].isna().all()
    assert set(loaded.missing_metrics) == {"impressions", "reach", "likes", "shares", "comments", "link_clicks"}
    feed = loaded.feeds()["engagement"]
    assert not feed.ok and "no likes, shares or comments" in feed.why


def test_x_archive_tweet_js(real):
    loaded = load(real, "x_archive_tweet_2020.js")
    tweets = loaded.table
    raw = json.loads((real / "x_archive_tweet_2020.js").read_text(encoding="utf-8").split("=", 1)[1])
    assert len(raw) == len(tweets) == 22
    first = raw[0]["tweet"]
    assert tweets.loc[0, "post_id"] == first["id_str"] == "1221130902635458567"
    assert tweets.loc[0, "ts"] == pd.Timestamp("2020-01-25 18:01:09Z")
    assert tweets.loc[0, "text"] == first["full_text"]
    assert (tweets.loc[0, "likes"], tweets.loc[0, "shares"]) == (35, 6)  # numbers written as strings
    assert tweets["likes"].dtype == "Int64"
    assert (tweets["ts"] == tweets["post_id"].map(snowflake_time).dt.floor("s")).all()
    assert tweets["comments"].isna().all() and "comments" in loaded.missing_metrics
    assert any("entities" in item for item in loaded.report.left_aside)


def test_x_ads_excel_report_takes_exact_times_from_the_tweet_ids(real):
    loaded = load(real, "x_ads_tweet_report_2017.xlsx")
    posts = loaded.table
    assert posts["post_id"].tolist()[:2] == ["849018769913597952", "849049028268523521"]
    assert posts.loc[0, "ts"] == pd.Timestamp("2017-04-03 22:00:23Z")
    # the publish date is in the ad account's zone: 7 hours behind UTC (US Pacific, April 2017)
    local = pd.to_datetime(posts["Tweet publish date"])
    assert ((posts["ts"].dt.tz_localize(None) - local) == pd.Timedelta(hours=7)).all()
    assert posts["impressions"].tolist() == [0, 2, 0, 6681, 3778]
    assert posts["link_clicks"].tolist() == [0, 0, 0, 4, 9]
    assert posts["shares"].tolist() == [0, 0, 0, 0, 0]  # "-" is X Ads' "none" (SOURCES.md), not a missing figure
    assert posts["comments"].tolist() == [0, 0, 0, 0, 4]
    assert posts["Spend"].tolist() == [0.0, 0.0, 0.0, 16.66, 24.99]
    assert "shares" not in loaded.missing_metrics


def test_facebook_insights_post_level(real):
    loaded = load(real, "facebook_insights_post_level_2017.csv")
    post = loaded.table.iloc[0]
    assert post["post_id"] == "1605839243031680_1867404650208470"
    assert post["ts"] == pd.Timestamp("2017-01-19 17:03:47Z")  # 09:03:47 AM Pacific Time
    assert (post["reach"], post["impressions"], post["likes"], post["comments"], post["shares"]) == (35, 60, 1, 1, 1)
    assert post["text"].startswith("Your participation matters!")
    assert pd.isna(post["Audience Targeting"])  # a single space: nothing
    # the four headers written twice are both kept, the second as "(2)"
    assert "Lifetime Organic Video Views (2)" in loaded.table.columns
    report = loaded.report
    assert any("row 2: a description of each metric" in item for item in report.left_aside)
    assert any("America/Los_Angeles" in a and "Pacific" in a for a in report.assumptions)
    # tz= overrides the zone known for the source
    other = load(real, "facebook_insights_post_level_2017.csv", tz="UTC").table
    assert other.loc[0, "ts"] == pd.Timestamp("2017-01-19 09:03:47Z")


def test_hootsuite_post_performance(real):
    with (real / "hootsuite_facebook_post_performance_2018.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    posts = load(real, "hootsuite_facebook_post_performance_2018.csv").table
    assert posts.loc[0, "ts"] == pd.Timestamp("2018-09-11 21:30:11Z")
    for column, header in (("impressions", "Impressions"), ("reach", "Reach"), ("likes", "Reactions"),
                           ("comments", "Comments"), ("shares", "Shares"), ("link_clicks", "Link Clicks")):
        assert posts[column].tolist() == [int(r[header]) for r in rows], column
    assert posts["text"].tolist() == [r["Post Message"] for r in rows]
    assert posts["Engagement Rate"].dtype == "float64"
    assert posts["Post Type"].tolist() == [r["Post Type"] for r in rows]  # the platform's post type, kept apart
    assert posts["post_type"].isna().all()  # the kit's editorial type is not guessed


def test_hootsuite_posts_placeholder_text_is_no_text(real):
    loaded = load(real, "hootsuite_facebook_posts_2018.csv")
    posts = loaded.table
    assert posts.loc[0, "post_id"] == "103131960018479_593904934274510"
    assert (posts.loc[0, "likes"], posts.loc[0, "comments"], posts.loc[0, "shares"]) == (22, 2, 0)
    assert not posts["text"].eq("(Post with no description)").any()
    assert posts["text"].isna().sum() == 4
    assert posts.loc[28, "text"] == "Well played Greater Dandenong eyewatch 👊🏻"
    assert posts["Ow.ly Clicks"].isna().all()
    assert set(loaded.missing_metrics) == {"impressions", "reach", "link_clicks"}


def test_hootsuite_inbound_messages_are_mentions(real):
    loaded = load(real, "hootsuite_facebook_inbound_messages_2018.csv")
    mentions = loaded.table
    assert loaded.kind == "mentions"
    assert mentions.loc[0, "ts"] == pd.Timestamp("2018-07-23 00:04:19Z")
    assert mentions.loc[0, "author_id"] == "Person 001"
    assert (mentions["lang"] == "en").all()
    assert mentions.loc[2, "text"] == "Hand yourselves in you pair of delinquent’s"  # curly apostrophe intact
    assert mentions["true_sentiment"].isna().all()  # Hootsuite's automatic guess is not the human label
    assert mentions["Sentiment"].value_counts().to_dict() == {"Neutral": 23, "Positive": 19, "Negative": 18}
    feeds = loaded.feeds()
    assert feeds["listening"].ok and not feeds["engagement"].ok
    with pytest.raises(ExportError, match="reads as kind 'mentions', not 'brand_posts'"):
        load(real, "hootsuite_facebook_inbound_messages_2018.csv", kind="brand_posts")


def test_linkedin_shares_times_are_utc_as_the_post_ids_show(real):
    loaded = load(real, "linkedin_shares.csv")
    posts = loaded.table
    assert posts.loc[0, "ts"] == pd.Timestamp("2025-07-01 14:33:22Z")
    # LinkedIn post ids carry their creation time like X's (ms since 1970 in the top 41 bits)
    from_ids = posts["post_id"].map(lambda i: pd.Timestamp(int(i) >> 22, unit="ms", tz="UTC"))
    assert ((posts["ts"] - from_ids).abs() <= pd.Timedelta(seconds=1)).all()
    # LinkedIn's broken quoting of multi-line posts is mended
    assert posts.loc[0, "text"].startswith("I'm off for a 10-day Vipassana meditation program.\n\n𝗪𝗛𝗔𝗧? A 10-day")
    assert not posts["text"].str.contains('"\n"', regex=False).any()
    assert set(loaded.missing_metrics) == {"impressions", "reach", "likes", "shares", "comments", "link_clicks"}
    assert "LinkedIn has no likes here" in loaded.report.summary()
    feed = loaded.feeds()["engagement"]
    assert not feed.ok and "no likes, shares or comments" in feed.why


def test_instagram_posts_json_mojibake_is_undone(real):
    loaded = load(real, "instagram_posts_1.json")
    posts = loaded.table
    assert posts["text"].tolist() == ["Great sem", "Un Taxi 🇨🇴", "Happy llama, sad llama, totally rad llama 🇵🇪",
                                      "Great friends, a bit o booze, and some damn good cheese."]
    assert posts.loc[0, "ts"] == pd.Timestamp(1715566876, unit="s", tz="UTC")
    assert posts["media_items"].tolist() == [1, 6, 7, 6]
    assert (posts["platform"] == "instagram").all()


def test_youtube_studio_table_content_is_the_video_id_not_the_text(real):
    loaded = load(real, "youtube_studio_table_data.csv")
    videos = loaded.table
    assert videos.loc[0, "post_id"] == "M1fTBQ96BRM"
    assert videos.loc[0, "text"] == "just a normal guy. #selfimprovement  #motivation"
    assert videos.loc[0, "ts"] == pd.Timestamp("2023-12-15", tz="UTC")
    assert (videos.loc[0, "likes"], videos.loc[0, "impressions"], videos.loc[0, "Views"]) == (134, 618, 4835)
    assert videos["Watch time (hours)"].dtype == "float64"
    assert not videos["post_id"].eq("Total").any()  # the Total row is left aside, and said
    assert any("row 2: the Total row" in item for item in loaded.report.left_aside)
    assert list(videos["platform"].cat.categories)[-1] == "youtube"
    engagement = loaded.feeds()["engagement"]
    assert engagement.ok and any("hour of day" in c for c in engagement.charts_missing)


def test_refusals_name_the_file_what_it_is_and_what_to_do(real):
    with pytest.raises(ExportError) as err:
        load(real, "x_analytics_daily_2021.csv")
    assert "one row of account totals per day" in str(err.value) and "By Tweet" in str(err.value)
    with pytest.raises(ExportError) as err:
        load(real, "facebook_ads_manager_2017.csv")
    assert "spend and results of each ad campaign" in str(err.value)
    assert "Meta Business Suite → Insights → Content" in str(err.value)


def test_read_export_is_the_same_reader_with_the_report_attached(real):
    table = data.read_export(real / "linkedin_shares.csv")
    report = table.attrs["export_report"]
    assert report.profile == "linkedin_shares" and report.rows_loaded == len(table) == 33
    table = data.read_export(real / "youtube_studio_table_data.csv", kind="brand_posts")
    assert table.loc[0, "post_id"] == "M1fTBQ96BRM"


def test_header_with_a_renamed_content_column_is_not_taken_as_text(real, tmp_path):
    """The 'content' alias trap: YouTube's Content column holds video ids; never load them as post text."""
    text = (real / "youtube_studio_table_data.csv").read_text(encoding="utf-8")
    renamed = tmp_path / "videos.csv"
    renamed.write_text(re.sub(r"^Content,Video title,Video publish time", "Content,Title,Published", text),
                       encoding="utf-8")
    with pytest.raises(ExportError) as err:
        data.read_export(renamed, "brand_posts", platform="instagram")
    message = str(err.value)
    assert "'Content' was taken as the post text" in message and "'M1fTBQ96BRM'" in message
