"""The datasheet ``datasets/README.md``: prose per table plus column tables rendered from schema.py.

Run ``python -m socialkit.datagen.datasheet [DIR]`` after regenerating to rewrite it; a test checks
that the committed datasheet equals what this renders, so it never drifts from the data.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from socialkit import schema

INTRO = """\
# Sample data: datasheet

Synthetic social-media data about **Café Lumière** (coffee roaster and cafés, head office in
Lyon; cafés in Lyon, Paris, Brussels, London and Montréal) and its two competitors, **Grano &
Co** (digital-savvy, growing fast) and **Maison Torréfaction** (traditional, nearly absent from
social media), over calendar year 2025. Every person, account, post, review and number in
these tables is invented, except the `adoption` table, which holds real published survey
figures with their sources.

- **Made by** `socialkit data generate --seed 2025 --scale 1` (module `socialkit.datagen`). The
  committed files are exactly what that command writes; `datasets/manifest.json` records each
  file's row count and SHA-256, and `socialkit data check` verifies them. Regenerate with the same
  command; `--scale N` multiplies the row counts (the monthly tables and `adoption` keep their
  size) for performance work.
- **Determinism.** One `numpy.random.default_rng` per table, each from
  `numpy.random.SeedSequence(seed).spawn(13)` in a fixed table order; no `hash()`, no set
  order, no clock, no network. Same seed and scale, same bytes.
- **File format.** UTF-8 CSV with a header row, columns in the order below, `\\n` line
  endings. Timestamps are UTC in ISO 8601 (`2025-03-14T12:34:56Z`); the French cafés live on
  Europe/Paris time (UTC+1, UTC+2 from 30 March to 26 October 2025), so convert before reading
  hours of the day. Dates are `2025-03-01`; booleans `true`/`false`; a missing value is an empty
  cell (only where a column says it may be empty); decimals are rounded to 3 places
  (`pct_adults` to 1). Rates stored in the data are fractions from 0 to 1.
- **Load it** in a notebook with `socialkit.data.load("mentions")`, which returns typed columns
  (UTC datetimes, categories, booleans) and checks the file against the manifest.
- **Licence.** The synthetic tables are dedicated to the public domain under
  [CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/). The `adoption` rows are facts
  published by the organisations named in their `source` column (Pew Research Center, Insee,
  CREDOC, Eurostat …); cite those publications, whose own terms apply, when you reuse them.
- **Limits.** The data are made to teach, not to describe any real company: the effects are
  cleaner and larger than in real life, and text comes from a small template grammar, so
  wording repeats. Do not draw conclusions about real brands, cities or people from them.

## The story built into the data (dates in 2025, UTC)

| when | what happens | where to see it |
|---|---|---|
| all year | Café Lumière's mention volume is steady (about 52 a day); Grano & Co's doubles (27 → 54 a day); Maison Torréfaction's fades (16 → 11) | `mentions`, `competitor_metrics` |
| all year | Grano & Co gains followers every month (about +5% a month, fastest on TikTok) and its average rating climbs (≈3.9 → 4.4 stars); Maison Torréfaction, present only on Facebook and Instagram, is flat or falling, its rating slipping (≈3.9 → 3.5) | `competitor_metrics`, `reviews` |
| all year | sustainability becomes a rising topic of conversation (about 4× its January share by December); ordering through Grano's app too | `mentions.topic` |
| 17 Mar – 25 May | spring employee-advocacy experiment: half of the opted-in employees' posts use a new behind-the-scenes format (`is_experiment`); they are shared and liked more, while complaints (the guardrail) do not rise significantly | `employee_posts` |
| Mon 7 Apr, 07:40 | an **intern** posts on Café Lumière's main X account a joke mocking customers who take milk (post `B…` with `author_role = intern`; text starts "Still ordering oat-milk caramel lattes?") | `brand_posts` |
| 7 – 13 Apr | **backlash**: Café Lumière's mentions jump from about 50 to over 500 a day, the negative share from about 14% to over 70%, then fade over about a week (topic `controversy`; most say #BoycottLumiere, "delete the post" …); care threads about the post (`category = brand_post`) while the care team's replies slow down; one-star reviews quoting the post; unfollows in the April `competitor_metrics` and a dip in response rate | `mentions`, `threads`, `reviews`, `competitor_metrics` |
| Tue 8 Apr, 08:15 | the CEO's apology (`author_role = executive`), widely read | `brand_posts` |
| Dec | a festive-season lift in mentions | `mentions` |

