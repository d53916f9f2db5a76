"""socialkit.data.load and `socialkit data check`: typed tables, and a clear error for each kind of breakage."""

import argparse
import json

import pandas as pd
import pytest
from conftest import valid_row, write_table

from socialkit import data, schema

REGEN = "socialkit data generate --seed 2025 --scale 1"


# ---------------------------------------------------------------- types

def test_load_types_every_column_by_the_schema(tiny_datasets):
    df = data.load("threads", folder=tiny_datasets)
    assert list(df.columns) == [c.name for c in schema.TABLES["threads"]]
    assert str(df["opened_at"].dt.tz) == "UTC"
    assert df["opened_at"].iloc[0] == pd.Timestamp("2025-03-14T12:34:56Z")
    assert df["thread_id"].dtype == "str"
    assert isinstance(df["platform"].dtype, pd.CategoricalDtype)
    assert list(df["platform"].cat.categories) == list(schema.PLATFORMS)
    assert df["moved_to_private"].dtype == bool
    assert df["public_replies"].dtype == "int64"
    assert df["sentiment_before"].dtype == "float64"


def test_load_nullable_columns_and_free_categories(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "threads", [
        valid_row("threads", first_response_at="", responder_role="", resolved_at="", category="refund"),
        valid_row("threads", category="delay"),
    ])
    df = data.load("threads", folder=folder)
    assert pd.isna(df["first_response_at"].iloc[0])
    assert df["first_response_at"].iloc[1] == pd.Timestamp("2025-03-14T12:34:56Z")
    assert pd.isna(df["responder_role"].iloc[0])
    assert list(df["category"].cat.categories) == ["delay", "refund"]  # from the data, sorted


def test_load_dates_are_naive_days(tiny_datasets):
    df = data.load("channel_mix", folder=tiny_datasets)
    assert df["month"].dtype.kind == "M"
    assert getattr(df["month"].dt, "tz", None) is None
    assert df["month"].iloc[0] == pd.Timestamp("2025-03-01")


def test_load_returns_a_fresh_copy_each_time(tiny_datasets):
    first = data.load("mentions", folder=tiny_datasets)
    first.loc[0, "likes"] = 999
    first["extra"] = 1
    second = data.load("mentions", folder=tiny_datasets)
    assert second.loc[0, "likes"] == 3
    assert "extra" not in second.columns


def test_load_notices_a_file_changed_after_caching(tiny_datasets):
    data.load("mentions", folder=tiny_datasets)
    csv = tiny_datasets / "mentions.csv"
    csv.write_text(csv.read_text().replace(",3,", ",4,", 1))
    with pytest.raises(data.DataError, match="does not match"):
        data.load("mentions", folder=tiny_datasets)


def test_load_uses_the_datasets_environment_variable(tiny_datasets, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_DATASETS", str(tiny_datasets))
    assert len(data.load("accounts")) == 2


# ---------------------------------------------------------------- errors

def test_unknown_table_lists_the_available_ones(tiny_datasets):
    with pytest.raises(data.DataError) as err:
        data.load("mention", folder=tiny_datasets)
    message = str(err.value)
    assert "no sample table called 'mention'" in message
    assert "accounts, adoption, brand_posts" in message and "mentions" in message


def test_sha_mismatch_says_how_to_regenerate(tiny_datasets):
    path = tiny_datasets / "reviews.csv"
    path.write_text(path.read_text() + path.read_text().splitlines()[1] + "\n")
    with pytest.raises(data.DataError) as err:
        data.load("reviews", folder=tiny_datasets)
    message = str(err.value)
    assert "reviews.csv does not match" in message and "manifest.json" in message
    assert REGEN in message


def test_row_count_mismatch_is_reported(tiny_datasets):
    manifest_path = tiny_datasets / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["reviews"]["rows"] = 3
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(data.DataError, match=r"has 2 rows but .* says 3"):
        data.load("reviews", folder=tiny_datasets)


def test_missing_manifest_and_missing_file(tmp_path, tiny_datasets):
    with pytest.raises(data.DataError, match="manifest.json is missing"):
        data.load("mentions", folder=tmp_path / "nowhere")
    (tiny_datasets / "mentions.csv").unlink()
    with pytest.raises(data.DataError, match=r"mentions.csv is missing.*" + REGEN):
        data.load("mentions", folder=tiny_datasets)


def test_missing_column(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "channel_mix", [valid_row("channel_mix")])
    path = folder / "channel_mix.csv"
    lines = [line.rsplit(",", 1)[0] for line in path.read_text().splitlines()]
    _rewrite_with_manifest(folder, "channel_mix", "\n".join(lines) + "\n")
    with pytest.raises(data.DataError) as err:
        data.load("channel_mix", folder=folder)
    assert "missing column(s) contacts" in str(err.value)
    assert "channel_mix.csv" in str(err.value)


def test_unparseable_date_names_column_and_row(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "mentions", [valid_row("mentions"), valid_row("mentions"),
                                     valid_row("mentions", ts="14/03/2025 12:34")])
    with pytest.raises(data.DataError) as err:
        data.load("mentions", folder=folder)
    assert "column 'ts', row 4" in str(err.value)
    assert "'14/03/2025 12:34' is not a UTC time" in str(err.value)


def test_wrong_type_names_column_and_row(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "mentions", [valid_row("mentions", likes="twelve"), valid_row("mentions")])
    with pytest.raises(data.DataError, match=r"column 'likes', row 2: 'twelve' is not a whole number"):
        data.load("mentions", folder=folder)


def test_value_not_allowed_and_empty_required_cell(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "mentions", [valid_row("mentions"), valid_row("mentions", platform="myspace")])
    with pytest.raises(data.DataError, match=r"column 'platform', row 3: 'myspace' is not an allowed value.*x, linkedin"):
        data.load("mentions", folder=folder)
    write_table(folder, "mentions", [valid_row("mentions", is_question="")])
    with pytest.raises(data.DataError, match=r"column 'is_question', row 2: the cell is empty"):
        data.load("mentions", folder=folder)


def test_empty_file(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "accounts", [valid_row("accounts")])
    _rewrite_with_manifest(folder, "accounts", "")
    with pytest.raises(data.DataError, match=r"accounts.csv is empty\. Regenerate .*" + REGEN):
        data.load("accounts", folder=folder)


def test_non_utf8_file(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "accounts", [valid_row("accounts", city="Montréal")])
    text = (folder / "accounts.csv").read_text(encoding="utf-8")
    _rewrite_with_manifest(folder, "accounts", text.encode("latin-1"))
    with pytest.raises(data.DataError, match=r"accounts.csv is not UTF-8 text"):
        data.load("accounts", folder=folder)


def test_extra_column_is_schema_drift(tmp_path):
    folder = tmp_path / "d"
    write_table(folder, "channel_mix", [valid_row("channel_mix")])
    text = (folder / "channel_mix.csv").read_text().splitlines()
    _rewrite_with_manifest(folder, "channel_mix", f"{text[0]},bonus\n{text[1]},1\n")
    with pytest.raises(data.DataError, match="column.s. bonus are not in the schema"):
        data.load("channel_mix", folder=folder)


def _rewrite_with_manifest(folder, table, content):
    """Replace a table's file and update the manifest, so that only the content is broken."""
    import hashlib

    path = folder / f"{table}.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"][table]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))


