"""The course's metrics as small pure functions on DataFrames.

Each function takes a table shaped like the sample data (see ``socialkit.schema``)
and returns a plain number, Series or DataFrame. Its docstring gives the formula
and where it comes from. Conventions:

- Percentages are 0–100 (a "%" in a name or docstring means that scale).
- Time buckets are UTC calendar days / weeks (Monday–Sunday) / months, labelled by
  their first day as a timezone-free timestamp in an index named ``period``
  (``day`` for daily series), so ``result.loc["2025-04-14"]`` works.
- Functions never modify the DataFrame they are given.
- A function given the wrong kind of input (a column of True/False where the
  rows it selects were meant, a number where a table is needed) raises
  ``WrongInput``, a TypeError whose message says in plain words what to write.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SENTIMENT_LABELS = ("positive", "neutral", "negative")


# ---------------------------------------------------------------- helpers

def _naive_utc(ts: pd.Series) -> pd.Series:
    """Timestamps as timezone-free UTC, so that periods and date strings line up."""
    ts = pd.to_datetime(ts)
    if getattr(ts.dt, "tz", None) is not None:
        ts = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    return ts


def period_start(ts: pd.Series, freq: str = "D") -> pd.Series:
    """The first day of the UTC day / week (Mon–Sun) / month each timestamp falls in (freq "D", "W", "M")."""
    codes = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}
    if freq not in codes:
        raise ValueError(f"freq must be one of {', '.join(codes)} (day, week, month, quarter, year); got {freq!r}.")
    naive = _naive_utc(ts)
    if freq == "D":
        return naive.dt.floor("D")
    return naive.dt.to_period(codes[freq]).dt.start_time


def _require(df: pd.DataFrame, *cols: str, where: str) -> None:
    """Fail with a plain sentence when a column the metric needs is missing."""
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(
            f"{where} needs the column(s) {', '.join(missing)}; the table has "
            f"{', '.join(map(str, df.columns))}."
        )


def _day_bound(value, *, end: bool) -> pd.Timestamp:
    """A date string as a naive UTC timestamp; an end date covers that whole day."""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    if end and stamp == stamp.normalize():
        stamp = stamp + pd.Timedelta(days=1)
    return stamp


# ---------------------------------------------------------------- refusing the wrong kind of input

class WrongInput(TypeError):
    """A metric was given a column, a condition or a number where it needs a table (or a column of counts).

    In Jupyter it shows as one short line instead of a traceback (IPython calls
    ``_render_traceback_`` when an exception defines it): the message already
    says what to write instead.
    """

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback."""
        return [f"TypeError: {self}"]


def _plain_kind(value) -> str:
    """A plain-words name for a value given where a table or column was needed (no programmer words)."""
    import numbers

    if isinstance(value, pd.DataFrame):
        return f"a whole table ({value.shape[1]} column{'s' if value.shape[1] != 1 else ''})"
    if isinstance(value, pd.Series):
        return "a column of True/False" if pd.api.types.is_bool_dtype(value) else "one column"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (bool, np.bool_)):
        return f"True/False ({bool(value)})"
    if isinstance(value, str):
        return f"text in quotes ({value!r})"
    if isinstance(value, numbers.Number):
        return f"a number ({value})"
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Index)):
        return "a list of values"
    if isinstance(value, dict):
        return "a dictionary"
    if type(value).__name__.endswith("GroupBy"):
        return "a table split into groups (after .groupby): give the table itself"
    return f"a value of the kind Python calls {type(value).__name__}"


def _need_table(value, function: str, table: str = "mentions") -> None:
    """Refuse anything but a table, saying in plain words what to write instead.

    The typical slip is the condition itself (a column of True/False) where the
    rows it selects were meant: the message shows ``table[ condition ]``.
    """
    if isinstance(value, pd.DataFrame):
        return
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value):
        raise WrongInput(f"{function}() needs rows of the table, not a column of True/False. To keep the "
                         f"rows where a condition is True, write {table}[ condition ].")
    if isinstance(value, pd.Series):
        name = f" ({value.name!r})" if isinstance(value.name, str) else ""
        raise WrongInput(f"{function}() needs rows of the table, not one column of it{name}. Give it the "
                         f"whole table, e.g. {table}, or some of its rows: {table}[ condition ].")
    raise WrongInput(f"{function}() needs a table such as {table}, not {_plain_kind(value)}.")


