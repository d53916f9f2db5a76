"""Listening (module 01): mention volume and spikes, share of voice, net sentiment by group, rising topics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import _day_bound, _naive_utc, _require, metric, period_start

@metric("mentions")
def daily_volume(mentions: pd.DataFrame, *, by: str | None = "brand", brands=None,
                 start=None, end=None, time_col: str = "ts") -> pd.DataFrame | pd.Series:
    """Mentions per UTC day, one column per value of ``by`` (a Series when ``by=None``).

    Formula: count of posts whose ``time_col`` falls on each calendar day; days
    with no post are 0, so the series is ready for rolling statistics.
    ``brands`` keeps only those brands; ``start``/``end`` (dates, inclusive)
    restrict and extend the day range. Source: the "volume of mentions" metric of
    every social-listening tool (e.g. Brandwatch, Talkwalker documentation).
    """
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


@metric(counts=True)
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


@metric("mentions")
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


@metric("mentions")
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


@metric("mentions", "accounts")
def with_author_role(mentions: pd.DataFrame, accounts: pd.DataFrame, *,
                     columns=("role",)) -> pd.DataFrame:
    """Mentions with the author's ``role`` (and other account ``columns``) joined from ``accounts``.

    A left join on mentions.author_id = accounts.account_id, so no mention is lost;
    authors missing from ``accounts`` get empty values. Used for sentiment by
    stakeholder group: ``net_sentiment(with_author_role(m, a), by="role")``.
    """
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


@metric("mentions")
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


@metric("mentions")
def net_sentiment_by_group(mentions_by_role: pd.DataFrame, *, groups=None) -> pd.DataFrame:
    """Net sentiment (−100…+100) per stakeholder group (rows, in ``vocab.ROLE_ORDER``) and brand (columns).

    ``net_sentiment(…, by=["role", "brand"])`` laid out for a manager: the market's groups first,
    brand accounts and competitors' own accounts left out. Source: as ``net_sentiment``.
    """
    from socialkit.vocab import ROLE_ORDER

    _require(mentions_by_role, "role", "brand", where="net_sentiment_by_group (use mentions_by_role)")
    table = net_sentiment(mentions_by_role, by=["role", "brand"]).unstack("brand")
    order = [g for g in (groups or ROLE_ORDER) if g in table.index]
    return table.loc[order]
