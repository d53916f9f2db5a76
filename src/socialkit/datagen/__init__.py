"""Deterministic generator of every sample table (``socialkit data generate --seed --scale --out``).

Each table gets its own ``numpy.random.Generator`` from ``SeedSequence(seed).spawn``, in the
fixed order of ``TABLE_ORDER``, so the same seed and scale always give the same bytes. Tables
that describe one world share it: mentions are written by accounts, threads answer customers,
and so on, which is why the builders run in that order and receive the tables built before them.
"""

from __future__ import annotations

import hashlib
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
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    world = build_tables(seed, scale)
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
    text = pd.DataFrame({c.name: _format(frame[c.name], c) for c in columns})
    return text.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _format(values: pd.Series, column: schema.Column) -> pd.Series:
    """One column as strings in the file format of its schema type."""
    kind = column.type
    if kind in ("str", "category"):
        out = values.astype(object)
        return out.where(out.notna(), "")
    if kind == "int":
        return values.astype("Int64").astype(str).replace("<NA>", "")
    if kind == "float":
        numbers = values.to_numpy(dtype=float)
        rounded = np.round(numbers, FLOAT_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
        text = np.array([f"{x:.{FLOAT_DECIMALS}f}" for x in rounded], dtype=object)
        return pd.Series(np.where(np.isnan(numbers), "", text), index=values.index)
    if kind == "bool":
        return pd.Series(np.where(values.to_numpy(dtype=bool), "true", "false"), index=values.index)
    if kind == "datetime":
        stamps = values.to_numpy(dtype="datetime64[s]")
        text = np.char.add(np.datetime_as_string(stamps, unit="s").astype(object).astype(str), "Z")
        return pd.Series(np.where(np.isnat(stamps), "", text), index=values.index)
    if kind == "date":
        days = values.to_numpy(dtype="datetime64[D]")
        text = np.datetime_as_string(days, unit="D")
        return pd.Series(np.where(np.isnat(days), "", text), index=values.index)
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
