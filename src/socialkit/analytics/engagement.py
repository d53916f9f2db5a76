"""Engagement and influence (module 02): engagement rates by reach and by followers, the share of followers
reached, Kaushik's three rates, the answer rate, what a posting plan should bring, influence rankings."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import MissingColumn, WrongSetting, metric, period_start

# Ways to rank the accounts that talk about a brand, in plain words (the influencer finder's choices).
INFLUENCE_METHODS = {
    "followers": "followers (what most tools sort by)",
    "engagement": "engagement received",
    "engagement_per_post": "engagement per post",
    "amplification": "shares received",
    "conversation": "replies received",
    "mentions": "times others name their @handle",
}
_SCORE_COLUMN = {"followers": "followers", "engagement": "engagements", "engagement_per_post": "engagement_per_post",
                 "amplification": "shares", "conversation": "replies"}


def _need(df: pd.DataFrame, *cols: str, where: str, table: str) -> None:
    """Fail with one plain sentence when a column the metric needs is missing (often: another table was given)."""
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise MissingColumn(
            f"{where} needs the column(s) {', '.join(missing)} of the {table} table; this table has "
            f"{', '.join(map(str, df.columns))}. Give it {table}, or some of its rows: {table}[ condition ].")


def _comment_col(posts: pd.DataFrame) -> str:
    """The column holding comments: ``comments`` in brand_posts, ``replies`` in mentions (comments when neither)."""
    return "replies" if "replies" in posts.columns and "comments" not in posts.columns else "comments"


def _keys(df: pd.DataFrame, by, where: str) -> list[pd.Series]:
    """The grouping columns named by ``by`` (one name or a list of names), refused in plain words if absent."""
    names = [by] if isinstance(by, str) else list(by)
    missing = [c for c in names if c not in df.columns]
    if missing:
        raise MissingColumn(f"{where}: by= names column(s) the table does not have ({', '.join(map(str, missing))}); "
                            f"it has {', '.join(map(str, df.columns))}.")
    return [df[c] for c in names]


@metric("brand_posts")
def engagements(posts: pd.DataFrame, *, include_clicks: bool = False) -> pd.Series:
    """Engagements per post = likes + shares + comments (``replies`` in ``mentions``) [+ link_clicks].

    Link clicks are left out by default because most platforms' public
    "engagement" counts leave them out; ``include_clicks=True`` adds them, as
    Iconosquare's Facebook engagement rate does. Source: Hootsuite and
    Iconosquare engagement-rate help pages.
    """
    comment_col = _comment_col(posts)
    _need(posts, "likes", "shares", comment_col, where="engagements()", table="brand_posts")
    total = posts["likes"] + posts["shares"] + posts[comment_col]
    if include_clicks:
        _need(posts, "link_clicks", where="engagements(include_clicks=True)", table="brand_posts")
        total = total + posts["link_clicks"]
    return total.astype("float64").rename("engagements")


def _followers(posts: pd.DataFrame, accounts: pd.DataFrame | None, where: str) -> pd.Series:
    """Each post's audience in followers: its own ``followers`` column, or its author's, joined from ``accounts``."""
    if "followers" in posts.columns:
        return posts["followers"].astype("float64")
    if accounts is None:
        raise MissingColumn(f"{where} by followers needs the followers of each posting account: pass "
                            f"accounts=accounts (the accounts table) inside the round brackets.")
    key = "account_id" if "account_id" in posts.columns else "author_id"
    _need(posts, key, where=where, table="brand_posts")
    _need(accounts, "account_id", "followers", where=f"{where} (accounts=)", table="accounts")
    followers = accounts.drop_duplicates("account_id").set_index("account_id")["followers"]
    return posts[key].astype("object").map(followers).astype("float64")


def _need_rate_columns(posts: pd.DataFrame, per: str, where: str) -> None:
    """Name every column an engagement rate needs at once (a learner who gave another table sees them all)."""
    comment_col = _comment_col(posts)
    audience = (per,) if per in ("reach", "impressions") else ()
    _need(posts, "likes", "shares", comment_col, *audience, where=where, table="brand_posts")


def _denominator(posts: pd.DataFrame, per: str, accounts: pd.DataFrame | None) -> pd.Series:
    """The audience a rate divides by: reach, impressions, or the author's followers."""
    if per not in ("reach", "impressions", "followers"):
        raise WrongSetting(f"per must be 'reach', 'impressions' or 'followers'; got {per!r}.")
    if per == "followers":
        return _followers(posts, accounts, "Engagement rate")
    _need(posts, per, where=f"Engagement rate by {per}", table="brand_posts")
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
    _need_rate_columns(posts, per, "post_engagement_rates()")
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
    _need_rate_columns(posts, per, "engagement_rate()")
    denom = _denominator(posts, per, accounts)
    eng = engagements(posts, include_clicks=include_clicks)
    ok = denom.notna() & (denom > 0)
    if by is None:
        total = denom[ok].sum()
        return float(100 * eng[ok].sum() / total) if total else float("nan")
    keys = [k[ok] for k in _keys(posts, by, "engagement_rate")]
    sums = pd.DataFrame({"eng": eng[ok], "denom": denom[ok]}).groupby(keys, observed=True).sum()
    return (100 * sums["eng"] / sums["denom"]).rename(f"engagement_rate_{per}_pct")