def _need_counts(value, function: str, example: str = 'daily_volume(mentions)["lumiere"]') -> None:
    """Refuse anything but one column of numbers (daily counts), saying what to write instead."""
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value):
        raise WrongInput(f"{function}() needs one column of daily counts, e.g. {example}, not a column "
                         f"of True/False.")
    if isinstance(value, pd.Series) and not pd.api.types.is_numeric_dtype(value):
        raise WrongInput(f"{function}() needs one column of daily counts (numbers), e.g. {example}, not a "
                         f"column of text.")
    if isinstance(value, pd.DataFrame):
        raise WrongInput(f"{function}() needs one column of daily counts, e.g. {example}, not "
                         f"{_plain_kind(value)}: pick one column by its name.")
    if not isinstance(value, pd.Series):
        raise WrongInput(f"{function}() needs one column of daily counts, e.g. {example}, not "
                         f"{_plain_kind(value)}.")


# ---------------------------------------------------------------- module 01 · listen

def daily_volume(mentions: pd.DataFrame, *, by: str | None = "brand", brands=None,
                 start=None, end=None, time_col: str = "ts") -> pd.DataFrame | pd.Series:
    """Mentions per UTC day, one column per value of ``by`` (a Series when ``by=None``).

    Formula: count of posts whose ``time_col`` falls on each calendar day; days
    with no post are 0, so the series is ready for rolling statistics.
    ``brands`` keeps only those brands; ``start``/``end`` (dates, inclusive)
    restrict and extend the day range. Source: the "volume of mentions" metric of
    every social-listening tool (e.g. Brandwatch, Talkwalker documentation).
    """
    _need_table(mentions, "daily_volume")
    _require(mentions, time_col, *( [by] if by else []), where="daily_volume")
    df = mentions
    if brands is not None:
        _require(df, "brand", where="daily_volume(brands=...)")
        wanted = [brands] if isinstance(brands, str) else list(brands)
        df = df[df["brand"].isin(wanted)]
    day = period_start(df[time_col], "D")
    first = _day_bound(start, end=False) if start is not None else day.min()
    last = _day_bound(end, end=True) - pd.Timedelta(days=1) if end is not None else day.max()
    if pd.isna(first) or pd.isna(last):
        days = pd.DatetimeIndex([], name="day")
    else:
        days = pd.date_range(first.normalize(), last.normalize(), freq="D", name="day")
    if by is None:
        counts = day.value_counts().reindex(days, fill_value=0).astype("int64")
        counts.name = "mentions"
        return counts
    keys = df[by]
    table = pd.crosstab(day.rename("day"), keys)
    if isinstance(keys.dtype, pd.CategoricalDtype):
        cats = list(keys.cat.categories)
        if brands is not None and by == "brand":
            cats = [c for c in cats if c in wanted]
        table = table.reindex(columns=cats, fill_value=0)
    table = table.reindex(days, fill_value=0).astype("int64")
    table.columns = pd.Index(list(table.columns), name=by)
    return table


