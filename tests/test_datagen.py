"""The generator: byte-identical regeneration, seeds, scale, the CSV format contract and the CLI."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest

from socialkit import schema
from socialkit.cli import main
from socialkit.datagen import generate

DATASETS = Path(__file__).resolve().parents[1] / "datasets"
FIXED_SIZE = {"competitor_metrics", "channel_mix", "adoption"}  # monthly or sourced: do not scale
FORMATS = {
    "datetime": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"),
    "date": re.compile(r"\d{4}-\d\d-\d\d"),
    "bool": re.compile(r"true|false"),
    "int": re.compile(r"-?\d+"),
    "float": re.compile(r"-?\d+\.\d{1,3}"),
}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    """The tables regenerated at seed 2025, scale 1 through the command line."""
    out = tmp_path_factory.mktemp("seed2025")
    assert main(["data", "generate", "--seed", "2025", "--scale", "1", "--out", str(out)]) == 0
    return out


def test_regenerating_gives_the_committed_bytes(regenerated):
    committed = sorted(p.name for p in DATASETS.iterdir() if p.suffix in (".csv", ".json"))
    assert committed == sorted(p.name for p in regenerated.iterdir())
    for name in committed:
        assert (regenerated / name).read_bytes() == (DATASETS / name).read_bytes(), f"{name} differs"


def test_every_schema_table_is_written_with_its_columns_in_order():
    assert {p.stem for p in DATASETS.glob("*.csv")} == set(schema.TABLES)
    for table, columns in schema.TABLES.items():
        with open(DATASETS / f"{table}.csv", encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [c.name for c in columns], table


def test_cells_follow_the_file_format():
    for table, columns in schema.TABLES.items():
        raw = (DATASETS / f"{table}.csv").read_bytes()
        assert b"\r" not in raw, f"{table}: line endings must be \\n"
        with open(DATASETS / f"{table}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))[1:]
        for j, col in enumerate(columns):
            cells = [row[j] for row in rows]
            if not col.nullable:
                assert "" not in cells, f"{table}.{col.name} has empty cells"
            pattern = FORMATS.get(col.type)
            if pattern:
                bad = next((c for c in cells if c and not pattern.fullmatch(c)), None)
                assert bad is None, f"{table}.{col.name}: {bad!r}"
            if col.type == "category" and col.values:
                assert set(cells) - {""} <= set(col.values), f"{table}.{col.name}"


def test_manifest_lists_each_file_with_rows_and_sha256():
    text = (DATASETS / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert text == json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert manifest["seed"] == 2025 and manifest["scale"] == 1
    assert set(manifest["tables"]) == set(schema.TABLES)
    for table, entry in manifest["tables"].items():
        data = (DATASETS / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        with open(DATASETS / entry["file"], encoding="utf-8", newline="") as handle:
            assert entry["rows"] == sum(1 for _ in csv.reader(handle)) - 1


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    first = generate(seed=11, scale=0.2, out=tmp_path / "a")
    second = generate(seed=11, scale=0.2, out=tmp_path / "b")
    generate(seed=12, scale=0.2, out=tmp_path / "c")
    assert first == second
    for table in schema.TABLES:
        same = (tmp_path / "a" / f"{table}.csv").read_bytes() == (tmp_path / "b" / f"{table}.csv").read_bytes()
        assert same, table
        if table != "adoption":  # real figures: the same whatever the seed
            assert (tmp_path / "a" / f"{table}.csv").read_bytes() != (tmp_path / "c" / f"{table}.csv").read_bytes(), table
    assert json.loads((tmp_path / "c" / "manifest.json").read_text())["seed"] == 12


def test_scale_two_doubles_the_rows(tmp_path):
    committed = json.loads((DATASETS / "manifest.json").read_text())["tables"]
    rows = generate(seed=2025, scale=2, out=tmp_path)
    for table, n in rows.items():
        base = committed[table]["rows"]
        if table in FIXED_SIZE:
            assert n == base, table
        else:
            assert 1.9 * base <= n <= 2.1 * base, (table, base, n)
    assert json.loads((tmp_path / "manifest.json").read_text())["scale"] == 2


def test_command_prints_one_line_per_table_and_the_time(tmp_path, capsys):
    assert main(["data", "generate", "--seed", "3", "--scale", "0.1", "--out", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == len(schema.TABLES) + 1
    for table, line in zip(schema.TABLES, lines):
        assert re.fullmatch(rf"{table}\s+[\d,]+ rows", line), line
    assert re.search(r"in \d+\.\d s\.$", lines[-1])


@pytest.mark.parametrize("argv, message", [
    (["--seed", "-1"], "The seed must be a whole number"),
    (["--scale", "0"], "The scale must be a number above 0"),
    (["--scale", "nan"], "The scale must be a number above 0"),
])
def test_bad_arguments_get_a_clear_error(tmp_path, capsys, argv, message):
    assert main(["data", "generate", *argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert not any(tmp_path.iterdir()), "nothing is written after a refused argument"


def test_datasheet_is_up_to_date_and_covers_every_table():
    from socialkit.datagen.datasheet import render_folder

    sheet = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert sheet == render_folder(DATASETS), "run: python -m socialkit.datagen.datasheet datasets"
    for table, columns in schema.TABLES.items():
        assert f"### `{table}`" in sheet
        for col in columns:
            assert f"| `{col.name}` |" in sheet
    assert "CC0" in sheet, "the datasheet must state the licence"


def test_datasheet_renders_open_category_values_from_the_data(tmp_path):
    from socialkit.datagen.datasheet import render_folder

    generate(seed=4, scale=0.05, out=tmp_path)
    sheet = render_folder(tmp_path)
    assert "in the data: `allergy_info`" in sheet
    assert "- **Rows:** " in sheet
