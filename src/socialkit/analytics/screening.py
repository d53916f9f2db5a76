"""Screening (module 05, reused by 08): wasted meeting hours, a points card, precision and recall, the
threshold trade-off and which signals carry information.

A screening rule says yes or no to each case (meet this person? flag this post?) before the truth is
known; the truth comes later (the contact proved valuable, the post broke the policy). The general
functions (``precision_recall``, ``confusion_table``) take the rule's decision and the truth as two
columns of True/False; the others work on the ``meeting_candidates`` table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import WrongInput, _require, metric

# The four online signals noted for each request, and the direction in which each looks good.
SIGNALS = ("relevance", "mutual_connections", "posts_90d", "red_flags")
LOOKS_GOOD = {"relevance": 1, "mutual_connections": 1, "posts_90d": 1, "red_flags": -1}
# Levels for reading a signal by eye: (edges, labels); a level holds edges[i] <= value < edges[i + 1].
SIGNAL_LEVELS = {
    "relevance": ((0, 0.2, 0.4, 0.6, 0.8, np.inf), ("under 0.2", "0.2 to 0.4", "0.4 to 0.6", "0.6 to 0.8",
                                                    "0.8 or more")),
    "mutual_connections": ((0, 1, 3, 6, 11, np.inf), ("none", "1 to 2", "3 to 5", "6 to 10", "11 or more")),
    "posts_90d": ((0, 6, 11, 21, np.inf), ("0 to 5", "6 to 10", "11 to 20", "more than 20")),
    "red_flags": ((0, 1, 2, np.inf), ("none", "1", "2 or more")),
}
THRESHOLDS = tuple(np.round(np.arange(0, 10.01, 0.5), 1))  # the score's thresholds, 0 to 10 in half points
VALUABLE_OUTCOMES = ("customer", "partner", "supplier", "press", "hire")
OUTCOME_ORDER = (*VALUABLE_OUTCOMES, "sales_pitch", "nothing")
KNOWN_ROWS = 'requests[requests["met"]]'


def _known_truth(actual: pd.Series, function: str) -> np.ndarray:
    """The truth as plain True/False; rows where it is unknown (empty) are refused in plain words."""
    missing = int(pd.Series(actual).isna().sum())
    if missing:
        raise WrongInput(f"{function}() got {missing} row(s) whose outcome is unknown (empty). A rule can only "
                         f"be judged where the outcome is known: keep those rows first (for meeting requests, "
                         f"the meetings that took place: {KNOWN_ROWS}).")
    return np.asarray(actual, dtype=bool)


def _same_rows(predicted, actual, function: str) -> tuple[np.ndarray, np.ndarray]:
    """The decision and the truth as aligned True/False arrays; columns of different rows are refused."""
    if len(predicted) != len(actual):
        raise WrongInput(f"{function}() needs the decision and the outcome for the same rows; it got "
                         f"{len(predicted)} and {len(actual)} rows. Write both from the same table, e.g. "
                         f'meetings["score"] >= 5 and meetings["valuable"].')
    if isinstance(predicted, pd.Series) and isinstance(actual, pd.Series) and not predicted.index.equals(actual.index):
        raise WrongInput(f"{function}() needs the decision and the outcome for the same rows, but the two "
                         f"columns come from different tables. Write both from the same table.")
    truth = _known_truth(actual, function)
    decision = np.asarray(pd.Series(predicted).astype("boolean").fillna(False), dtype=bool)
    return decision, truth


# --------------------------------------------------------------------------- the cost of an open diary


@metric("meetings")
def wasted_hours(requests: pd.DataFrame) -> float:
    """Hours spent in meetings that proved not valuable (travel included).

    Formula: sum of ``meeting_hours`` over the rows that were met (``met``, when the table has it)
    and whose ``valuable`` is False; requests that were not met, or whose outcome is unknown, count
    for nothing. Source: reason 5 of the course's article ("it is just as easy to waste time over a
    coffee with someone who turns out to be of no interest"); executives' own estimate of unproductive
    meeting time: Perlow, Hadley & Eun, "Stop the Meeting Madness", Harvard Business Review, 2017.
    """
    _require(requests, "meeting_hours", "valuable", where="wasted_hours")
    wasted = requests["valuable"].astype("boolean") == False  # noqa: E712 - unknown (NA) is not wasted
    if "met" in requests.columns:
        wasted = wasted & requests["met"].astype("boolean")
    return float(requests.loc[wasted.fillna(False).to_numpy(dtype=bool), "meeting_hours"].sum())


@metric("requests")
def meeting_outcomes(requests: pd.DataFrame) -> pd.DataFrame:
    """What the meetings that took place turned out to be: meetings, hours and share of all meeting hours.

    One row per outcome (customer, partner, supplier, press, hire, sales pitch, nothing), in that
    order; ``share_of_hours_pct`` = the outcome's hours / all hours of the meetings held × 100.
    Requests that were not met have no outcome and are left out.
    """
    _require(requests, "turned_out", "meeting_hours", where="meeting_outcomes")
    held = requests[requests["turned_out"].notna()]
    outcome = held["turned_out"].astype("object")
    table = pd.DataFrame({
        "meetings": outcome.value_counts(),
        "hours": held["meeting_hours"].groupby(outcome).sum(),
    })
    order = [o for o in OUTCOME_ORDER if o in table.index] + sorted(set(table.index) - set(OUTCOME_ORDER))
    table = table.reindex(order).fillna(0)
    table["meetings"] = table["meetings"].astype("int64")
    total = table["hours"].sum()
    table["share_of_hours_pct"] = 100 * table["hours"] / total if total else np.nan
    table["valuable"] = [o in VALUABLE_OUTCOMES for o in table.index]
    table.index.name = "turned_out"
    return table


# --------------------------------------------------------------------------- which signals carry information


@metric("meetings")
def valuable_share_by_level(meetings: pd.DataFrame, *, signals=SIGNALS) -> pd.DataFrame:
    """For each signal and level (e.g. relevance 0.6 to 0.8), how many meetings and what % proved valuable.

    Formula: valuable_pct = meetings of that level that proved valuable / meetings of that level × 100.
    A signal carries information when the share moves from level to level; a flat row is noise.
    Rows are (signal, level) in ``SIGNAL_LEVELS`` order; empty levels show 0 meetings and no share.
    """
    signals = [signals] if isinstance(signals, str) else list(signals)
    unknown = [s for s in signals if s not in SIGNAL_LEVELS]
    if unknown:
        raise ValueError(f"Unknown signal(s) {', '.join(map(str, unknown))}; the signals are "
                         f"{', '.join(SIGNAL_LEVELS)}.")
    _require(meetings, "valuable", *signals, where="valuable_share_by_level")
    truth = pd.Series(_known_truth(meetings["valuable"], "valuable_share_by_level"), index=meetings.index)
    parts = []
    for signal in signals:
        edges, labels = SIGNAL_LEVELS[signal]
        level = pd.cut(meetings[signal], bins=list(edges), labels=list(labels), right=False)
        counts = truth.groupby(level, observed=False).agg(["size", "sum"])
        part = pd.DataFrame({"meetings": counts["size"].astype("int64"), "valuable": counts["sum"].astype("int64")})
        part["valuable_pct"] = 100 * part["valuable"] / part["meetings"].where(part["meetings"] > 0)
        part.index = pd.MultiIndex.from_product([[signal], list(labels)], names=["signal", "level"])
        parts.append(part)
    return pd.concat(parts)


@metric("meetings")
def signal_information(meetings: pd.DataFrame, *, signals=SIGNALS) -> pd.Series:
    """How well each signal ranks a valuable contact above a wasted one, in % of pairs (50 = a coin toss).

    Take every pair of one meeting that proved valuable and one that did not: the score is the % of
    pairs where the signal looks better for the valuable one (ties count half), each signal read in
    the direction where it looks good (fewer red flags is better). 100 = the signal always picks the
    valuable one, 50 = no better than tossing a coin, below 50 = it points the wrong way. This is the
    area under the ROC curve, computed from ranks (Mann–Whitney): (sum of the valuable rows' ranks −
    n₁(n₁ + 1)/2) / (n₁ × n₀). Source: Hanley & McNeil, "The meaning and use of the area under a
    receiver operating characteristic (ROC) curve", Radiology 143(1), 1982.
    """
    signals = [signals] if isinstance(signals, str) else list(signals)
    _require(meetings, "valuable", *signals, where="signal_information")
    truth = _known_truth(meetings["valuable"], "signal_information")
    n1, n0 = int(truth.sum()), int((~truth).sum())
    scores = {}
    for signal in signals:
        if n1 == 0 or n0 == 0:
            scores[signal] = np.nan
            continue
        direction = LOOKS_GOOD.get(signal, 1)
        ranks = (direction * meetings[signal].astype("float64")).rank(method="average").to_numpy()
        scores[signal] = 100 * (ranks[truth].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)
    return pd.Series(scores, name="pairs_ranked_right_pct").rename_axis("signal")


# --------------------------------------------------------------------------- a screening rule


@metric("requests")
def screening_score(requests: pd.DataFrame, *, relevance_points: float = 6, points_per_mutual: float = 0.5,
                    mutual_cap: float = 4, red_flag_penalty: float = 3) -> pd.Series:
    """The screening score, 0 to 10 points, from what a request's public profile shows.

    Formula (a points card): relevance × 6 (up to 6 points) + ½ point per mutual connection (up to 4
    points) − 3 points per red flag, never below 0. Posts in the last 90 days earn nothing: in the
    2025 meetings they did not tell valuable contacts from wasted ones. Source: the points-based lead
    scoring of CRM tools (e.g. HubSpot Knowledge Base, "Build lead scores": points for fit, points
    taken away for warning signs, a threshold to act on).
    """
    _require(requests, "relevance", "mutual_connections", "red_flags", where="screening_score")
    mutual = (points_per_mutual * requests["mutual_connections"].astype("float64")).clip(upper=mutual_cap)
    score = relevance_points * requests["relevance"].astype("float64") + mutual \
        - red_flag_penalty * requests["red_flags"].astype("float64")
    return score.clip(lower=0).rename("score")


@metric(flags=2, example='meetings["score"] >= 5')
def precision_recall(predicted, actual) -> pd.Series:
    """A screening rule's precision and recall, in %, from its decisions and the truth (two columns of True/False).

    precision = cases the rule said yes to that were truly yes / all cases it said yes to × 100
    ("of the meetings it lets through, how many are worth it"); recall = truly-yes cases the rule
    said yes to / all truly-yes cases × 100 ("of the valuable contacts, how many it finds"). NaN when
    a denominator is 0. Rows whose truth is unknown (empty) are refused. Source: the definitions
    tp / (tp + fp) and tp / (tp + fn) of the scikit-learn documentation,
    ``sklearn.metrics.precision_recall_fscore_support``.
    """
    decision, truth = _same_rows(predicted, actual, "precision_recall")
    both = int((decision & truth).sum())
    said_yes, truly_yes = int(decision.sum()), int(truth.sum())
    return pd.Series({
        "precision_pct": 100 * both / said_yes if said_yes else np.nan,
        "recall_pct": 100 * both / truly_yes if truly_yes else np.nan,
    }, name="pct")


@metric(flags=2, example='meetings["score"] >= 5')
def confusion_table(predicted, actual, *, decisions=("meet", "skip"), truths=("valuable", "wasted")) -> pd.DataFrame:
    """The four outcomes of a rule, counted: rows = what the rule decided, columns = what proved true.

    With the default words: met and valuable, met and wasted, skipped and valuable, skipped and
    wasted. ``decisions`` and ``truths`` name the yes/no of each side for other rules (e.g.
    ``decisions=("flag", "leave")``, ``truths=("breaks the policy", "fine")``). Source: the
    confusion matrix of classifier evaluation (e.g. scikit-learn, ``sklearn.metrics.confusion_matrix``).
    """
    decision, truth = _same_rows(predicted, actual, "confusion_table")
    yes, no = decisions
    true, false = truths
    return pd.DataFrame(
        [[int((decision & truth).sum()), int((decision & ~truth).sum())],
         [int((~decision & truth).sum()), int((~decision & ~truth).sum())]],
        index=pd.Index([yes, no], name="the rule says"), columns=pd.Index([true, false], name="it proved"))


@metric("meetings")
def screening_tradeoff(meetings: pd.DataFrame, thresholds=THRESHOLDS, *, score=None,
                       hours_per_meeting: float | None = None) -> pd.DataFrame:
    """For each threshold, what the rule "meet when the score is at least the threshold" keeps, saves and misses.

    Columns: meetings_kept, meetings_skipped, hours_saved (the skipped meetings' ``meeting_hours``,
    or meetings skipped × ``hours_per_meeting`` when given), valuable_kept, valuable_missed
    (valuable contacts the rule would have skipped), precision_pct and recall_pct (see
    ``precision_recall``). ``score``: None for ``screening_score``, a column name, or a column of
    scores. Threshold 0 meets everyone: nothing saved, nothing missed.
    """
    _require(meetings, "valuable", "meeting_hours", where="screening_tradeoff")
    truth = _known_truth(meetings["valuable"], "screening_tradeoff")
    if score is None:
        points = screening_score(meetings)
    elif isinstance(score, str):
        _require(meetings, score, where="screening_tradeoff(score=...)")
        points = meetings[score]
    else:
        points = pd.Series(score, index=meetings.index) if not isinstance(score, pd.Series) else score
    points = points.astype("float64").to_numpy()
    if hours_per_meeting is None:
        hours = meetings["meeting_hours"].astype("float64").to_numpy()
    else:
        hours = np.full(len(meetings), float(hours_per_meeting))
    thresholds = np.atleast_1d(np.asarray(thresholds, dtype="float64"))
    keep = points[None, :] >= thresholds[:, None]  # one row per threshold
    kept = keep.sum(axis=1)
    valuable_kept = (keep & truth).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(kept > 0, 100 * valuable_kept / kept, np.nan)
        recall = 100 * valuable_kept / truth.sum() if truth.sum() else np.full(len(thresholds), np.nan)
    return pd.DataFrame({
        "meetings_kept": kept,
        "meetings_skipped": len(points) - kept,
        "hours_saved": (~keep * hours).sum(axis=1),
        "valuable_kept": valuable_kept,
        "valuable_missed": int(truth.sum()) - valuable_kept,
        "precision_pct": precision,
        "recall_pct": recall,
    }, index=pd.Index(thresholds, name="threshold"))
