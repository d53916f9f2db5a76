"""The load report, what a dashboard can be fed (``feeds``), the profiles as data, and docs/own-data.md in sync."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES
from real_exports import real_exports_dir

from socialkit import data, exports, schema
from socialkit.exports import cleaning, docs, profiles, zones
from socialkit.exports.report import METRICS, feeds

EXPORTS = FIXTURES / "exports"
REPO = Path(__file__).resolve().parents[1]


def test_docs_own_data_page_is_generated_from_the_profiles():
    page = (REPO / "docs" / "own-data.md").read_text(encoding="utf-8")
    assert page == docs.render(), "run: python -m socialkit.exports.docs docs/own-data.md"
    for profile in profiles.PROFILES:
        assert f"Profile `{profile.name}`" in page
        for header in profile.signature:
            assert f"`{header}`" in page


def test_profiles_are_consistent_data():
    names = [p.name for p in profiles.PROFILES]
    assert len(names) == len(set(names))
    for p in profiles.PROFILES:
        assert p.evidence in ("real", "made here")
        assert p.fmt in docs.FORMAT_WORDS
        if p.refusal:
            assert p.kind is None and not p.columns, p.name
            assert p.refusal.endswith(".") and "export" in p.refusal.lower()
            continue
        assert p.kind in schema.TABLES, p.name
        columns = {c.name for c in schema.TABLES[p.kind]}
        assert set(p.columns) <= columns and set(p.derived) <= columns, p.name
        assert set(p.lacks) <= set(METRICS[p.kind]), p.name
        assert not set(p.lacks) & set(p.columns), p.name  # a metric cannot be both read and lacking
        assert set(p.text_fixes) <= set(cleaning.TEXT_FIXES)
        assert set(p.derived.values()) <= {"reply_date_present"}
        # the time column is part of the signature, so a recognised file always has it
        time_headers = {profiles.key(h) for h in p.columns["ts"].headers}
        assert time_headers & {profiles.key(h) for h in p.signature}, p.name
        if p.zone is None and p.time_format not in ("snowflake", "unix") and not p.day_only \
                and "%z" not in (p.time_format or ""):
            assert p.zone_reason or any(zones.zone_named_in(h) for h in p.signature), \
                f"{p.name}: say why the zone is unknown, so the message asking for tz= can say it"


def _loaded_profiles() -> set[str]:
    found = set()
    for path in sorted(EXPORTS.iterdir()) + sorted(real_exports_dir().iterdir()):
        if path.suffix in (".md",):
            continue
        try:
            report = exports.read(path, tz="UTC").report
        except exports.ExportError:
            continue
        found.add(report.profile)
    return found


def test_every_loadable_profile_is_exercised_by_a_real_file_or_a_fixture():
    loadable = {p.name for p in profiles.PROFILES if not p.refusal}
    # the LinkedIn page workbook is built by test_exports_formats at run time
    missing = loadable - _loaded_profiles() - {"linkedin_page_posts"}
    assert not missing, f"no file exercises the profile(s) {sorted(missing)}: add a fixture made here"


def test_profile_matching_prefers_the_most_specific_signature():
    performance = ["Date (GMT)", "Facebook Page", "Post ID", "Post Message", "Reactions", "Comments", "Shares",
                   "Impressions", "Reach"]
    assert profiles.match(performance).name == "hootsuite_post_performance"
    assert profiles.match(performance[:7]).name == "hootsuite_posts"
    assert profiles.match(["date (gmt)", "FACEBOOK PAGE", "post-id", "Post message", "reactions", "comments",
                           "shares"]).name == "hootsuite_posts"  # case and punctuation ignored
    assert profiles.match(["Date", "Network", "Post", "Likes"]) is None
    assert profiles.match(["timestamp", "post"]) is None  # JSON archives are recognised by structure only


def test_zone_resolution_order():
    mbs = profiles.BY_NAME["meta_business_suite_facebook_posts"]
    insights = profiles.BY_NAME["facebook_insights_posts"]
    assert zones.resolve("Date (GMT)", None, None).name == "UTC"
    assert zones.resolve("Review Created (UTC)", None, None).name == "UTC"
    assert zones.resolve("Posted", insights, None).name == "America/Los_Angeles"
    given = zones.resolve("Posted", insights, "Europe/Paris")
    assert given.name == "Europe/Paris" and "instead of America/Los_Angeles" in given.sentence
    assert "instead of UTC, named in the header" in zones.resolve("Date (GMT)", None, "Europe/Paris").sentence
    unknown = zones.resolve("Publish time", mbs, None)
    assert unknown.name is None and "Page's own time zone" in unknown.unknown_why
    with pytest.raises(exports.ExportError, match="tz='Paris' is not a time zone"):
        zones.check("Paris")


def test_report_says_how_columns_were_understood_and_what_was_left_aside():
    loaded = exports.read(EXPORTS / "meta_business_suite_facebook_posts.csv", tz="Europe/Paris")
    report = loaded.report
    summary = str(report)
    assert summary.splitlines()[0] == (f"{EXPORTS / 'meta_business_suite_facebook_posts.csv'}: read as Meta Business "
                                       "Suite, Facebook post insights (one row per post), 3 row(s) loaded as "
                                       "'brand_posts'.")
    assert "text ← 'Title', else 'Description' where it is empty (the caption)" in summary
    assert "likes ← 'Reactions' (all reactions)" in summary
    assert "Kept as they are, not used by the dashboards: 'Page ID'" in summary
    assert "'Views': thousands separators removed in 2 cell(s)" in summary
    assert "Good to know: Figures are lifetime totals" in summary
    assert report.kind == "brand_posts" and report.profile == "meta_business_suite_facebook_posts"
    assert loaded.available_metrics == ("impressions", "reach", "likes", "shares", "comments", "link_clicks")
    assert loaded.missing_metrics == ()
    assert "<LoadedExport 3 rows as 'brand_posts'>" in repr(loaded)


def test_report_of_a_csv_of_your_own():
    table = data.read_export(EXPORTS / "scheduler_posts.csv", "brand_posts", tz="Europe/Paris")
    report = table.attrs["export_report"]
    assert table[table["likes"] > 0].attrs["export_report"] is report  # follows the table, never copied
    assert report.source == "a table with your own column names" and report.profile is None
    assert "text ← 'Post'" in str(report) and "'Tags'" in str(report)
    assert any("read in Europe/Paris, as given with tz='Europe/Paris'" in a for a in report.assumptions)
    assert report.missing_metrics == ()


def test_platform_post_type_is_kept_apart_from_the_editorial_post_type(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("Date,Network,Post,Likes,Post Type\n2025-01-02T10:00:00Z,X,hi,3,Photo\n", encoding="utf-8")
    loaded = exports.read(path, "brand_posts")
    assert loaded.table.loc[0, "Post Type"] == "Photo" and pd.isna(loaded.table.loc[0, "post_type"])
    assert any("platform's post types" in item for item in loaded.report.left_aside)
    own = tmp_path / "own.csv"
    own.write_text("Date,Network,Post,Likes,post_type\n2025-01-02T10:00:00Z,X,hi,3,expertise\n", encoding="utf-8")
    assert exports.read(own, "brand_posts").table.loc[0, "post_type"] == "expertise"


@pytest.mark.parametrize("table, kind, ok", [
    ("mentions", "mentions", {"listening"}),
    ("brand_posts", "brand_posts", {"engagement"}),
    ("reviews", "reviews", {"reviews", "response_times"}),
    ("threads", "threads", {"response_times"}),
])
def test_the_sample_tables_feed_their_dashboards(table, kind, ok):
    fed = feeds(data.load(table), kind)
    assert {name for name, feed in fed.items() if feed.ok} == ok
    assert all(feed.why for feed in fed.values() if not feed.ok)
    if kind in ("mentions", "brand_posts"):
        assert fed[next(iter(ok))].charts_missing == ()  # the sample data can draw every chart


def test_feeds_name_the_charts_that_cannot_be_drawn():
    posts = data.load("brand_posts").head(50)
    no_rates = posts.assign(reach=pd.NA, impressions=pd.NA)
    assert "engagement rate (needs reach or impressions)" in feeds(no_rates, "brand_posts")["engagement"].charts_missing
    no_likes = posts.assign(likes=pd.NA, shares=pd.NA, comments=pd.NA)
    fed = feeds(no_likes, "brand_posts")["engagement"]
    assert not fed.ok and "no likes, shares or comments" in fed.why
    days = feeds(posts, "brand_posts", day_only=True)["engagement"]
    assert days.ok and any("hour of day" in c for c in days.charts_missing)
    mentions = data.load("mentions").head(50)
    unbranded = feeds(mentions.assign(brand=pd.NA), "mentions")["listening"]
    assert unbranded.ok and any("share of voice" in c for c in unbranded.charts_missing)
    spanish = mentions.assign(lang=pd.Categorical(["es"] * 50, categories=["en", "fr", "es"]))
    assert any("sentiment" in c for c in feeds(spanish, "mentions")["listening"].charts_missing)
    no_reply = data.load("reviews").head(20).assign(response_at=pd.NaT)
    fed = feeds(no_reply, "reviews")
    assert fed["reviews"].ok and not fed["response_times"].ok