def spikes(counts: pd.Series, *, window: int = 7, threshold: float = 2.0,
           exclude_current: bool = False) -> pd.DataFrame:
    """Rolling z-scores of a daily count series and the days that should raise an alert.

    Formula: z_t = (x_t − mean_t) / sd_t, where mean_t and sd_t (sample standard
    deviation) are taken over the ``window`` days ending on day t; alert when
    z_t ≥ ``threshold`` (2 by default). Caveat: with that window the spike is part
    of its own baseline, which inflates mean and sd and shrinks z (with a 7-day
    window z can never exceed (n−1)/√n ≈ 2.27). ``exclude_current=True`` uses the
    ``window`` days *before* day t instead (a shifted window), the usual fix.
    Days before a full window exists, or with sd = 0, get z = NaN and no alert.
    Source: the standard z-score anomaly rule (e.g. NIST/SEMATECH e-Handbook of
    Statistical Methods, control charts); Brandwatch and Talkwalker "spike alerts".
    Returns columns count, baseline_mean, baseline_sd, z, alert.
    """
    _need_counts(counts, "spikes")
    x = counts.astype("float64")
    base = x.shift(1) if exclude_current else x
    roll = base.rolling(window, min_periods=window)
    mean = roll.mean()
    sd = roll.std(ddof=1)
    z = (x - mean) / sd.where(sd > 0)
    return pd.DataFrame({
        "count": counts,
        "baseline_mean": mean,
        "baseline_sd": sd,
        "z": z,
        "alert": (z >= threshold).fillna(False).astype(bool),
    })


def share_of_voice(mentions: pd.DataFrame, *, brand: str | None = None,
                   freq: str | None = None, brand_col: str = "brand"):
    """Share of voice in %: a brand's mentions / all tracked brands' mentions × 100.

    Overall (``freq=None``): a Series brand → % (sums to 100), or one float with
    ``brand=``. Per period (``freq`` "D"/"W"/"M"): a DataFrame period × brand,
    each row summing to 100 (or a Series for one ``brand``). Periods with no
    mention at all are left out. Source: share of voice as defined by social
    listening vendors (e.g. Sprout Social, "How to calculate share of voice";
    Brandwatch), originally an advertising-spend measure.
    """
    _need_table(mentions, "share_of_voice")
    _require(mentions, brand_col, where="share_of_voice")
    keys = mentions[brand_col]
    if freq is None:
        counts = keys.value_counts(sort=False)
        if isinstance(keys.dtype, pd.CategoricalDtype):
            counts = counts.reindex(keys.cat.categories, fill_value=0)
        total = counts.sum()
        sov = (100 * counts / total) if total else counts.astype("float64") * np.nan
        sov.name = "share_of_voice_pct"
        sov.index.name = brand_col
        if brand is not None:
            return float(sov.get(brand, 0.0)) if total else float("nan")
        return sov
    _require(mentions, "ts", where="share_of_voice(freq=...)")
    table = pd.crosstab(period_start(mentions["ts"], freq).rename("period"), keys)
    if isinstance(keys.dtype, pd.CategoricalDtype):
        table = table.reindex(columns=keys.cat.categories, fill_value=0)
    table.columns = pd.Index(list(table.columns), name=brand_col)
    sov = 100 * table.div(table.sum(axis=1), axis=0)
    if brand is not None:
        return sov[brand].rename("share_of_voice_pct") if brand in sov else pd.Series(
            0.0, index=sov.index, name="share_of_voice_pct")
    return sov


def net_sentiment(df: pd.DataFrame, *, by=None, freq: str | None = None,
                  sentiment_col: str = "true_sentiment"):
    """Net sentiment = % positive − % negative, from −100 (all negative) to +100 (all positive).

    Neutral posts count in the denominator (they dilute both shares). Overall: a
    float; ``by`` (a column name or list of them, e.g. "brand" or "role" after
    ``with_author_role``) and/or ``freq`` ("D"/"W"/"M"): a Series, or a DataFrame
    period × group when both are given. Rows with no sentiment label are ignored.
    Source: Sprout Social and Brandwatch "net sentiment score" definitions
    ((positive − negative) / all mentions × 100).
    """
    _need_table(df, "net_sentiment")
    _require(df, sentiment_col, where="net_sentiment")
    labels = df[sentiment_col]
    known = labels.notna()
    score = pd.Series(
        np.select([labels == "positive", labels == "negative"], [100.0, -100.0], 0.0),
        index=df.index,
    )[known]
    keys = []
    if freq is not None:
        _require(df, "ts", where="net_sentiment(freq=...)")
        keys.append(period_start(df.loc[known, "ts"], freq).rename("period"))
    if by is not None:
        for col in [by] if isinstance(by, str) else list(by):
            _require(df, col, where="net_sentiment(by=...)")
            keys.append(df.loc[known, col])
    if not keys:
        return float(score.mean()) if len(score) else float("nan")
    result = score.groupby(keys, observed=True).mean().rename("net_sentiment")
    if freq is not None and by is not None and isinstance(by, str):
        return result.unstack(by)
    return result