## Properties built in on purpose (tests in `tests/test_data_properties.py` check each)

- **Heavy tails.** Followers are lognormal by role (customers' median ≈ 240, influencers'
  ≈ 15,000): median in the hundreds, 99th percentile above 10,000, a handful above 100,000.
  Likes on a mention grow as followers^0.6, so the engagement rate falls as audiences grow.
- **Rhythm.** Posting follows the local hour of day (quiet from 2 to 5 h, peaks at lunch and
  from 19 to 21 h; LinkedIn peaks in working hours) and the weekday (LinkedIn about a quarter as
  busy at weekends, X about a third quieter; Instagram and TikTok busier).
- **Care.** First replies are lognormal (median about 2 h, long tail); the care team works
  Monday to Friday 7–23 h Lyon time, so weekend posts wait until Monday morning; about 15% of
  complaints are never answered; threads moved to a private message are resolved far more often
  (≈ 76% against 41%); experts and executives resolve more and recover more sentiment than interns.
- **Brand posts.** Automated promotions earn about a quarter of the engagement rate (by reach) of
  conversation and expertise posts; posts by experts and executives draw many more replies from
  industry leaders.
- **Reviews** are J-shaped: many 5s, some 1s, few 2s and 3s, so the mean hides the shape.
- **Ground truth** for the lessons that compare a tool with the truth: `mentions.true_sentiment`
  (what a human reader would say), `employee_posts.policy_label` (the policy review's verdict)
  and `meeting_candidates.valuable` (whether the contact proved valuable, known for the people met).
- **Text** in English and French from template grammars with slots (product, feature,
  intensifier, emoji, #hashtag, @handle, city). On purpose, some texts fool automatic scorers:
  negated praise ("not bad at all", "pas mal du tout"), negated criticism ("pas terrible" means
  "not good"), slang where a negative-looking word is praise ("c'est terrible", "this slaps"),
  and sarcasm ("great, another 40-minute wait at @cafelumiere 🙄") labelled negative. Some
  harmless employee posts use words a naive filter flags ("killer crema", "insane"); some
  violations use no rude word at all.
- **Network.** Contacts cluster by city (strong ties, about 14 interactions a year); friends of
  friends in the same city often know each other (triangles), so strong ties rarely bridge two
  groups. A dozen brokers (senior traders, journalists, consultants) link every continent through
  weak ties (about 3 a year, mostly made in the last ten years, when ties at home built up over
  decades), which are most of the network's local bridges. P0001 is the learner, Café Lumière's managing director (named "You"): her own contacts
  are all in Europe, so she reaches other continents only through brokers.
"""

TABLE_NOTES = {
    "accounts": ("Social accounts that talk about the three brands, and the brands' own accounts "
                 "(A00001–A00005 are Café Lumière's: main, Paris, Brussels, London, Montréal; A00006 Grano & Co; "
                 "A00007 Maison Torréfaction). `role` says who the account is to Café Lumière.",
                 "01 listen, 02 speak, 04 expertise"),
    "mentions": ("Public posts that name one of the three brands, with engagement and a human sentiment "
                 "label. Includes the April backlash (topic `controversy`).",
                 "01 listen, 02 speak, 03 debate"),
    "brand_posts": ("The brands' own posts, with who wrote them, the kind of post and their reach and "
                    "engagement. Engagement rate by reach = (likes + shares + comments) / reach.",
                    "02 speak, 04 expertise"),
    "threads": ("Café Lumière's customer-care conversations opened by a customer's public post: when "
                "and by whom it was answered, whether it moved to a private message, and how it ended.",
                "03 debate, 04 expertise"),
    "contacts": ("People in the professional network of Café Lumière's managing director (P0001, named "
                 "\"You\": the learner, in Lyon), with job titles that fit their industry and level.",
                 "06 networks"),
    "connections": ("Undirected ties between contacts (each pair once, `source` < `target`), with how often "
                    "they interact and since when.", "06 networks"),
    "meeting_candidates": ("People who asked Café Lumière's managing director for a meeting in 2025, their "
                           "online signals (noted when the request came in), whether the managing director met "
                           "them (about one request in three, first come first served, whatever the signals), "
                           "how long it took (or would have taken), what it turned out to be and whether they proved "
                           "valuable. `meeting_hours` is filled for everyone; `turned_out` and `valuable` only for "
                           "the people met, since nobody knows what the others would have brought.", "05 time"),
    "employees": ("Café Lumière's staff: team, age band, the platforms each is active on, followers and "
                  "whether they joined the advocacy programme.", "07 team, 08 trust"),
    "employee_posts": ("Employees' public posts, with the policy review's label and the spring experiment "
                       "flag.", "07 team, 08 trust"),
    "reviews": ("Reviews of the three brands' cafés on Google, Tripadvisor and Yelp, and whether the "
                "business answered.", "09 competition"),
    "competitor_metrics": ("Each brand's month on each platform where it is present (Maison Torréfaction: "
                           "Facebook and Instagram only).", "09 competition"),
    "channel_mix": ("How Café Lumière's customers contacted it, per month from January 2015 to December 2025 "
                    "(social rises, the phone falls, in-person drops in the 2020–21 lockdowns).",
                    "10 here to stay"),
    "adoption": ("Real published survey figures: share of adults using each technology, by year and "
                 "country, each row naming its source. Copied (sorted) from "
                 "`src/socialkit/reference/adoption.csv`; nothing in it is generated.", "10 here to stay"),
}

TYPE_NAMES = {"str": "text", "int": "integer", "float": "decimal", "bool": "true/false",
              "datetime": "UTC timestamp", "date": "date", "category": "category"}


def column_table(table: str, observed: dict[str, list[str]] | None = None) -> str:
    """A markdown table of the columns of ``table``: name, type, unit, meaning, allowed values.

    ``observed`` gives, for open category columns (no fixed list in schema.py), the values found
    in the data, shown as "in the data: …".
    """
    observed = observed or {}
    lines = ["| column | type | unit | meaning | allowed values |", "|---|---|---|---|---|"]
    for col in schema.columns(table):
        if col.values:
            allowed = ", ".join(f"`{v}`" for v in col.values)
        elif col.name in observed:
            allowed = "in the data: " + ", ".join(f"`{v}`" for v in observed[col.name])
        else:
            allowed = ""
        meaning = col.meaning + (" (may be empty)" if col.nullable else "")
        lines.append(f"| `{col.name}` | {TYPE_NAMES[col.type]} | {col.unit} | {meaning} | {allowed} |")
    return "\n".join(lines)


def render(rows: dict[str, int], observed: dict[str, dict[str, list[str]]] | None = None) -> str:
    """The whole datasheet for the given row counts and open-category values per table."""
    observed = observed or {}
    parts = [INTRO, "## Tables\n"]
    for table in schema.TABLES:
        purpose, modules = TABLE_NOTES[table]
        parts.append(f"### `{table}`\n\n{purpose}\n\n- **Rows:** {rows[table]:,}\n"
                     f"- **Used in modules:** {modules}\n\n{column_table(table, observed.get(table))}\n")
    return "\n".join(parts)


def open_category_values(folder: Path) -> dict[str, dict[str, list[str]]]:
    """Sorted distinct values of every category column without a fixed list, read from the CSVs."""
    found: dict[str, dict[str, list[str]]] = {}
    for table, columns in schema.TABLES.items():
        wanted = [c.name for c in columns if c.type == "category" and not c.values]
        if not wanted:
            continue
        with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            values: dict[str, set[str]] = {name: set() for name in wanted}
            for row in reader:
                for name in wanted:
                    values[name].add(row[name])
        found[table] = {name: sorted(v - {""}) for name, v in values.items()}
    return found


def write(folder: Path) -> Path:
    """Write ``README.md`` in ``folder`` from its ``manifest.json`` row counts and its CSVs."""
    path = folder / "README.md"
    path.write_text(render_folder(folder), encoding="utf-8")
    return path


def render_folder(folder: Path) -> str:
    """The datasheet for the tables in ``folder`` (row counts from its manifest)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    rows = {name: entry["rows"] for name, entry in manifest["tables"].items()}
    return render(rows, open_category_values(folder))


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "datasets")))