# ---------------------------------------------------------------- data check

def test_check_command_passes_on_a_valid_folder(tiny_datasets, capsys):
    code = data.check_command(argparse.Namespace(dir=str(tiny_datasets)))
    out = capsys.readouterr().out
    assert code == 0
    assert out.count("\nok ") + out.startswith("ok ") == len(schema.TABLES)
    assert f"{len(schema.TABLES)} of {len(schema.TABLES)} tables ok" in out


def test_check_command_fails_on_a_changed_file(tiny_datasets, capsys):
    (tiny_datasets / "reviews.csv").write_text("review_id\n")
    code = data.check_command(argparse.Namespace(dir=str(tiny_datasets)))
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  reviews" in out and REGEN in out
    assert "ok    mentions" in out
    assert "1 problem(s)" in out


def test_check_command_through_the_cli(tiny_datasets, capsys):
    from socialkit.cli import main

    assert main(["data", "check", "--dir", str(tiny_datasets)]) == 0
    (tiny_datasets / "manifest.json").unlink()
    assert main(["data", "check", "--dir", str(tiny_datasets)]) == 1
    assert "manifest.json is missing" in capsys.readouterr().out


# ---------------------------------------------------------------- the committed sample data

def test_committed_mentions_are_typed(committed_datasets):
    df = data.load("mentions", folder=committed_datasets)
    assert len(df) > 1000
    assert str(df["ts"].dt.tz) == "UTC"
    assert df["ts"].dt.year.eq(2025).all()
    assert list(df["brand"].cat.categories) == list(schema.BRANDS)
    assert list(df["true_sentiment"].cat.categories) == list(schema.SENTIMENTS)
    assert df["is_question"].dtype == bool
    assert df["likes"].dtype == "int64"
    assert df["post_id"].is_unique


def test_committed_threads_have_nullable_times(committed_datasets):
    df = data.load("threads", folder=committed_datasets)
    assert str(df["first_response_at"].dt.tz) == "UTC"
    assert df["first_response_at"].isna().any()
    answered = df.dropna(subset=["first_response_at"])
    assert (answered["first_response_at"] >= answered["opened_at"]).all()


def test_every_committed_table_passes_the_check(committed_datasets, capsys):
    assert data.check_command(argparse.Namespace(dir=str(committed_datasets))) == 0


# ---------------------------------------------------------------- exports: time zones (review)

def test_read_export_day_month_year_with_dashes_is_not_mistaken_for_a_time_zone(tmp_path):
    """'14-03-2025' ends like a '-20:25' offset: it is a day (midnight UTC of that day, whatever the zone), never
    a time with an offset; a time in the same form still needs its zone."""
    path = tmp_path / "mentions.csv"
    path.write_text("date,platform,text\n14-03-2025,x,hello\n", encoding="utf-8")
    for tz in ("Europe/Paris", None):
        out = data.read_export(path, "mentions", date_format="%d-%m-%Y", tz=tz)
        assert out["ts"].iloc[0] == pd.Timestamp("2025-03-14T00:00Z")
    path.write_text("date,platform,text\n14-03-2025 10:00,x,hello\n", encoding="utf-8")
    out = data.read_export(path, "mentions", date_format="%d-%m-%Y %H:%M", tz="Europe/Paris")
    assert out["ts"].iloc[0] == pd.Timestamp("2025-03-14T09:00Z")
    with pytest.raises(data.ExportError, match="has no time zone"):
        data.read_export(path, "mentions", date_format="%d-%m-%Y %H:%M")


def test_read_export_explains_an_unknown_time_zone(tmp_path):
    path = tmp_path / "mentions.csv"
    path.write_text("date,platform,text\n2025-03-14 10:00,x,hello\n", encoding="utf-8")
    with pytest.raises(data.ExportError, match=r"tz='Europe/Pariss' is not a time zone.*Europe/Paris"):
        data.read_export(path, "mentions", tz="Europe/Pariss")
