"""Engagement and influence (module 02): engagement rates, Kaushik's rates, answer rate, influencer ranking."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _require, metric

@metric("brand_posts")
def engagements(posts: pd.DataFrame, *, include_clicks: bool = False) -> pd.Series:
    """Engagements per post = likes + shares + comments (``replies`` in ``mentions``) [+ link_clicks].

    Link clicks are left out by default because most platforms' public
    "engagement" counts leave them out; ``include_clicks=True`` adds them, as
    Iconosquare's Facebook engagement rate does. Source: Hootsuite and
    Iconosquare engagement-rate help pages.
    """
    comment_col = "comments" if "comments" in posts.columns else "replies"
    _require(posts, "likes", "shares", comment_col, where="engagements")
    total = posts["likes"] + posts["shares"] + posts[comment_col]
    if include_clicks:
        _require(posts, "link_clicks", where="engagements(include_clicks=True)")
        total = total + posts["link_clicks"]
    return total.astype("float64").rename("engagements")


def _denominator(posts: pd.DataFrame, per: str, accounts: pd.DataFrame | None) -> pd.Series:
    """The audience a rate divides by: reach, impressions, or the author's followers."""
    if per not in ("reach", "impressions", "followers"):
        raise ValueError(f"per must be 'reach', 'impressions' or 'followers'; got {per!r}.")
    if per == "followers" and "followers" not in posts.columns:
        if accounts is None:
            raise KeyError("Engagement rate by followers needs a 'followers' column: "
                           "pass accounts=... (joined on the posting account) or add it.")
        key = "account_id" if "account_id" in posts.columns else "author_id"
        _require(posts, key, where="engagement rate by followers")
        followers = accounts.drop_duplicates("account_id").set_index("account_id")["followers"]
        return posts[key].map(followers).astype("float64")
    _require(posts, per, where=f"engagement rate by {per}")
    return posts[per].astype("float64")


@metric("brand_posts")
def post_engagement_rates(posts: pd.DataFrame, *, per: str = "reach",
                          accounts: pd.DataFrame | None = None,
                          include_clicks: bool = False) -> pd.Series:
    """Each post's engagement rate in %: engagements / reach (or followers, impressions) × 100.

    A post with a zero or unknown denominator gets NaN. Source: engagement rate
    by reach (ERR) and by followers, e.g. Iconosquare, "How are the Facebook
    engagement/reach rates calculated"; Hootsuite, "How to calculate engagement rate".
    """
    denom = _denominator(posts, per, accounts)
    rate = 100 * engagements(posts, include_clicks=include_clicks) / denom.where(denom > 0)
    return rate.rename(f"engagement_rate_{per}_pct")


@metric("brand_posts")
def engagement_rate(posts: pd.DataFrame, *, per: str = "reach", by=None,
                    accounts: pd.DataFrame | None = None, include_clicks: bool = False):
    """Engagement rate of a set of posts in %: Σ engagements / Σ reach × 100 (or Σ followers).

    A ratio of totals, so big posts weigh more than in the mean of per-post
    rates (``post_engagement_rates(...).mean()``); say which one you report.
    ``per="followers"`` divides by the author's followers at each post (join
    them with ``accounts=``). ``by``: a column (or list) → one rate per group.
    Source: Iconosquare and Hootsuite engagement-rate definitions (ERR = total
    engagements / reach × 100; ER by followers = engagements / followers × 100).
    """
    denom = _denominator(posts, per, accounts)
    eng = engagements(posts, include_clicks=include_clicks)
    ok = denom.notna() & (denom > 0)
    if by is None:
        total = denom[ok].sum()
        return float(100 * eng[ok].sum() / total) if total else float("nan")
    keys = [posts.loc[ok, c] for c in ([by] if isinstance(by, str) else by)]
    sums = pd.DataFrame({"eng": eng[ok], "denom": denom[ok]}).groupby(keys, observed=True).sum()
    return (100 * sums["eng"] / sums["denom"]).rename(f"engagement_rate_{per}_pct")


@metric("brand_posts")
def kaushik_rates(posts: pd.DataFrame, *, by=None):
    """Conversation, amplification and applause rates: comments, shares and likes per post.

    conversation_rate = comments (replies) / posts; amplification_rate = shares /
    posts; applause_rate = likes / posts. Units: per post (not %). Source: Avinash
    Kaushik (2011), "Best Social Media Metrics: Conversation, Amplification,
    Applause, Economic Value", Occam's Razor blog (kaushik.net). Returns a Series
    (overall) or a DataFrame with one row per ``by`` group, plus the post count.
    """
    comment_col = "comments" if "comments" in posts.columns else "replies"
    _require(posts, "likes", "shares", comment_col, where="kaushik_rates")
    frame = pd.DataFrame({
        "conversation_rate": posts[comment_col].astype("float64"),
        "amplification_rate": posts["shares"].astype("float64"),
        "applause_rate": posts["likes"].astype("float64"),
    })
    if by is None:
        out = frame.mean()
        out["posts"] = len(frame)
        return out
    keys = [posts[c] for c in ([by] if isinstance(by, str) else by)]
    grouped = frame.groupby(keys, observed=True)
    out = grouped.mean()
    out["posts"] = grouped.size()
    return out


