"""Team charts (module 07): the team social map (a heat map of teams × platforms), participation by team,
advocacy reach next to the brand's own followers, the topics staff post about and how they sound, and
how much of an archive of staff posts a purpose needs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.plots._style import BRAND_COLORS, SENTIMENT_COLORS, new_ax
from socialkit.vocab import PLATFORM_NAMES, WORDS, signed, team_name, topic_name

STAFF_COLOR = "#009E73"  # Okabe & Ito green: the employees' voices (the brand keeps its orange)
MEMBER_COLOR = "#56B4E9"  # Okabe & Ito sky blue: the advocacy programme's members
MOOD_BAND = 10  # a topic's net sentiment within ±10 is drawn grey: about as many happy as unhappy posts


def _platform_label(code) -> str:
    """A platform's name as a column heading ("X (Twitter)", "any platform")."""
    return PLATFORM_NAMES.get(str(code), WORDS.get(str(code), str(code)))


def _thousands_tick(value, _position=None) -> str:
    """An axis tick in thousands: 150,000 reads as "150k"."""
    return f"{value / 1000:,.0f}k" if value else "0"


def _thousands(value: float) -> str:
    """A count with a thin space between thousands, as the lesson writes them: 80,800."""
    return f"{value:,.0f}"


_LABEL_PATHS: dict[str, object] = {}  # "53" → its outline, centred on (0, 0), in points (made once, reused)
LABEL_POINTS = 8  # size of the numbers printed in the heat map's cells


def _label_path(text: str):
    """The outline of a cell's number, centred on (0, 0), in points; made once per text and kept."""
    path = _LABEL_PATHS.get(text)
    if path is None:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextPath

        raw = TextPath((0, 0), text, size=LABEL_POINTS, prop=FontProperties(family="DejaVu Sans"))
        box = raw.get_extents()
        path = raw.transformed(_shift(-(box.x0 + box.x1) / 2, -(box.y0 + box.y1) / 2))
        _LABEL_PATHS[text] = path
    return path


def _shift(dx: float, dy: float):
    """A translation (matplotlib's Affine2D), for centring outlines."""
    from matplotlib.transforms import Affine2D

    return Affine2D().translate(dx, dy)


def _cell_labels(ax, values: np.ndarray) -> None:
    """Print each cell's whole % at its centre, as ONE collection of outlines (a text per cell is slow to draw).

    Matplotlib lays out and rasterises every text separately, a millisecond or more each; the outlines of
    the numbers are made once and drawn together, so a redraw of 54 cells costs about as much as one text.
    White on dark cells, black on light ones; "–" where a team has nobody.
    """
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import Affine2D

    rows, columns = values.shape
    paths, offsets, colours = [], [], []
    for i in range(rows):
        for j in range(columns):
            value = values[i, j]
            paths.append(_label_path("–" if np.isnan(value) else f"{value:.0f}"))
            offsets.append((j, i))
            colours.append("white" if (not np.isnan(value) and value > 60) else "black")
    dpi = ax.figure.dpi
    labels = PathCollection(paths, offsets=offsets, offset_transform=ax.transData,
                            transform=Affine2D().scale(dpi / 72.0), facecolors=colours, edgecolors="none")
    ax.add_collection(labels, autolim=False)


