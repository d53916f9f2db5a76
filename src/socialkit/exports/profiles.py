"""What each platform or tool exports, as data: a named profile per source with its header and column mapping.

A file is recognised by its header (``signature``: columns that must all be there, compared
ignoring case and punctuation), never by asking the user to rename columns. A profile says which
sample table the file reads as (``kind``), how each schema column is found (``columns``), how its
times are written and in which zone, which metrics the source does not have (``lacks``), and how
to get the file. A profile with a ``refusal`` is recognised but not loadable: the message says
what it is and what to export instead. ``docs/own-data.md`` is generated from this table.

Evidence: "real" profiles were checked on files platforms produced (``shared/real-exports/``,
see its SOURCES.md); "made here" ones were written from the vendor's documentation and public
parsers, with a fixture made here, and should be checked on the first real file a user brings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """Where one schema column comes from: the source's header (alternatives allowed), optionally a part of it."""

    header: str | tuple[str, ...]  # several: the first present, each next one read where it is empty
    pattern: str | None = None  # a regular expression whose first group is the value (an id out of a link)
    note: str = ""  # how it is read, when the name alone does not say (shown in the load report)
    dash_is_zero: bool = False  # the source writes "-" for none (not for a missing figure)

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.header,) if isinstance(self.header, str) else tuple(self.header)


@dataclass(frozen=True)
class Profile:
    """One source's export format, as data (see the module docstring)."""

    name: str
    title: str
    how_to_export: str
    signature: tuple[str, ...]
    kind: str | None = None
    columns: dict[str, Field] = field(default_factory=dict)
    platform: str | None = None
    time_format: str | None = None  # strptime pattern, None (ISO 8601), "unix" or "snowflake" (see convert.times)
    zone: str | None = None  # the zone the source writes times in, when it is known and not in the file
    zone_reason: str = ""
    day_only: bool = False  # the source gives days, not times
    # the platform's own engagement count (header) and what it counts beyond likes, shares and comments
    own_engagements: tuple[str, str] | None = None
    lacks: tuple[str, ...] = ()  # schema metrics the source does not export
    lacks_why: str = ""
    text_fixes: tuple[str, ...] = ()  # names in cleaning.TEXT_FIXES
    no_text: tuple[str, ...] = ()  # placeholders the source writes instead of an empty text
    notes: tuple[str, ...] = ()  # other things a user should know (said in the load report)
    refusal: str = ""  # recognised but not loadable: what to export instead
    fmt: str = "csv"  # csv, xlsx or a JSON archive reader's name
    evidence: str = "made here"
    derived: dict[str, str] = field(default_factory=dict)  # schema column → rule name in cleaning.DERIVED


def key(header) -> str:
    """A header as a comparable key: lower case, runs of other characters as '_' ("Date (GMT)" → "date_gmt")."""
    return re.sub(r"[^0-9a-zà-ÿ]+", "_", str(header).strip().lower()).strip("_")


def F(header, pattern=None, note="", dash_is_zero=False) -> Field:  # noqa: N802 - short on purpose, read as a table
    return Field(header, pattern, note, dash_is_zero)


X_METRICS = dict(impressions=F("impressions"), likes=F("likes"), shares=F("retweets", note="retweets"),
                 comments=F("replies", note="replies"), link_clicks=F("url clicks"))

