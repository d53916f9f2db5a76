"""socialkit.data.read_export on realistic exports, and one specific message per kind of broken file."""

import pandas as pd
import pytest
from conftest import FIXTURES

from socialkit import analytics, data, schema
from socialkit.data import ExportError

EXPORTS = FIXTURES / "exports"


def write(tmp_path, text, name="export.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------- realistic exports

def test_scheduler_export_with_excel_bom_and_local_times():
    posts = data.read_export(EXPORTS / "scheduler_posts.csv", "brand_posts", tz="Europe/Paris")
    assert list(posts.columns[:16]) == [c.name for c in schema.TABLES["brand_posts"]]
    assert list(posts.columns[16:]) == ["Tags"]  # unknown columns kept, after the schema's
    assert posts["platform"].tolist() == ["x", "linkedin", "instagram", "x", "facebook"]
    assert list(posts["platform"].cat.categories) == list(schema.PLATFORMS)
    # 08:30 in Paris in March (UTC+1) is 07:30 UTC; after the clocks change on 30 March, UTC+2
    assert posts["ts"].iloc[0] == pd.Timestamp("2025-03-14T07:30:00Z")
    assert posts["ts"].iloc[4] == pd.Timestamp("2025-03-30T01:30:00Z")
    assert posts["likes"].dtype == "int64"  # required → plain int
    assert posts["reach"].dtype == "Int64"  # optional → nullable
    assert pd.isna(posts["link_clicks"].iloc[2])  # an empty optional cell stays missing
    assert posts["post_id"].isna().all()  # absent optional column, filled with missing values
    assert posts["text"].iloc[2] == "Latte art, Saturday edition ☕"
    # the analytics run on it unchanged: (34+5+9 + 120+18+22 + 310+21+4 + 15+27+2 + 8+3+1) / Σ reach
    assert analytics.engagement_rate(posts) == pytest.approx(599 / 7810 * 100)


def test_single_network_export_with_offsets_and_platform_argument():
    posts = data.read_export(EXPORTS / "facebook_page_posts.csv", "brand_posts", platform="facebook")
    assert (posts["platform"] == "facebook").all()
    assert posts["post_id"].tolist() == ["1234567890_111", "1234567890_112", "1234567890_113"]
    assert posts["ts"].iloc[0] == pd.Timestamp("2025-04-02T07:15:00Z")
    assert posts["impressions"].tolist() == [5300, 3100, 2750]
    assert posts["reach"].tolist() == [4100, 2600, 2100]
    assert posts["likes"].tolist() == [220, 180, 95]
    assert posts["link_clicks"].tolist() == [66, 0, 41]


def test_listening_export_normalises_platform_and_language_names():
    mentions = data.read_export(EXPORTS / "listening_mentions.csv", "mentions")
    assert mentions["platform"].tolist() == ["x", "linkedin", "instagram"]
    assert mentions["lang"].tolist() == ["fr", "en", "en"]
    assert mentions["author_id"].tolist() == ["@marie_lyon", "@coffee_geek", "@bxl_brunch"]
    assert mentions["shares"].tolist() == [0, 6, 2]  # from "Retweets"
    assert mentions["is_question"].dtype == "boolean"
    # a tool's automatic "Sentiment" is not the human label: kept as its own column
    assert mentions["true_sentiment"].isna().all()
    assert mentions["Sentiment"].tolist() == ["negative", "positive", "positive"]


def test_yes_no_values_and_case_insensitive_categories(tmp_path):
    path = write(tmp_path, "Date,Network,Text,Is question,Brand\n"
                           "2025-01-02T10:00:00Z,TikTok,hello,yes,Lumiere\n"
                           "2025-01-02T11:00:00Z,tiktok,bye,No,GRANO\n")
    out = data.read_export(path, "mentions")
    assert out["is_question"].tolist() == [True, False]
    assert out["brand"].tolist() == ["lumiere", "grano"]


# ---------------------------------------------------------------- broken exports

def test_unknown_kind_lists_the_kinds(tmp_path):
    with pytest.raises(ExportError) as err:
        data.read_export(EXPORTS / "scheduler_posts.csv", "posts")
    assert "Unknown kind 'posts'" in str(err.value)
    assert "brand_posts" in str(err.value) and "mentions" in str(err.value)


def test_missing_required_column(tmp_path):
    path = write(tmp_path, "Date,Post,Likes\n2025-01-02T10:00:00Z,hi,3\n")
    with pytest.raises(ExportError) as err:
        data.read_export(path, "brand_posts")
    message = str(err.value)
    assert str(path) in message
    assert "missing column(s) 'platform'" in message
    assert "network, channel" in message  # the names it would have accepted
    assert "pass platform='facebook'" in message


def test_unparseable_date_names_file_column_and_row(tmp_path):
    path = write(tmp_path, "Published at,Network,Post,Likes\n"
                           "2025-01-02T10:00:00Z,X,hi,3\n"
                           "2025-01-02T11:00:00Z,X,hi,3\n"
                           "yesterday,X,hi,3\n")
    with pytest.raises(ExportError) as err:
        data.read_export(path, "brand_posts")
    message = str(err.value)
    assert f"{path}: column 'Published at' (read as ts), row 4: 'yesterday' is not a date" in message
    assert "date_format=" in message


def test_non_iso_dates_need_an_explicit_format(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n14/03/2025 12:34,X,hi,3\n")
    with pytest.raises(ExportError, match=r"row 2: '14/03/2025 12:34' is not a date"):
        data.read_export(path, "brand_posts", tz="UTC")
    out = data.read_export(path, "brand_posts", tz="UTC", date_format="%d/%m/%Y %H:%M")
    assert out["ts"].iloc[0] == pd.Timestamp("2025-03-14T12:34:00Z")


def test_times_without_zone_need_tz(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-03-14 12:34,X,hi,3\n")
    with pytest.raises(ExportError, match=r"column 'Date' \(read as ts\), row 2: .* has no time zone.*tz='Europe/Paris'"):
        data.read_export(path, "brand_posts")
    assert data.read_export(path, "brand_posts", tz="UTC")["ts"].iloc[0] == pd.Timestamp("2025-03-14T12:34Z")


def test_mixed_zones_and_clock_change_are_errors(tmp_path):
    mixed = write(tmp_path, "Date,Network,Post,Likes\n2025-03-14T12:34Z,X,a,1\n2025-03-14 13:00,X,b,1\n")
    with pytest.raises(ExportError, match=r"row 3: '2025-03-14 13:00' has no time zone while other rows have one"):
        data.read_export(mixed, "brand_posts", tz="UTC")
    gap = write(tmp_path, "Date,Network,Post,Likes\n2025-03-30 02:30,X,a,1\n", name="gap.csv")
    with pytest.raises(ExportError, match=r"row 2: '2025-03-30 02:30' does not exist or happens twice in Europe/Paris"):
        data.read_export(gap, "brand_posts", tz="Europe/Paris")


def test_text_in_a_number_column(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,hi,3\n2025-01-02T10:00:00Z,X,hi,n/a\n")
    with pytest.raises(ExportError, match=r"column 'Likes' \(read as likes\), row 3: 'n/a' is not a whole number"):
        data.read_export(path, "brand_posts")
    for bad in ("inf", "12.5", "12 likes"):
        path = write(tmp_path, f"Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,hi,{bad}\n", name="b.csv")
        with pytest.raises(ExportError, match=rf"row 2: '{bad}' is not a whole number"):
            data.read_export(path, "brand_posts")


def test_decimal_comma_gets_its_own_advice(tmp_path):
    path = write(tmp_path, "year,technology,country,pct_adults,source\n2021,internet,France,\"92,5\",INSEE\n")
    with pytest.raises(ExportError, match=r"column 'pct_adults', row 2: '92,5' is not a number\. .*decimal comma"):
        data.read_export(path, "adoption")


def test_value_not_allowed(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,Myspace,hi,3\n")
    with pytest.raises(ExportError, match=r"column 'Network' \(read as platform\), row 2: 'Myspace' is not an "
                                          r"allowed value\. Use one of: x, linkedin, instagram, facebook, tiktok"):
        data.read_export(path, "brand_posts")
    with pytest.raises(ExportError, match="platform='myspace' is not a platform"):
        data.read_export(EXPORTS / "facebook_page_posts.csv", "brand_posts", platform="myspace")


def test_empty_required_cell_and_bad_yes_no(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,hi,\n")
    with pytest.raises(ExportError, match=r"column 'Likes' \(read as likes\), row 2: the cell is empty"):
        data.read_export(path, "brand_posts")
    path = write(tmp_path, "Date,Network,Text,is_question\n2025-01-02T10:00:00Z,X,hi,maybe\n", name="q.csv")
    with pytest.raises(ExportError, match=r"column 'is_question', row 2: 'maybe' is not a yes/no value"):
        data.read_export(path, "mentions")


def test_empty_file_and_header_only(tmp_path):
    with pytest.raises(ExportError, match=r"export.csv: the file is empty"):
        data.read_export(write(tmp_path, ""), "brand_posts")
    with pytest.raises(ExportError, match=r"header row but no data rows"):
        data.read_export(write(tmp_path, "Date,Network,Post,Likes\n\n", name="h.csv"), "brand_posts")


def test_non_utf8_file_says_how_to_save_it(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,Très bon café,3\n",
                 encoding="cp1252")
    with pytest.raises(ExportError) as err:
        data.read_export(path, "brand_posts")
    message = str(err.value)
    assert "is not UTF-8 text (byte 0xe8 in row 2)" in message
    assert "CSV UTF-8 (Comma delimited)" in message


def test_semicolon_csv_needs_sep(tmp_path):
    path = write(tmp_path, "Date;Network;Post;Likes\n2025-01-02T10:00:00Z;X;hi;3\n")
    with pytest.raises(ExportError, match=r"separated by ';'.*sep=';'"):
        data.read_export(path, "brand_posts")
    assert data.read_export(path, "brand_posts", sep=";")["likes"].tolist() == [3]


def test_two_headers_for_one_column_is_an_error(tmp_path):
    path = write(tmp_path, "Date,Published at,Network,Post,Likes\n2025-01-02T10:00:00Z,2025-01-02T10:00:00Z,X,hi,3\n")
    with pytest.raises(ExportError, match=r"'Date', 'Published at' could each be the 'ts' column"):
        data.read_export(path, "brand_posts")


def test_row_with_extra_cells_and_blank_lines_keep_row_numbers(tmp_path):
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,hi,3\n"
                           "2025-01-02T10:00:00Z,X,hi, there,3\n")
    with pytest.raises(ExportError, match=r"row 3: the row has 5 cells but the header has 4.*quote"):
        data.read_export(path, "brand_posts")
    path = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,hi,3\n\n"
                           "2025-01-02T10:00:00Z,X,hi,many\n", name="blank.csv")
    with pytest.raises(ExportError, match=r"row 4: 'many'"):
        data.read_export(path, "brand_posts")
    ok = write(tmp_path, "Date,Network,Post,Likes\n2025-01-02T10:00:00Z,X,hi,3\n\n", name="ok.csv")
    assert len(data.read_export(ok, "brand_posts")) == 1


def test_missing_file(tmp_path):
    with pytest.raises(ExportError, match="no such file"):
        data.read_export(tmp_path / "nope.csv", "brand_posts")


# ---------------------------------------------------------------- the reference survey figures

def test_reference_adoption_figures_fit_the_schema_and_name_their_sources():
    from socialkit.paths import PACKAGE_DIR

    adoption = data.read_export(PACKAGE_DIR / "reference" / "adoption.csv", "adoption")
    assert len(adoption) >= 40
    assert adoption["pct_adults"].between(0, 100).all()
    assert adoption["source"].str.contains(r"\(\d{4}|\d{4}\)").all()  # a publication year
    linked = adoption["source"].str.contains(r"https?://")  # and where to read it, on the publisher's page or a
    unlinked = adoption.loc[~linked, "source"]  # named quote; a report found only on a copy site: its number, no link
    assert len(unlinked) <= 1 and unlinked.str.contains(r"rapport n\. \d+").all()
    assert not adoption.duplicated(["year", "technology", "country"]).any()
    # enough points to fit a diffusion curve for at least two technologies
    points = adoption.groupby(["technology", "country"], observed=True).size()
    assert (points >= 6).sum() >= 2


def test_export_columns_documents_what_each_kind_needs():
    table = data.export_columns("brand_posts")
    assert table.loc["ts", "required"] and table.loc["likes", "required"]
    assert not table.loc["reach", "required"]
    assert "published_at" in table.loc["ts", "also_accepted"]
    assert table.loc["platform", "allowed_values"] == "x, linkedin, instagram, facebook, tiktok"
    assert data.export_columns("channel_mix")["required"].all()  # kinds without a list need everything
    with pytest.raises(ExportError, match="Unknown kind 'tweets'"):
        data.export_columns("tweets")