def adoption_heatmap(table: pd.DataFrame, ax=None, *, title: str | None = None, highlight=None,
                     unit: str = "% of the team", xlabel: bool = True):
    """The team social map: a heat map of teams (rows) × platforms (columns), each cell a % of the team.

    ``table``: as ``analytics.platform_adoption`` or ``analytics.participation_rate(…, by=["team",
    "platform"])`` return it (percentages 0–100; an empty team shows as a blank cell). ``highlight``: a
    team whose row is framed. Each cell prints its whole %; darker is higher. ``xlabel=False`` leaves out
    the axis label (the dashboard says it in its title: fewer letters to draw at each redraw).
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError("adoption_heatmap needs a table of teams (rows) × platforms (columns), e.g. "
                        "analytics.platform_adoption(employees).")
    ax = new_ax(ax, figsize=(7.5, 0.42 * len(table) + 1.4))
    values = table.to_numpy(dtype=float)
    ax.imshow(np.nan_to_num(values, nan=0.0), cmap="Blues", vmin=0, vmax=100, aspect="auto")
    _cell_labels(ax, values)
    ax.set_xticks(range(values.shape[1]), [_platform_label(c) for c in table.columns], fontsize=8)
    ax.set_yticks(range(values.shape[0]), [team_name(t) for t in table.index], fontsize=8)
    ax.tick_params(length=0)
    if highlight is not None and highlight in list(table.index):
        row = list(table.index).index(highlight)
        from matplotlib.patches import Rectangle

        ax.add_patch(Rectangle((-0.5, row - 0.5), values.shape[1], 1, fill=False, edgecolor="#D55E00", lw=2))
    if xlabel:
        ax.set_xlabel(f"platform (cells: {unit})", fontsize=8)
    ax.set_title(title or f"Team social map: {unit} on each platform", fontsize=10)
    return ax


def reach_inset(followers: float | None, brand_followers: float, ax, *, people: int | None = None,
                accounts: int | None = None, left: float = 1.2, width: float = 0.42, hidden_as: str = "not shown",
                title: str = "Potential reach (an upper bound)"):
    """Two bars drawn beside a chart, in its axes' coordinates (no axes of their own, so no ticks to lay out).

    The brand's own followers (orange) above the chosen people's followers added up (green), each with one
    line of text naming it and giving its sum; the longer bar spans ``width`` (a share of the chart's
    width), starting at ``left``. Three texts in all: each text costs a redraw a millisecond or two, so the
    team social map keeps them few. ``followers=None`` draws no green bar and says ``hidden_as`` instead (a
    group too small to show).
    """
    from matplotlib.patches import Rectangle

    top = max(float(followers or 0), float(brand_followers), 1.0)
    staff = (f"posted about us: {hidden_as}" if followers is None else
             f"posted about us{f' ({people})' if people is not None else ''}: {_thousands(followers)}")
    rows = ((f"brand's own{f' ({accounts})' if accounts is not None else ''}: {_thousands(brand_followers)}",
             brand_followers, BRAND_COLORS["lumiere"], 0.55),
            (staff, followers or 0, STAFF_COLOR, 0.15))
    ax.text(left, 0.86, title, transform=ax.transAxes, fontsize=9, ha="left", va="bottom")
    for label, value, colour, y in rows:
        if value:
            ax.add_patch(Rectangle((left, y), width * float(value) / top, 0.14, transform=ax.transAxes,
                                   clip_on=False, color=colour))
        ax.text(left, y + 0.16, label, transform=ax.transAxes, fontsize=8, ha="left", va="bottom")
    return ax


def participation_bars(rates, ax=None, *, about_company=None, title: str | None = None,
                       xlabel: str = "participation (% of headcount)"):
    """Horizontal bars of a participation rate per team (or other group), in the order given.

    ``rates``: a Series group → % (``analytics.participation_rate(…, by="team")``): employees who posted.
    ``about_company`` (optional): the same for posts about Café Lumière, drawn as a second bar per team.
    """
    if not isinstance(rates, pd.Series):
        raise TypeError("participation_bars needs the rates per team, e.g. analytics.participation_rate(employees, "
                        "employee_posts, by=\"team\").")
    columns = {"posted at least once": rates}
    if about_company is not None:
        columns["posted about Café Lumière"] = about_company.reindex(rates.index)
    frame = pd.DataFrame(columns)
    ax = new_ax(ax, figsize=(7, 0.5 * len(frame) + 1.3))
    n = len(frame.columns)
    height = 0.8 / n
    colours = [STAFF_COLOR, MEMBER_COLOR]
    for k, column in enumerate(frame.columns):
        positions = np.arange(len(frame)) - 0.4 + height * (k + 0.5)
        values = frame[column].to_numpy(dtype=float)
        ax.barh(positions, values, height=height, color=colours[k % len(colours)], label=column)
        for y, value in zip(positions, values):
            if np.isfinite(value):
                ax.text(value + 1, y, f"{value:.0f} %", va="center", fontsize=7)
    ax.set_yticks(range(len(frame)), [_group_name(t) for t in frame.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=n, fontsize="small", frameon=False)
    ax.set_title(title or "Participation by team", fontsize=10)
    return ax


def _group_name(group) -> str:
    """A team in plain words; True/False (programme membership) as words too."""
    if isinstance(group, (bool, np.bool_)):
        return "advocacy programme members" if group else "not in the programme"
    return team_name(group)


def reach_bars(table, ax=None, *, title: str | None = None):
    """Horizontal bars of followers: the brand's own accounts first (orange), then employees' potential reach.

    ``table``: ``analytics.advocacy_vs_brand(…)`` (rows who, columns ``people`` and ``followers``), or a
    Series label → followers. Each bar prints its sum; the x axis says these are sums of followers,
    not people reached.
    """
    frame = table.to_frame("followers") if isinstance(table, pd.Series) else table
    if not isinstance(frame, pd.DataFrame) or "followers" not in frame.columns:
        raise TypeError("reach_bars needs a table with a column 'followers', e.g. "
                        "analytics.advocacy_vs_brand(employees, employee_posts, accounts).")
    ax = new_ax(ax, figsize=(7, 0.6 * len(frame) + 1.3))
    values = frame["followers"].to_numpy(dtype=float)
    colours = [BRAND_COLORS["lumiere"]] + [STAFF_COLOR, MEMBER_COLOR, "#999999"][: max(0, len(frame) - 1)]
    colours += ["#999999"] * (len(frame) - len(colours))
    labels = [str(label) for label in frame.index]
    if "people" in frame.columns:
        labels = [f"{label}\n({int(n):,} {'accounts' if i == 0 else 'people'})"
                  for i, (label, n) in enumerate(zip(labels, frame["people"]))]
    ax.barh(range(len(frame)), values, color=colours[: len(frame)])
    top = float(np.nanmax(values)) if len(values) and np.isfinite(values).any() else 1.0
    for y, value in enumerate(values):
        ax.text(value + top * 0.01, y, _thousands(value), va="center", fontsize=8)
    ax.set_yticks(range(len(frame)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(top, 1.0) * 1.25)
    ax.xaxis.set_major_formatter(_thousands_tick)
    ax.set_xlabel("followers, added up (an upper bound)", fontsize=8)
    ax.set_title(title or "Potential reach, against the brand's own followers", fontsize=10)
    return ax


def topic_mood(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """Bars of each topic's share of the posts, coloured by its automatic net sentiment, largest on top.

    ``table``: ``analytics.topic_mood(…)`` (columns ``share_pct`` and ``net_sentiment``). Green: clearly
    positive (net above +10); red: clearly negative (below −10); grey in between. Each bar prints its
    net sentiment.
    """
    if not isinstance(table, pd.DataFrame) or not {"share_pct", "net_sentiment"} <= set(table.columns):
        raise TypeError("topic_mood needs the table of analytics.topic_mood(employee_posts) "
                        "(columns share_pct and net_sentiment).")
    ax = new_ax(ax, figsize=(7, 0.42 * len(table) + 1.3))
    shares = table["share_pct"].to_numpy(dtype=float)
    moods = table["net_sentiment"].to_numpy(dtype=float)
    colours = [SENTIMENT_COLORS["positive"] if m > MOOD_BAND else SENTIMENT_COLORS["negative"] if m < -MOOD_BAND
               else SENTIMENT_COLORS["neutral"] for m in moods]
    ax.barh(range(len(table)), shares, color=colours)
    for y, (share, mood) in enumerate(zip(shares, moods)):
        ax.text(share + 0.5, y, f"{share:.1f} % · net {signed(mood, 0)}", va="center", fontsize=7)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=SENTIMENT_COLORS["positive"], label=f"mostly positive (net above +{MOOD_BAND})"),
                       Patch(color=SENTIMENT_COLORS["neutral"], label=f"mixed (net −{MOOD_BAND} to +{MOOD_BAND})"),
                       Patch(color=SENTIMENT_COLORS["negative"], label=f"mostly negative (net below −{MOOD_BAND})")],
              loc="lower right", fontsize="x-small", frameon=False, title="colour", title_fontsize="x-small")
    ax.set_yticks(range(len(table)), [topic_name(t) for t in table.index])
    ax.invert_yaxis()
    ax.set_xlim(0, max(float(np.nanmax(shares)) * 1.45, 1.0) if len(shares) else 1.0)
    ax.set_xlabel("share of the posts (%) · colour: automatic net sentiment")
    ax.set_title(title or "What staff post about, and how the software reads it", fontsize=10)
    return ax


def archive_by_purpose(table: pd.DataFrame, ax=None, *, title: str | None = None):
    """One stacked bar: how much of an archive of staff posts serves the purpose, and how much does not.

    ``table``: ``analytics.posts_by_purpose(…)`` (rows in order: needed, borderline, not needed; columns
    ``posts`` and ``share_pct``).
    """
    if not isinstance(table, pd.DataFrame) or "share_pct" not in table.columns:
        raise TypeError("archive_by_purpose needs the table of analytics.posts_by_purpose(employee_posts, "
                        "employees).")
    ax = new_ax(ax, figsize=(8, 2.4))
    colours = [MEMBER_COLOR, "#BBBBBB", "#E5E5E5"]
    left = 0.0
    for k, (label, row) in enumerate(table.iterrows()):
        share = float(row["share_pct"])
        ax.barh([0], [share], left=left, color=colours[k % len(colours)], edgecolor="white",
                label=f"{label} ({int(row['posts']):,} posts)")
        if share >= 8:
            ax.text(left + share / 2, 0, f"{share:.1f} %", ha="center", va="center", fontsize=9)  # as the text quotes
        left += share
    ax.set_xlim(0, 100)
    ax.set_yticks([])
    ax.set_xlabel("% of the posts in the archive")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.45), ncol=1, fontsize="small", frameon=False)
    ax.set_title(title or "What the archive holds, against what measuring the programme needs", fontsize=10)
    return ax