def _answered(df: pd.DataFrame, answered_col: str) -> pd.Series:
    """True where the row was answered: a true flag or a non-empty answer time."""
    col = df[answered_col]
    if pd.api.types.is_bool_dtype(col.dtype):
        return col.fillna(False).astype(bool)
    return col.notna()


@metric("threads")
def answer_rate(df: pd.DataFrame, *, answered_col: str = "first_response_at",
                question_col: str | None = "is_question") -> float:
    """Answer rate in %: customer questions that got an answer / all customer questions × 100.

    A row is answered when ``answered_col`` is true (a flag) or not empty (a
    time). Only rows flagged by ``question_col`` count when that column exists;
    ``question_col=None`` counts every row. Source: Sprout Social Index
    (response rate to messages needing a reply); Socialbakers "Socially Devoted"
    (answered questions / questions asked).
    """
    _require(df, answered_col, where="answer_rate")
    rows = df
    if question_col is not None and question_col in df.columns:
        rows = df[df[question_col].fillna(False).astype(bool)]
    if not len(rows):
        return float("nan")
    return float(100 * _answered(rows, answered_col).mean())


@metric("mentions", "accounts")
def influencer_score(mentions: pd.DataFrame, accounts: pd.DataFrame, *,
                     method: str = "engagement", min_followers: int = 0,
                     min_posts: int = 1) -> pd.DataFrame:
    """Rank the authors of ``mentions`` by influence, measured by what others do, not follower count.

    Methods (Cha, Haddadi, Benevenuto & Gummadi 2010, "Measuring User Influence
    in Twitter: The Million Follower Fallacy", ICWSM, which showed that follower
    count — "indegree" — says little about the retweets and mentions a user
    sparks):
    - "engagement": total likes + shares + replies their posts received;
    - "amplification": total shares of their posts (Cha et al.'s retweet influence);
    - "mentions": times other posts name their @handle (Cha et al.'s mention influence);
    - "followers": follower count, the naive baseline, kept to compare against.
    Keeps authors with ≥ ``min_followers`` followers and ≥ ``min_posts`` posts.
    Returns one row per author, best first, with ``score`` and ``rank`` (1 = top).
    """
    methods = ("engagement", "amplification", "mentions", "followers")
    if method not in methods:
        raise ValueError(f"method must be one of {', '.join(methods)}; got {method!r}.")
    _require(mentions, "author_id", "likes", "shares", "replies", where="influencer_score")
    _require(accounts, "account_id", "handle", "followers", where="influencer_score (accounts)")
    per_author = pd.DataFrame({
        "author_id": mentions["author_id"].astype("object"),
        "likes": mentions["likes"].astype("float64"),
        "shares": mentions["shares"].astype("float64"),
        "replies": mentions["replies"].astype("float64"),
    }).groupby("author_id").agg(posts=("likes", "size"), likes=("likes", "sum"),
                                shares=("shares", "sum"), replies=("replies", "sum"))
    people = accounts.drop_duplicates("account_id").set_index("account_id")
    extra = [c for c in ("handle", "display_name", "role") if c in people.columns]
    table = per_author.join(people[[*extra, "followers"]], how="left")
    table["engagements"] = table["likes"] + table["shares"] + table["replies"]
    table["engagement_per_post"] = table["engagements"] / table["posts"]
    if method == "mentions":
        _require(mentions, "text", where="influencer_score(method='mentions')")
        named = mentions["text"].astype("object").str.findall(r"@(\w+)").explode().dropna()
        named = named.str.lower().value_counts()
        table["score"] = table["handle"].astype("object").str.lower().map(named).fillna(0)
    else:
        column = {"engagement": "engagements", "amplification": "shares", "followers": "followers"}[method]
        table["score"] = table[column].astype("float64")
    keep = (table["followers"].fillna(0) >= min_followers) & (table["posts"] >= min_posts)
    table = table[keep].sort_values(["score", "engagements"], ascending=False)
    table["rank"] = np.arange(1, len(table) + 1)
    table.index.name = "author_id"
    return table