def with_author_role(mentions: pd.DataFrame, accounts: pd.DataFrame, *,
                     columns=("role",)) -> pd.DataFrame:
    """Mentions with the author's ``role`` (and other account ``columns``) joined from ``accounts``.

    A left join on mentions.author_id = accounts.account_id, so no mention is lost;
    authors missing from ``accounts`` get empty values. Used for sentiment by
    stakeholder group: ``net_sentiment(with_author_role(m, a), by="role")``.
    """
    _need_table(mentions, "with_author_role")
    _need_table(accounts, "with_author_role", "accounts")
    _require(mentions, "author_id", where="with_author_role")
    _require(accounts, "account_id", *columns, where="with_author_role (accounts)")
    extra = accounts[["account_id", *columns]].drop_duplicates("account_id")
    clash = [c for c in columns if c in mentions.columns]
    if clash:
        extra = extra.rename(columns={c: f"author_{c}" for c in clash})
    merged = mentions.merge(extra, how="left", left_on="author_id", right_on="account_id",
                            validate="many_to_one")
    merged.index = mentions.index
    if "account_id" not in mentions.columns:
        merged = merged.drop(columns="account_id")
    return merged


def rising_topics(mentions: pd.DataFrame, start, end, *, previous_start=None,
                  previous_end=None, min_mentions: int = 5,
                  topic_col: str = "topic") -> pd.DataFrame:
    """Topics whose share of the conversation grew most between a previous period and this one.

    share_p(topic) = mentions of the topic in period p / all mentions in p × 100.
    change_pts = share_current − share_previous (percentage points); ``lift`` =
    share_current / share_previous (inf for a topic new this period). Periods are
    inclusive UTC dates; the previous period defaults to the same number of days
    just before ``start``. Topics with fewer than ``min_mentions`` mentions in the
    current period are dropped (small counts make wild ratios). Sorted by
    change_pts, largest rise first. Source: trending-topic detection in social
    listening tools (share-of-conversation growth, e.g. Talkwalker "trending
    topics"); comparing shares rather than counts removes overall volume swings.
    """
    _need_table(mentions, "rising_topics")
    _require(mentions, "ts", topic_col, where="rising_topics")
    cur_a, cur_b = _day_bound(start, end=False), _day_bound(end, end=True)
    if previous_start is None or previous_end is None:
        length = cur_b - cur_a
        prev_a, prev_b = cur_a - length, cur_a
    else:
        prev_a, prev_b = _day_bound(previous_start, end=False), _day_bound(previous_end, end=True)
    ts = _naive_utc(mentions["ts"])
    topics = mentions[topic_col].astype("object")
    in_current, in_previous = (ts >= cur_a) & (ts < cur_b), (ts >= prev_a) & (ts < prev_b)
    current = topics[in_current].value_counts()
    previous = topics[in_previous].value_counts()
    out = pd.DataFrame({"mentions_current": current, "mentions_previous": previous}).fillna(0)
    out = out.astype("int64")
    # Divide by every mention of the period, posts without a topic included (as the docstring says).
    out["share_current_pct"] = 100 * out["mentions_current"] / max(int(in_current.sum()), 1)
    out["share_previous_pct"] = 100 * out["mentions_previous"] / max(int(in_previous.sum()), 1)
    out["change_pts"] = out["share_current_pct"] - out["share_previous_pct"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["lift"] = out["share_current_pct"] / out["share_previous_pct"]
    out = out[out["mentions_current"] >= min_mentions]
    out.index.name = topic_col
    return out.sort_values(["change_pts", "mentions_current"], ascending=False)


# ---------------------------------------------------------------- module 02 · speak

def engagements(posts: pd.DataFrame, *, include_clicks: bool = False) -> pd.Series:
    """Engagements per post = likes + shares + comments (``replies`` in ``mentions``) [+ link_clicks].

    Link clicks are left out by default because most platforms' public
    "engagement" counts leave them out; ``include_clicks=True`` adds them, as
    Iconosquare's Facebook engagement rate does. Source: Hootsuite and
    Iconosquare engagement-rate help pages.
    """
    _need_table(posts, "engagements", "brand_posts")
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


def post_engagement_rates(posts: pd.DataFrame, *, per: str = "reach",
                          accounts: pd.DataFrame | None = None,
                          include_clicks: bool = False) -> pd.Series:
    """Each post's engagement rate in %: engagements / reach (or followers, impressions) × 100.

    A post with a zero or unknown denominator gets NaN. Source: engagement rate
    by reach (ERR) and by followers, e.g. Iconosquare, "How are the Facebook
    engagement/reach rates calculated"; Hootsuite, "How to calculate engagement rate".
    """
    _need_table(posts, "post_engagement_rates", "brand_posts")
    denom = _denominator(posts, per, accounts)
    rate = 100 * engagements(posts, include_clicks=include_clicks) / denom.where(denom > 0)
    return rate.rename(f"engagement_rate_{per}_pct")


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
    _need_table(posts, "engagement_rate", "brand_posts")
    denom = _denominator(posts, per, accounts)
    eng = engagements(posts, include_clicks=include_clicks)
    ok = denom.notna() & (denom > 0)
    if by is None:
        total = denom[ok].sum()
        return float(100 * eng[ok].sum() / total) if total else float("nan")
    keys = [posts.loc[ok, c] for c in ([by] if isinstance(by, str) else by)]
    sums = pd.DataFrame({"eng": eng[ok], "denom": denom[ok]}).groupby(keys, observed=True).sum()
    return (100 * sums["eng"] / sums["denom"]).rename(f"engagement_rate_{per}_pct")


def kaushik_rates(posts: pd.DataFrame, *, by=None):
    """Conversation, amplification and applause rates: comments, shares and likes per post.

    conversation_rate = comments (replies) / posts; amplification_rate = shares /
    posts; applause_rate = likes / posts. Units: per post (not %). Source: Avinash
    Kaushik (2011), "Best Social Media Metrics: Conversation, Amplification,
    Applause, Economic Value", Occam's Razor blog (kaushik.net). Returns a Series
    (overall) or a DataFrame with one row per ``by`` group, plus the post count.
    """
    _need_table(posts, "kaushik_rates", "brand_posts")
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


def answer_rate(df: pd.DataFrame, *, answered_col: str = "first_response_at",
                question_col: str | None = "is_question") -> float:
    """Answer rate in %: customer questions that got an answer / all customer questions × 100.

    A row is answered when ``answered_col`` is true (a flag) or not empty (a
    time). Only rows flagged by ``question_col`` count when that column exists;
    ``question_col=None`` counts every row. Source: Sprout Social Index
    (response rate to messages needing a reply); Socialbakers "Socially Devoted"
    (answered questions / questions asked).
    """
    _need_table(df, "answer_rate", "threads")
    _require(df, answered_col, where="answer_rate")
    rows = df
    if question_col is not None and question_col in df.columns:
        rows = df[df[question_col].fillna(False).astype(bool)]
    if not len(rows):
        return float("nan")
    return float(100 * _answered(rows, answered_col).mean())


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
    _need_table(mentions, "influencer_score")
    _need_table(accounts, "influencer_score", "accounts")
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


# ---------------------------------------------------------------- module 03 · debate

def response_hours(threads: pd.DataFrame) -> pd.Series:
    """Hours from the customer's post to the first answer (NaN when never answered)."""
    _need_table(threads, "response_hours", "threads")
    _require(threads, "opened_at", "first_response_at", where="response_hours")
    delta = pd.to_datetime(threads["first_response_at"]) - pd.to_datetime(threads["opened_at"])
    return (delta.dt.total_seconds() / 3600).rename("response_hours")


def response_rate(threads: pd.DataFrame, *, by=None):
    """Response rate in %: threads with at least one answer / all threads × 100.

    Source: Sprout Social Index ("response rate"); the Socialbakers Socially
    Devoted benchmark. ``by``: a column → one rate per group.
    """
    _need_table(threads, "response_rate", "threads")
    _require(threads, "first_response_at", where="response_rate")
    answered = threads["first_response_at"].notna().astype("float64") * 100
    if by is None:
        return float(answered.mean()) if len(answered) else float("nan")
    return answered.groupby(threads[by], observed=True).mean().rename("response_rate_pct")


def first_response_time(threads: pd.DataFrame, *, by=None):
    """Median and 90th-percentile first-response time in hours, over answered threads only.

    Unanswered threads have no response time and are left out here (see
    ``response_rate`` and ``sla_compliance``, which count them). Medians and p90
    rather than means because response times are heavily right-skewed. Source:
    Sprout Social Index and Zendesk "first reply time" (reported as median and
    percentiles). Returns a Series (median_hours, p90_hours, answered) or a
    DataFrame with one row per ``by`` group.
    """
    _need_table(threads, "first_response_time", "threads")
    hours = response_hours(threads)

    def summary(h: pd.Series) -> pd.Series:
        h = h.dropna()
        return pd.Series({"median_hours": h.median() if len(h) else np.nan,
                          "p90_hours": h.quantile(0.9) if len(h) else np.nan,
                          "answered": float(len(h))})

    if by is None:
        return summary(hours)
    return hours.groupby(threads[by], observed=True).apply(summary).unstack()


def sla_compliance(threads: pd.DataFrame, *, hours=(1, 24), unanswered: str = "miss", by=None):
    """SLA compliance in %: threads answered within each target (1 h, 24 h) / threads × 100.

    ``unanswered="miss"`` (default) keeps never-answered threads in the
    denominator as failures: a customer nobody answered was not served within
    any target, and dropping them would reward ignoring hard cases.
    ``unanswered="exclude"`` measures only answered threads. A response exactly
    at the target counts as within it. Source: customer-service SLA definitions
    (Zendesk "SLA policies": % of tickets meeting the first-reply target).
    Returns a Series within_1h_pct, within_24h_pct… (DataFrame with ``by``).
    """
    _need_table(threads, "sla_compliance", "threads")
    if unanswered not in ("miss", "exclude"):
        raise ValueError(f"unanswered must be 'miss' or 'exclude'; got {unanswered!r}.")
    h = response_hours(threads)
    targets = [hours] if np.isscalar(hours) else list(hours)
    rows = h.notna() if unanswered == "exclude" else pd.Series(True, index=h.index)
    frame = pd.DataFrame({
        f"within_{t:g}h_pct": (h <= t).astype("float64") * 100 for t in targets
    })[rows]
    if by is None:
        return frame.mean()
    return frame.groupby(threads.loc[rows, by], observed=True).mean()


def private_share(threads: pd.DataFrame) -> float:
    """Share moved to private in %: answered threads moved to a private message / answered threads × 100.

    Only answered threads can move to private, so they form the denominator.
    Source: the "take it offline" practice in customer-care playbooks (e.g.
    Sprout Social, "How to handle negative comments on social media").
    """
    _need_table(threads, "private_share", "threads")
    _require(threads, "moved_to_private", "first_response_at", where="private_share")
    answered = threads[threads["first_response_at"].notna()]
    if not len(answered):
        return float("nan")
    return float(100 * answered["moved_to_private"].astype(bool).mean())


def resolution_rate(threads: pd.DataFrame, *, by=None, answered_only: bool = False):
    """Resolution rate in %: resolved threads / threads × 100 (overall, or per ``by`` group).

    ``answered_only=True`` leaves out never-answered threads. Source: Zendesk
    "resolution rate" (solved tickets / tickets).
    """
    _need_table(threads, "resolution_rate", "threads")
    _require(threads, "resolved", where="resolution_rate")
    rows = threads[threads["first_response_at"].notna()] if answered_only else threads
    resolved = rows["resolved"].astype(bool).astype("float64") * 100
    if by is None:
        return float(resolved.mean()) if len(resolved) else float("nan")
    return resolved.groupby(rows[by], observed=True).mean().rename("resolution_rate_pct")


def resolution_public_vs_private(threads: pd.DataFrame) -> pd.Series:
    """Resolution rate in % of answered threads kept in public vs moved to private (index public, private).

    Compares like with like: only answered threads, since an unanswered thread
    was never "argued in public". Source: as ``resolution_rate``.
    """
    _need_table(threads, "resolution_public_vs_private", "threads")
    _require(threads, "moved_to_private", "resolved", "first_response_at",
             where="resolution_public_vs_private")
    answered = threads[threads["first_response_at"].notna()]
    channel = answered["moved_to_private"].astype(bool).map({False: "public", True: "private"})
    rates = (answered["resolved"].astype(bool).astype("float64") * 100).groupby(channel).mean()
    return rates.reindex(["public", "private"]).rename("resolution_rate_pct")


def sentiment_change(threads: pd.DataFrame, *, by=None, answered_only: bool = True):
    """Customer sentiment before vs after the reply: mean before, mean after and mean change (−2..+2).

    change = sentiment_after − sentiment_before per thread, averaged; sentiments
    are on the −1..+1 scale of the data. By default only answered threads (the
    effect of a reply). Source: "sentiment shift" in customer-care analytics
    (e.g. Sprout Social, Brandwatch customer-care reports).
    Returns a Series (before, after, change, threads) or a DataFrame per ``by`` group.
    """
    _need_table(threads, "sentiment_change", "threads")
    _require(threads, "sentiment_before", "sentiment_after", where="sentiment_change")
    rows = threads[threads["first_response_at"].notna()] if answered_only else threads
    frame = pd.DataFrame({
        "before": rows["sentiment_before"].astype("float64"),
        "after": rows["sentiment_after"].astype("float64"),
    })
    frame["change"] = frame["after"] - frame["before"]
    if by is None:
        out = frame.mean()
        out["threads"] = float(len(frame))
        return out
    grouped = frame.groupby(rows[by], observed=True)
    out = grouped.mean()
    out["threads"] = grouped.size().astype("float64")
    return out


def backlash_half_life(counts: pd.Series, *, peak=None, baseline_days: int = 28) -> float:
    """Days for a spike's excess over the baseline to fall to half its peak value.

    baseline = median of the ``baseline_days`` values before the peak (median, so
    earlier small spikes barely move it); excess_t = x_t − baseline. Walking
    forward from the peak (the series maximum, or the label ``peak``), the
    half-life is the first time excess ≤ excess_peak / 2, interpolated linearly
    between the two days around the crossing. Works on daily counts or on a
    daily % negative. NaN when the series never falls that far. Source: the
    half-life of exponential decay, used for the decay of collective attention
    online (Wu & Huberman 2007, "Novelty and collective attention", PNAS).
    """
    _need_counts(counts, "backlash_half_life")
    x = counts.astype("float64").reset_index(drop=True)
    if x.dropna().empty:
        return float("nan")
    at = int(x.idxmax()) if peak is None else int(counts.index.get_loc(peak))
    before = x.iloc[max(0, at - baseline_days):at].dropna()
    if before.empty:
        raise ValueError("backlash_half_life needs some days before the peak to measure the baseline.")
    baseline = before.median()
    excess = x - baseline
    half = excess.iloc[at] / 2
    if not half > 0:
        return float("nan")
    for t in range(at + 1, len(x)):
        if excess.iloc[t] <= half:
            previous = excess.iloc[t - 1]
            return float(t - 1 - at + (previous - half) / (previous - excess.iloc[t]))
    return float("nan")
