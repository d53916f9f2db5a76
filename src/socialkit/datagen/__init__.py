"""Deterministic generator of every sample table (``socialkit data generate --seed --scale --out``).

Each table gets its own ``numpy.random.Generator`` from ``SeedSequence(seed).spawn``, in the
fixed order of ``TABLE_ORDER``, so the same seed and scale always give the same bytes. Tables
that describe one world share it: mentions are written by accounts, threads answer customers,
and so on, which is why the builders run in that order and receive the tables built before them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from socialkit import schema

# Spawn order of the per-table random generators: never reorder (it would change every table).
TABLE_ORDER = (
    "accounts", "mentions", "brand_posts", "threads", "contacts", "connections",
    "meeting_candidates", "employees", "employee_posts", "reviews", "competitor_metrics",
    "channel_mix", "adoption",
)
FLOAT_DECIMALS = 3
FLOAT_DECIMALS_BY_COLUMN = {"pct_adults": 1}  # survey percentages are published to one decimal at most


def _builders():
    """The function that builds each table, imported lazily."""
    from socialkit.datagen import brand, market, people, social
    return {
        "accounts": lambda rng, scale, world: social.build_accounts(rng, scale),
        "mentions": lambda rng, scale, world: social.build_mentions(rng, scale, world["accounts"]),
        "brand_posts": lambda rng, scale, world: brand.build_brand_posts(rng, scale, world["accounts"]),
        "threads": lambda rng, scale, world: brand.build_threads(rng, scale, world["accounts"]),
        "contacts": lambda rng, scale, world: people.build_contacts(rng, scale),
        "connections": lambda rng, scale, world: people.build_connections(rng, scale, world["contacts"]),
        "meeting_candidates": lambda rng, scale, world: people.build_meeting_candidates(rng, scale),
        "employees": lambda rng, scale, world: people.build_employees(rng, scale),
        "employee_posts": lambda rng, scale, world: people.build_employee_posts(rng, scale, world["employees"]),
        "reviews": lambda rng, scale, world: market.build_reviews(rng, scale),
        "competitor_metrics": lambda rng, scale, world: market.build_competitor_metrics(rng, scale),
        "channel_mix": lambda rng, scale, world: market.build_channel_mix(rng, scale),
        "adoption": lambda rng, scale, world: market.build_adoption(rng, scale),
    }


def build_tables(seed: int = 2025, scale: float = 1) -> dict[str, pd.DataFrame]:
    """Every table of the sample world as DataFrames (with helper columns not written to CSV)."""
    _check_arguments(seed, scale)
    children = np.random.SeedSequence(seed).spawn(len(TABLE_ORDER))
    builders = _builders()
    world: dict[str, pd.DataFrame] = {}
    for name, child in zip(TABLE_ORDER, children):
        if name in builders:
            world[name] = builders[name](np.random.default_rng(child), scale, world)
    return world


def generate(seed: int = 2025, scale: float = 1, out: Path | str = "datasets") -> dict[str, int]:
    """Write every table as ``<table>.csv`` plus ``manifest.json`` into ``out``; return rows per table."""
    world = build_tables(seed, scale)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    entries = {}
    for name in TABLE_ORDER:
        if name not in world:
            continue
        frame = world[name]
        data = to_csv_bytes(name, frame)
        path = out / f"{name}.csv"
        path.write_bytes(data)
        entries[name] = {"file": path.name, "rows": len(frame), "sha256": hashlib.sha256(data).hexdigest()}
    manifest = {"seed": seed, "scale": _plain_number(scale), "tables": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return {name: entry["rows"] for name, entry in entries.items()}


def generate_command(args) -> int:
    """``socialkit data generate``: write the tables and print one line per table and the time taken."""
    started = time.perf_counter()
    rows = generate(seed=args.seed, scale=args.scale, out=Path(args.out))
    elapsed = time.perf_counter() - started
    width = max(len(name) for name in rows)
    for name, count in rows.items():
        print(f"{name:<{width}}  {count:>9,} rows")
    print(f"Wrote {len(rows)} tables to {args.out} (seed {args.seed}, scale {_plain_number(args.scale)}) "
          f"in {elapsed:.1f} s.")
    return 0


def to_csv_bytes(name: str, frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV bytes: schema columns in order, ISO dates, true/false, empty = missing."""
    columns = schema.columns(name)
    missing = [c.name for c in columns if c.name not in frame.columns]
    if missing:
        raise RuntimeError(f"The generator made no column {missing} for table {name!r}; this is a bug in datagen.")
    cells = [_format(frame[c.name], c) for c in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")  # minimal quoting, like pandas.to_csv
    writer.writerow([c.name for c in columns])
    writer.writerows(zip(*cells))
    return buffer.getvalue().encode("utf-8")


def _format(values: pd.Series, column: schema.Column) -> list[str]:
    """One column as strings in the file format of its schema type."""
    kind = column.type
    if kind in ("str", "category"):
        out = values.to_numpy(dtype=object)
        return np.where(pd.isna(out), "", out).tolist()
    if kind == "int":
        ints = values.astype("Int64")
        text = ints.fillna(0).to_numpy(dtype=np.int64).astype(str)
        return np.where(ints.isna().to_numpy(), "", text).tolist()
    if kind == "float":
        numbers = values.to_numpy(dtype=float)
        decimals = FLOAT_DECIMALS_BY_COLUMN.get(column.name, FLOAT_DECIMALS)
        rounded = np.round(numbers, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
        text = [f"{x:.{decimals}f}" for x in rounded.tolist()]
        return np.where(np.isnan(numbers), "", np.array(text, dtype=object)).tolist()
    if kind == "bool":
        known = values.notna().to_numpy()
        truth = values.astype("boolean").fillna(False).to_numpy(dtype=bool)
        return np.where(known, np.where(truth, "true", "false"), "").tolist()
    if kind == "datetime":
        stamps = values.to_numpy(dtype="datetime64[s]")
        text = np.strings.add(np.datetime_as_string(stamps, unit="s"), "Z")
        return np.where(np.isnat(stamps), "", text).tolist()
    if kind == "date":
        days = values.to_numpy(dtype="datetime64[D]")
        return np.where(np.isnat(days), "", np.datetime_as_string(days, unit="D")).tolist()
    raise RuntimeError(f"Unknown column type {kind!r} for {column.name!r} in schema.py.")


def _plain_number(x: float) -> int | float:
    """2.0 -> 2 so that the manifest reads the same whether scale came as an int or a float."""
    return int(x) if float(x).is_integer() else float(x)


def _check_arguments(seed: int, scale: float) -> None:
    """Refuse a seed or scale that cannot make a sensible world, saying what to pass instead."""
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"The seed must be a whole number of 0 or more (got {seed!r}); the committed data use 2025.")
    if not np.isfinite(scale) or scale <= 0 or scale > 1000:
        raise ValueError(f"The scale must be a number above 0 and at most 1000 (got {scale!r}); 1 makes the committed data.")