PROFILES: tuple[Profile, ...] = (
    # ------------------------------------------------------------------ X / Twitter
    Profile(
        name="x_analytics_tweets", title="X (Twitter) Analytics, tweet activity (one row per tweet)",
        how_to_export="analytics.twitter.com → Tweets → Export data → By Tweet",
        signature=("Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements"),
        kind="brand_posts", platform="x", evidence="real",
        columns=dict(post_id=F("Tweet id"), ts=F("time"), text=F("Tweet text"),
                     account_id=F("Tweet permalink", r"(?:twitter|x)\.com/([^/]+)/status",
                                  "the handle in the tweet's link"), **X_METRICS),
        time_format="%Y-%m-%d %H:%M %z", lacks=("reach",), lacks_why="X does not report reach",
        notes=("Counts are written as 89.0 and promoted (paid) columns as '-' when the tweet was not promoted.",),
        own_engagements=("engagements", "every click on a tweet (its links, hashtags, pictures, the profile, "
                         "opening it) and follows (X Help Center, 'Tweet activity dashboard')"),
    ),
    Profile(
        name="x_analytics_daily", title="X (Twitter) Analytics, daily account totals (one row per day)",
        how_to_export="analytics.twitter.com → Tweets → Export data → By day",
        signature=("Date", "Tweets published", "impressions", "engagements"), evidence="real",
        refusal="it holds one row of account totals per day, not one row per tweet. Export the tweets "
                "instead: analytics.twitter.com → Tweets → Export data → By Tweet "
                "(a file named tweet_activity_metrics_….csv).",
    ),
    Profile(
        name="x_archive_csv", title="X (Twitter) archive, early monthly CSV (tweets, no metrics)",
        how_to_export="Settings → Your account → Download an archive of your data (archives before 2019 "
                      "hold data/csv/YYYY_MM.csv)",
        signature=("tweet_id", "in_reply_to_status_id", "retweeted_status_id", "timestamp", "source", "text"),
        kind="brand_posts", platform="x", evidence="real",
        columns=dict(post_id=F("tweet_id"), ts=F("timestamp"), text=F("text")),
        time_format="%Y-%m-%d %H:%M:%S %z",
        lacks=("impressions", "reach", "likes", "shares", "comments", "link_clicks"),
        lacks_why="an X archive lists your tweets without their metrics (use X Analytics for them)",
        notes=("Early archives replaced characters outside ASCII by '?' (Don?t); they cannot be recovered.",),
    ),
    Profile(
        name="x_archive_tweets_js", title="X (Twitter) archive, data/tweet.js (your tweets)",
        how_to_export="Settings → Your account → Download an archive of your data → data/tweet.js "
                      "(tweets.js in newer archives)",
        signature=("id_str", "created_at", "full_text", "favorite_count", "retweet_count"),
        kind="brand_posts", platform="x", fmt="x_archive_js", evidence="real",
        columns=dict(post_id=F("id_str"), ts=F("created_at"), text=F("full_text"),
                     likes=F("favorite_count", note="favorites"), shares=F("retweet_count", note="retweets")),
        time_format="%a %b %d %H:%M:%S %z %Y",
        lacks=("impressions", "reach", "comments", "link_clicks"),
        lacks_why="an X archive keeps likes and retweets of each tweet, not its views, replies or clicks",
    ),
    Profile(
        name="x_ads_tweets", title="X (Twitter) Ads, tweet report (promoted tweets, Excel)",
        how_to_export="ads.twitter.com → Analytics → Tweets → Export (.xlsx)",
        signature=("Tweet Text", "Tweet ID", "Tweet publish date", "Impressions", "Spend"),
        kind="brand_posts", platform="x", fmt="xlsx", evidence="real",
        columns=dict(post_id=F("Tweet ID"), ts=F("Tweet ID", note="the posting time carried by the tweet id"),
                     text=F("Tweet Text"), impressions=F("Impressions"), likes=F("Likes"),
                     shares=F("Retweets", note="retweets; '-' means none", dash_is_zero=True),
                     comments=F("Replies", note="replies; '-' means none", dash_is_zero=True),
                     link_clicks=F("Link clicks")),
        time_format="snowflake", lacks=("reach",), lacks_why="X does not report reach",
        notes=("'Tweet publish date' is in the ad account's own time zone, which the file does not name; the "
               "exact UTC time is read from each tweet id instead.",
               "The figures are the campaign's (promoted) ones for the report's period."),
    ),
    # ------------------------------------------------------------------ Facebook / Instagram (Meta)
    Profile(
        name="meta_business_suite_facebook_posts",
        title="Meta Business Suite, Facebook post insights (one row per post)",
        how_to_export="business.facebook.com → Insights → Content → Export data → Posts (CSV)",
        signature=("Post ID", "Page ID", "Page name", "Title", "Publish time", "Permalink", "Post type"),
        kind="brand_posts", platform="facebook",
        columns=dict(post_id=F("Post ID"), ts=F("Publish time"), account_id=F("Page name"),
                     text=F(("Title", "Description"), note="the caption"),
                     impressions=F("Views"), reach=F("Reach"), likes=F("Reactions", note="all reactions"),
                     comments=F("Comments"), shares=F("Shares"), link_clicks=F("Link clicks")),
        time_format="%m/%d/%Y %H:%M", zone=None,
        zone_reason=" (Meta Business Suite writes times in the Page's own time zone without naming it)",
        notes=("Figures are lifetime totals on the day of the export; an export made later gives other numbers.",),
    ),
    Profile(
        name="meta_business_suite_instagram_posts",
        title="Meta Business Suite, Instagram post insights (one row per post)",
        how_to_export="business.facebook.com → Insights → Content → Export data → Instagram posts (CSV)",
        signature=("Post ID", "Account ID", "Account username", "Description", "Publish time", "Permalink",
                   "Post type"),
        kind="brand_posts", platform="instagram",
        columns=dict(post_id=F("Post ID"), ts=F("Publish time"), account_id=F("Account username"),
                     text=F("Description"), impressions=F("Views"), reach=F("Reach"), likes=F("Likes"),
                     comments=F("Comments"), shares=F("Shares")),
        time_format="%m/%d/%Y %H:%M", zone=None,
        zone_reason=" (Meta Business Suite writes times in the account's own time zone without naming it)",
        lacks=("link_clicks",), lacks_why="Instagram posts have no clickable links",
        notes=("Figures are lifetime totals on the day of the export; an export made later gives other numbers.",),
    ),
    Profile(
        name="facebook_insights_posts", title="Facebook Page Insights (legacy), post-level export",
        how_to_export="facebook.com/<your page>/insights → Export Data → Post data (CSV)",
        signature=("Post ID", "Permalink", "Post Message", "Type", "Posted", "Lifetime Post Total Reach"),
        kind="brand_posts", platform="facebook", evidence="real",
        columns=dict(post_id=F("Post ID"), ts=F("Posted"), text=F("Post Message"),
                     reach=F("Lifetime Post Total Reach"), impressions=F("Lifetime Post Total Impressions"),
                     likes=F("Lifetime Post Stories by action type - like", note="likes"),
                     comments=F("Lifetime Post Stories by action type - comment", note="comments"),
                     shares=F("Lifetime Post Stories by action type - share", note="shares")),
        time_format="%m/%d/%Y %I:%M:%S %p", zone="America/Los_Angeles",
        zone_reason="Facebook's Insights exports give all times in Pacific Time",
        lacks=("link_clicks",), lacks_why="this export counts clicks of every kind together, not link clicks",
        notes=("Row 2 describes each metric in words; it is not a post.",),
    ),
    Profile(
        name="facebook_ads_manager", title="Facebook Ads Manager report (spend per campaign)",
        how_to_export="adsmanager.facebook.com → Reports → Export",
        signature=("Campaign Name", "Campaign ID", "Reporting Starts", "Reporting Ends"), evidence="real",
        refusal="it holds the spend and results of each ad campaign over a reporting period, not one row "
                "per post. For your posts, export Meta Business Suite → Insights → Content → Export data.",
    ),
    Profile(
        name="meta_page_daily", title="Meta Business Suite, one Page metric per day",
        how_to_export="business.facebook.com → Insights → Overview → Export",
        signature=("Date", "Primary"),
        refusal="it holds one number per day for the whole Page, not one row per post. Export the posts "
                "instead: Meta Business Suite → Insights → Content → Export data → Posts.",
    ),
    Profile(
        name="facebook_posts_json", title="Facebook 'Download your information', your posts (JSON)",
        how_to_export="Facebook → Settings → Download your information → JSON → "
                      "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
        signature=("timestamp", "post"), kind="brand_posts", platform="facebook", fmt="facebook_posts_json",
        columns=dict(ts=F("timestamp"), text=F("post")), time_format="unix",
        text_fixes=("meta_mojibake",),
        lacks=("impressions", "reach", "likes", "shares", "comments", "link_clicks"),
        lacks_why="the personal data download lists posts without their metrics "
                  "(use Meta Business Suite for them)",
    ),
    Profile(
        name="instagram_posts_json", title="Instagram 'Download your information', your posts (posts_1.json)",
        how_to_export="Instagram → Accounts Centre → Download your information → JSON → "
                      "your_instagram_activity/content/posts_1.json",
        signature=("creation_timestamp", "title", "media_items"), kind="brand_posts", platform="instagram",
        fmt="instagram_posts_json", evidence="real",
        columns=dict(ts=F("creation_timestamp"), text=F("title", note="the caption")), time_format="unix",
        text_fixes=("meta_mojibake",),
        lacks=("impressions", "reach", "likes", "shares", "comments", "link_clicks"),
        lacks_why="the personal data download lists posts without their metrics "
                  "(use Meta Business Suite for them)",
    ),
    # ------------------------------------------------------------------ scheduling and analytics tools
    Profile(
        name="hootsuite_post_performance", title="Hootsuite Analytics, Facebook post performance",
        how_to_export="Hootsuite → Analytics → a report with the 'Post performance' table → Export → CSV",
        signature=("Date (GMT)", "Facebook Page", "Post ID", "Post Message", "Reactions", "Impressions", "Reach"),
        kind="brand_posts", platform="facebook", evidence="real",
        columns=dict(post_id=F("Post ID"), ts=F("Date (GMT)"), account_id=F("Facebook Page"),
                     text=F("Post Message"), impressions=F("Impressions"), reach=F("Reach"),
                     likes=F("Reactions", note="all reactions"), comments=F("Comments"), shares=F("Shares"),
                     link_clicks=F("Link Clicks")),
        time_format="%Y-%m-%d %H:%M:%S", no_text=("(Post with no description)",),
    ),
    Profile(
        name="hootsuite_posts", title="Hootsuite Analytics, Facebook posts",
        how_to_export="Hootsuite → Analytics → a report with the 'Posts' table → Export → CSV",
        signature=("Date (GMT)", "Facebook Page", "Post ID", "Post Message", "Reactions", "Comments", "Shares"),
        kind="brand_posts", platform="facebook", evidence="real",
        columns=dict(post_id=F("Post ID"), ts=F("Date (GMT)"), account_id=F("Facebook Page"),
                     text=F("Post Message"), likes=F("Reactions", note="all reactions"), comments=F("Comments"),
                     shares=F("Shares")),
        time_format="%Y-%m-%d %H:%M:%S", no_text=("(Post with no description)",),
        lacks=("impressions", "reach", "link_clicks"),
        lacks_why="this table has no views or reach; 'Ow.ly Clicks' counts only clicks on Hootsuite's "
                  "own short links, so it is kept apart",
    ),
    Profile(
        name="hootsuite_inbound_messages", title="Hootsuite Analytics, Facebook inbound messages (comments received)",
        how_to_export="Hootsuite → Analytics → a report with the 'Inbound messages' table → Export → CSV",
        signature=("Date (GMT)", "Facebook Page", "Message Author", "Message ID", "Message"),
        kind="mentions", platform="facebook", evidence="real",
        columns=dict(post_id=F("Message ID"), ts=F("Date (GMT)"), author_id=F("Message Author"),
                     text=F("Message"), lang=F("Language")),
        time_format="%Y-%m-%d %H:%M:%S",
        lacks=("likes", "shares", "replies"), lacks_why="Hootsuite's inbound messages carry no counts",
        notes=("Hootsuite's own 'Sentiment' is an automatic guess, kept as its own column (not the human label "
               "true_sentiment).",),
    ),
    Profile(
        name="sprout_post_performance", title="Sprout Social, Post Performance report",
        how_to_export="Sprout Social → Reports → Post Performance → Export → CSV",
        signature=("Date", "Post ID", "Network", "Post Type", "Profile", "Sent by", "Link", "Post"),
        kind="brand_posts",
        columns=dict(post_id=F("Post ID"), ts=F("Date"), platform=F("Network"), account_id=F("Profile"),
                     text=F("Post"), impressions=F("Impressions"), reach=F("Reach"),
                     likes=F(("Likes", "Reactions")), comments=F("Comments"), shares=F("Shares"),
                     link_clicks=F("Post Link Clicks")),
        time_format="%m/%d/%Y %I:%M %p", zone=None,
        zone_reason=" (Sprout Social writes times in the time zone set in your Sprout settings, without "
                    "naming it)",
    ),
    Profile(
        name="buffer_posts", title="Buffer, posts report",
        how_to_export="Buffer → Analyze → Posts → Export as CSV",
        signature=("Date", "Update", "Service", "Service Link", "Type"), kind="brand_posts",
        zone_reason=" (Buffer's export does not name the zone of times written without an offset)",
        columns=dict(ts=F("Date"), text=F("Update"), platform=F("Service"),
                     post_id=F("Service Link", r"(\d{6,}|[^/]+)/?$", "the id at the end of the post's link"),
                     impressions=F("Impressions"), reach=F("Reach"), likes=F("Likes"), comments=F("Comments"),
                     shares=F("Shares"), link_clicks=F("Clicks")),
    ),
    # ------------------------------------------------------------------ LinkedIn
    Profile(
        name="linkedin_shares", title="LinkedIn data download, Shares.csv (your posts, no metrics)",
        how_to_export="LinkedIn → Settings → Data privacy → Get a copy of your data → Shares.csv",
        signature=("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"),
        kind="brand_posts", platform="linkedin", evidence="real",
        columns=dict(post_id=F("ShareLink", r"(\d{15,})", "the post number in its link"), ts=F("Date"),
                     text=F("ShareCommentary")),
        time_format="%Y-%m-%d %H:%M:%S", zone="UTC",
        zone_reason="LinkedIn's data download writes times in UTC (the post numbers in ShareLink carry the "
                    "same times)",
        text_fixes=("linkedin_quotes",),
        lacks=("impressions", "reach", "likes", "shares", "comments", "link_clicks"),
        lacks_why="LinkedIn's data download has no metrics (LinkedIn has no likes here; export your page's "
                  "Content analytics for them)",
    ),
    Profile(
        name="linkedin_page_posts", title="LinkedIn Page analytics, Content export (All posts sheet)",
        how_to_export="LinkedIn Page → Analytics → Content → Export (.xlsx; the 'All posts' sheet)",
        signature=("Post title", "Post link", "Post type", "Created date", "Impressions"),
        kind="brand_posts", platform="linkedin", fmt="xlsx",
        columns=dict(post_id=F("Post link", r"(\d{15,})", "the post number in its link"), ts=F("Created date"),
                     text=F("Post title"), impressions=F("Impressions"), likes=F(("Likes", "Reactions")),
                     comments=F("Comments"), shares=F(("Reposts", "Shares")), link_clicks=F("Clicks")),
        time_format="%m/%d/%Y", day_only=True, lacks=("reach",),
        lacks_why="LinkedIn page analytics give impressions, not reach",
        notes=("The first row of the sheet explains the export; the header is the row under it.",
               "'Clicks' counts clicks on the post, its links and the page name together."),
    ),
    # ------------------------------------------------------------------ YouTube
    Profile(
        name="youtube_studio_table", title="YouTube Studio Analytics, Advanced mode 'Table data.csv'",
        how_to_export="studio.youtube.com → Analytics → Advanced mode → Export current view → CSV → "
                      "Table data.csv",
        signature=("Content", "Video title", "Video publish time"), kind="brand_posts", platform="youtube",
        evidence="real",
        columns=dict(post_id=F("Content", note="the video id"), ts=F("Video publish time"),
                     text=F("Video title"), impressions=F("Impressions"), likes=F("Likes")),
        time_format="%b %d, %Y", day_only=True,
        lacks=("reach", "shares", "comments", "link_clicks"),
        lacks_why="this table has no reach, shares, comments or link clicks (add them in Advanced mode "
                  "before exporting)",
        notes=("The first row is the channel's Total, not a video.",),
    ),
    # ------------------------------------------------------------------ reviews
    Profile(
        name="trustpilot_reviews", title="Trustpilot Business, reviews export",
        how_to_export="businessapp.b2b.trustpilot.com → Reviews → Export reviews (CSV)",
        signature=("Review Created (UTC)", "Review Stars", "Review Content"), kind="reviews",
        platform="trustpilot",
        columns=dict(review_id=F("Review Id"), ts=F("Review Created (UTC)"), stars=F("Review Stars"),
                     text=F("Review Content"), lang=F("Review Language"),
                     response_at=F(("Company Reply Date (UTC)", "Business Reply Date (UTC)"))),
        derived=dict(responded="reply_date_present"),
    ),
    Profile(
        name="google_reviews_json", title="Google Business Profile reviews (Google Takeout reviews.json)",
        how_to_export="takeout.google.com → Google Business Profile → …/reviews.json",
        signature=("starRating", "createTime"), kind="reviews", platform="google", fmt="google_reviews_json",
        zone="UTC", zone_reason="Google writes times in UTC (RFC 3339, ending in Z)",
        columns=dict(review_id=F("reviewId"), ts=F("createTime"),
                     stars=F("starRating", note="ONE … FIVE as 1 … 5"), text=F("comment"),
                     response_at=F("reviewReply.updateTime", note="when the reply was last edited")),
        derived=dict(responded="reply_date_present"),
    ),
)

BY_NAME = {p.name: p for p in PROFILES}


def match(headers) -> Profile | None:
    """The profile whose signature the headers contain (the most specific one), or None.

    Only table profiles (CSV or Excel) are matched on headers; JSON archives are recognised by
    their structure when read.
    """
    keys = {key(h) for h in headers}
    best = None
    for profile in PROFILES:
        if profile.fmt not in ("csv", "xlsx"):
            continue
        if all(key(s) in keys for s in profile.signature):
            if best is None or len(profile.signature) > len(best.signature):
                best = profile
    return best