@metric("brand_posts")
def reach_rate(posts: pd.DataFrame, *, accounts: pd.DataFrame | None = None, by=None):
    """Share of followers reached in %: Σ reach / Σ followers of the posting account × 100.

    It is why the two engagement rates disagree: ER by followers = ER by reach ×
    reach rate / 100. The same content (same ER by reach) earns a lower ER by
    followers where the platform shows a post to fewer of the account's
    followers. Source: "reach rate" = post reach / followers × 100 in social
    media metric glossaries; the two engagement rates as in ``engagement_rate``.
    """
    _need(posts, "reach", where="reach_rate()", table="brand_posts")
    followers = _followers(posts, accounts, "reach_rate()")
    reach = posts["reach"].astype("float64")
    ok = reach.notna() & followers.notna() & (followers > 0)
    if by is None:
        total = followers[ok].sum()
        return float(100 * reach[ok].sum() / total) if total else float("nan")
    keys = [k[ok] for k in _keys(posts, by, "reach_rate")]
    sums = pd.DataFrame({"reach": reach[ok], "followers": followers[ok]}).groupby(keys, observed=True).sum()
    return (100 * sums["reach"] / sums["followers"]).rename("reach_rate_pct")


@metric("brand_posts")
def kaushik_rates(posts: pd.DataFrame, *, by=None):
    """Conversation, amplification and applause rates: comments, shares and likes per post.

    conversation_rate = comments (replies) / posts; amplification_rate = shares /
    posts; applause_rate = likes / posts. Units: per post (not %). Source: Avinash
    Kaushik (2011), "Best Social Media Metrics: Conversation, Amplification,
    Applause, Economic Value", Occam's Razor blog (kaushik.net). Returns a Series
    (overall) or a DataFrame with one row per ``by`` group, plus the post count.
    """
    comment_col = _comment_col(posts)
    _need(posts, "likes", "shares", comment_col, where="kaushik_rates()", table="brand_posts")
    frame = pd.DataFrame({
        "conversation_rate": posts[comment_col].astype("float64"),
        "amplification_rate": posts["shares"].astype("float64"),
        "applause_rate": posts["likes"].astype("float64"),
    })
    if by is None:
        out = frame.mean()
        out["posts"] = len(frame)
        return out
    grouped = frame.groupby(_keys(posts, by, "kaushik_rates"), observed=True)
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
                question_col: str | None = "is_question", by=None, freq: str | None = None):
    """Answer rate in %: customer questions that got an answer / all customer questions × 100.

    A row is answered when ``answered_col`` is true (a flag) or not empty (a
    time). Only rows flagged by ``question_col`` count when that column exists;
    ``question_col=None`` counts every row (in ``threads``, which has no such
    column, keep the questions first: ``threads[threads["is_complaint"] == False]``).
    ``by`` (a column or list) and ``freq`` ("M", "Q" … on ``opened_at`` or ``ts``)
    give one rate per group and period. Source: Sprout Social Index (response
    rate to messages needing a reply); Socialbakers "Socially Devoted"
    (answered questions / questions asked).
    """
    _need(df, answered_col, where="answer_rate()", table="threads")
    rows = df
    if question_col is not None and question_col in df.columns:
        rows = df[df[question_col].fillna(False).astype(bool)]
    answered = 100 * _answered(rows, answered_col).astype("float64")
    if by is None and freq is None:
        return float(answered.mean()) if len(rows) else float("nan")
    keys = [] if by is None else _keys(rows, by, "answer_rate")
    if freq is not None:
        time_col = "opened_at" if "opened_at" in rows.columns else "ts"
        _need(rows, time_col, where="answer_rate(freq=...)", table="threads")
        keys = [period_start(rows[time_col], freq).rename("period"), *keys]
    return answered.groupby(keys, observed=True).mean().rename("answer_rate_pct")


@metric("brand_posts")
def expected_engagements(posts: pd.DataFrame, plan=None, *, by: str = "post_type", **posts_by_kind) -> float:
    """Engagements a posting plan should add: Σ over kinds (posts added or dropped × engagements per past post).

    ``plan`` says how many posts of each kind (a value of ``by``) to ADD
    (positive) or DROP (negative), e.g. {"automated_promo": -6, "conversation": 3}.
    Each post is assumed to earn what an average past post of its kind earned
    (Σ engagements ÷ number of posts: the per-post view of Kaushik 2011). It is
    generous to "post more": audiences tire of repeated promotions (Sprout Social
    Index Q3 2016: 46 % of users unfollow brands that post too many). The plan may
    also be written as settings: ``expected_engagements(posts, automated_promo=14)``.
    """
    if plan is None and posts_by_kind:
        plan = posts_by_kind
    elif isinstance(plan, dict) and posts_by_kind:
        plan = {**plan, **posts_by_kind}
    if not isinstance(plan, dict) or not plan:
        raise WrongSetting('expected_engagements() needs a plan written as a dictionary in curly brackets, e.g. '
                           '{"automated_promo": -6, "conversation": 3}: each kind of post, a colon, how many '
                           'posts to add (or, with a minus sign, to drop).')
    _need(posts, by, where="expected_engagements()", table="brand_posts")
    per_post = engagements(posts).groupby(posts[by].astype("object"), observed=True).mean()
    unknown = [k for k in plan if k not in per_post.index]
    if unknown:
        raise WrongSetting(f"The plan names {', '.join(map(repr, unknown))}, which is not a kind of post in "
                           f"these rows. The kinds are: {', '.join(map(repr, per_post.index))}.")
    bad = [k for k, v in plan.items() if isinstance(v, bool) or not isinstance(v, numbers.Real)]
    if bad:
        raise WrongSetting(f"In the plan, {bad[0]!r} needs a number of posts (e.g. 3, or -6 to drop six), "
                           f"not {plan[bad[0]]!r}.")
    return float(sum(float(n) * per_post[k] for k, n in plan.items()))


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
    - "engagement_per_post": the same ÷ their number of posts (audience, not volume);
    - "amplification": total shares of their posts (Cha et al.'s retweet influence);
    - "conversation": total replies to their posts (people talking back);
    - "mentions": times other posts name their @handle (Cha et al.'s mention
      influence; in the course's sample data posts name only the brands);
    - "followers": follower count, the naive baseline, kept to compare against.
    Keeps authors with ≥ ``min_followers`` followers and ≥ ``min_posts`` posts.
    Returns one row per author, best first, with ``score``, ``rank`` (1 = top) and
    ``followers_rank`` (the same authors ranked by follower count).
    """
    if method not in INFLUENCE_METHODS:
        raise WrongSetting(f"method must be one of {', '.join(INFLUENCE_METHODS)}; got {method!r}.")
    _need(mentions, "author_id", "likes", "shares", "replies", where="influencer_score()", table="mentions")
    _need(accounts, "account_id", "handle", "followers", where="influencer_score() (accounts)", table="accounts")
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
        _need(mentions, "text", where="influencer_score(method='mentions')", table="mentions")
        named = mentions["text"].astype("object").str.findall(r"@(\w+)").explode().dropna()
        named = named.str.lower().value_counts()
        table["score"] = table["handle"].astype("object").str.lower().map(named).fillna(0)
    else:
        table["score"] = table[_SCORE_COLUMN[method]].astype("float64")
    keep = (table["followers"].fillna(0) >= min_followers) & (table["posts"] >= min_posts)
    table = table[keep].sort_values(["score", "engagements"], ascending=False, kind="mergesort")
    table["rank"] = np.arange(1, len(table) + 1)
    by_followers = table["followers"].fillna(0).sort_values(ascending=False, kind="mergesort")
    table["followers_rank"] = pd.Series(np.arange(1, len(table) + 1), index=by_followers.index)
    table.index.name = "author_id"
    return table


@metric("mentions", "accounts")
def compare_rankings(mentions: pd.DataFrame, accounts: pd.DataFrame, *, first: str = "followers",
                     second: str = "engagement", n: int = 10, min_followers: int = 0) -> pd.DataFrame:
    """The top ``n`` accounts by two ranking methods side by side: who is in both lists, who is in one only.

    One row per account in either top ``n`` (handle, role, followers, posts,
    engagements, ``rank_<first>``, ``rank_<second>``), ordered by the second
    ranking; an account missing from a top ``n`` still shows its rank. Cha et al.
    (ICWSM 2010) compared rankings this way and found the top users by followers,
    by retweets and by mentions overlap little (the "million follower fallacy").
    """
    rankings = {m: influencer_score(mentions, accounts, method=m, min_followers=min_followers)
                for m in dict.fromkeys((first, second))}
    tops = set(rankings[first].index[:n]) | set(rankings[second].index[:n])
    base = rankings[second].loc[sorted(tops, key=lambda a: rankings[second].at[a, "rank"])]
    shown = [c for c in ("handle", "role", "followers", "posts", "engagements") if c in base.columns]
    out = base[shown].copy()
    for method in (first, second):
        out[f"rank_{method}"] = rankings[method].loc[out.index, "rank"].astype(int)
    return out
