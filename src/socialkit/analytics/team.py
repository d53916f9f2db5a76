"""Following your team (module 07): who is on which platform, who posts, how far employees' voices reach
compared with the brand's own accounts, what staff post about and how it sounds, and how much of an
archive of staff posts a stated purpose actually needs (data minimisation).

Every rate here is computed for a group (a team, the programme members, the whole staff), never to
rank one person: that is the point of the module's privacy section.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.analytics._inputs import WrongInput, _require, metric
from socialkit.schema import PLATFORMS

ANY_PLATFORM = "any"  # the column of ``platform_adoption`` for "active on at least one platform"
BRAND_ROWS = ("Café Lumière's own accounts", "employees who posted about Café Lumière",
              "… of them, advocacy programme members")
PURPOSE_ROWS = ("names Café Lumière, by a programme member", "names Café Lumière, by another employee",
                "does not name Café Lumière")


def _staff_then_posts(employees: pd.DataFrame, employee_posts: pd.DataFrame, where: str) -> None:
    """Refuse the two tables given the wrong way round (posts first, employees second), in plain words."""
    if "ts" in employees.columns and "ts" not in employee_posts.columns and "team" in employee_posts.columns:
        raise WrongInput(f"{where}() got the two tables the wrong way round: give the employees first, then their "
                         f"posts, e.g. {where}(employees[ condition ], employee_posts[ condition ], …).")


def _team_order(values) -> list:
    """The groups present, teams in the kit's order (front line first), any other value sorted after."""
    from socialkit.vocab import TEAM_ORDER

    present = [v for v in pd.unique(pd.Series(list(values), dtype="object").dropna())]
    known = [t for t in TEAM_ORDER if t in present]
    return known + sorted((v for v in present if v not in known), key=str)


def _check_platform(platform, where: str) -> None:
    """Refuse a platform the data does not have, naming the ones it has."""
    if platform is not None and platform not in PLATFORMS:
        raise WrongInput(f"{where}: there is no platform {platform!r}; platforms are written "
                         f"{', '.join(repr(p) for p in PLATFORMS)}.")


def _by_columns(by, employees: pd.DataFrame, where: str) -> tuple[str | None, bool]:
    """(the employees' column to group by or None, whether to split by platform too) from ``by``."""
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    split = "platform" in keys
    rest = [k for k in keys if k != "platform"]
    if len(rest) > 1:
        raise WrongInput(f"{where}: by= takes one column of employees (e.g. \"team\"), \"platform\", or both "
                         f"as [\"team\", \"platform\"]; got {by!r}.")
    if rest:
        _require(employees, rest[0], where=f"{where}(by=...)")
    return (rest[0] if rest else None), split


def _group_labels(employees: pd.DataFrame, column: str) -> list:
    """Every group of ``column`` among the employees given (teams in the kit's order)."""
    values = employees[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        used = set(values.dropna().astype("object"))
        return [c for c in _team_order(values.cat.categories) if c in used]
    return _team_order(values)


def _shares(active: pd.DataFrame, employees: pd.DataFrame, group: str | None, split: bool, name: str):
    """% of headcount: ``active`` holds one row per active (employee[, platform]) with the group column."""
    if group is None:
        headcount = len(employees)
        if not split:
            return 100 * len(active) / headcount if headcount else float("nan")
        counts = active["platform"].astype("object").value_counts().reindex(list(PLATFORMS), fill_value=0)
        result = 100 * counts / headcount if headcount else counts * np.nan
        result.index.name = "platform"
        return result.rename(name)
    labels = _group_labels(employees, group)
    headcount = employees[group].astype("object").value_counts().reindex(labels)
    if not split:
        counts = active[group].astype("object").value_counts().reindex(labels, fill_value=0)
        result = (100 * counts / headcount).rename(name)
        result.index.name = group
        return result
    table = pd.crosstab(active[group].astype("object"), active["platform"].astype("object"))
    table = table.reindex(index=labels, columns=list(PLATFORMS), fill_value=0)
    result = 100 * table.div(headcount, axis=0)
    result.index.name, result.columns.name = group, "platform"
    return result


@metric("employees", "employee_posts")
def participation_rate(employees: pd.DataFrame, employee_posts: pd.DataFrame, *, by=None, platform=None,
                       about_company: bool = False):
    """Participation rate in %: employees who posted at least once ÷ headcount × 100.

    The headcount is every row of ``employees`` given (keep the rows of a team first to get that team's
    rate); an employee counts as active when ``employee_posts`` (keep the rows of a period first) holds
    at least one of their posts — on ``platform`` only if given, naming Café Lumière only if
    ``about_company=True``. ``by``: a column of employees such as "team" (a Series, one rate per
    group), "platform" (one rate per platform), or ["team", "platform"] (a table: the team social
    map). Without ``by``: one number. Source: "percent of employees sharing content", the first of
    Sprinklr's "7 metrics you need to measure your employee advocacy program" (Sprinklr, 2021).
    """
    _staff_then_posts(employees, employee_posts, "participation_rate")
    _require(employees, "employee_id", where="participation_rate")
    _require(employee_posts, "employee_id", *(["platform"] if platform or by is not None else []),
             where="participation_rate (employee_posts)")
    _check_platform(platform, "participation_rate")
    group, split = _by_columns(by, employees, "participation_rate")
    posts = employee_posts
    if about_company:
        _require(posts, "mentions_company", where="participation_rate(about_company=True)")
        posts = posts[posts["mentions_company"].astype(bool)]
    if platform is not None:
        posts = posts[posts["platform"] == platform]
    keys = ["employee_id", "platform"] if split else ["employee_id"]
    active = posts[keys].drop_duplicates()
    active = active[active["employee_id"].isin(employees["employee_id"])]
    if group is not None:
        active = active.merge(employees[["employee_id", group]].drop_duplicates("employee_id"), on="employee_id")
    return _shares(active, employees, group, split, "participation_pct")


@metric("employees")
def platform_adoption(employees: pd.DataFrame, *, by: str | None = "team"):
    """% of each group active on each platform, from the staff survey's ``active_<platform>`` flags.

    adoption(group, platform) = employees of the group who say they are active on the platform ÷ the
    group's headcount × 100; the column "any" is the share active on at least one platform. ``by``: a
    column of employees (default "team"; a table group × platform) or None (one row for everyone, as a
    Series). Source: the adoption rate of survey research, e.g. Pew Research Center's "Social Media Fact
    Sheet" (share of adults who say they ever use each platform).
    """
    flags = [f"active_{p}" for p in PLATFORMS]
    _require(employees, *flags, where="platform_adoption")
    active = employees[flags].astype(bool)
    active.columns = list(PLATFORMS)
    active[ANY_PLATFORM] = active.any(axis=1)
    if by is None:
        result = 100 * active.mean() if len(active) else active.sum() * np.nan
        result.index.name = "platform"
        return result.rename("adoption_pct")
    _require(employees, by, where="platform_adoption(by=...)")
    labels = _group_labels(employees, by)
    result = 100 * active.groupby(employees[by].astype("object")).mean().reindex(labels)
    result.index.name, result.columns.name = by, "platform"
    return result


@metric("employees", "employee_posts")
def advocacy_reach(employees: pd.DataFrame, employee_posts: pd.DataFrame, *, by: str | None = None,
                   platform: str | None = None):
    """Potential advocacy reach: the sum of the followers of the employees who posted about Café Lumière.

    Σ followers over the distinct employees of ``employees`` with at least one post naming Café
    Lumière (``mentions_company``) among ``employee_posts`` (on ``platform`` only, if given). An upper
    bound, never the number of people reached: a person who follows two colleagues and the brand is
    counted once per account they follow, and not every follower sees every post. ``by``: a column of
    employees (e.g. "team") for one sum per group. The staff survey gives each employee's followers on their
    main platform only, so with ``platform=`` the sum is rougher still (it keeps who posted there, not their
    audience there). Source: the "reach" of employee-advocacy tools, the
    sum of the advocates' followers, to be read as a potential audience (Please Share help centre,
    "What is reach?").
    """
    _staff_then_posts(employees, employee_posts, "advocacy_reach")
    _require(employees, "employee_id", "followers", where="advocacy_reach")
    _require(employee_posts, "employee_id", "mentions_company", where="advocacy_reach (employee_posts)")
    _check_platform(platform, "advocacy_reach")
    posts = employee_posts[employee_posts["mentions_company"].astype(bool)]
    if platform is not None:
        _require(posts, "platform", where="advocacy_reach(platform=...)")
        posts = posts[posts["platform"] == platform]
    sharers = employees[employees["employee_id"].isin(posts["employee_id"])].drop_duplicates("employee_id")
    if by is None:
        return int(sharers["followers"].sum())
    _require(employees, by, where="advocacy_reach(by=...)")
    labels = _group_labels(employees, by)
    result = sharers.groupby(sharers[by].astype("object"))["followers"].sum().reindex(labels, fill_value=0)
    result.index.name = by
    return result.astype("int64").rename("followers")


@metric("accounts")
def brand_reach(accounts: pd.DataFrame) -> int:
    """The brand's own audience: the sum of the followers of Café Lumière's own accounts (role "brand").

    Σ followers over the accounts whose role is "brand" (the main account and the city accounts). Also an
    upper bound, for the same reason as ``advocacy_reach``: one person may follow two of them. Source:
    "audience size" as the total followers of a brand's profiles (e.g. Sprout Social's profile reports).
    """
    _require(accounts, "role", "followers", where="brand_reach")
    return int(accounts.loc[accounts["role"].astype("object") == "brand", "followers"].sum())


@metric("employees", "employee_posts", "accounts")
def advocacy_vs_brand(employees: pd.DataFrame, employee_posts: pd.DataFrame, accounts: pd.DataFrame) -> pd.DataFrame:
    """The brand's own followers next to the potential reach of the employees who posted about it.

    Three rows — the brand's own accounts, every employee who posted about Café Lumière, and those of
    them in the advocacy programme — with ``people`` (accounts or employees), ``followers`` (their sum)
    and ``times_brand`` (followers ÷ the brand's own followers). Sums of followers overstate the people
    reached (see ``advocacy_reach``). Source: as ``advocacy_reach`` and ``brand_reach``.
    """
    _require(employees, "advocacy_opt_in", where="advocacy_vs_brand")
    _require(employee_posts, "employee_id", "mentions_company", where="advocacy_vs_brand (employee_posts)")
    named = employee_posts.loc[employee_posts["mentions_company"].astype(bool), "employee_id"]
    sharers = employees[employees["employee_id"].isin(named)]
    members = sharers[sharers["advocacy_opt_in"].astype(bool)]
    brand = brand_reach(accounts)
    own = int((accounts["role"].astype("object") == "brand").sum())
    table = pd.DataFrame({
        "people": [own, len(sharers), len(members)],
        "followers": [brand, advocacy_reach(employees, employee_posts),
                      advocacy_reach(members, employee_posts)],
    }, index=pd.Index(BRAND_ROWS, name="who"))
    table["times_brand"] = table["followers"] / brand if brand else np.nan
    return table


@metric("employee_posts", "employees")
def with_employee(employee_posts: pd.DataFrame, employees: pd.DataFrame, *,
                  columns=("team", "advocacy_opt_in")) -> pd.DataFrame:
    """Employees' posts with their author's ``team`` (and other ``columns``) joined from ``employees``.

    A left join on employee_posts.employee_id = employees.employee_id, so no post is lost; used for the
    topic mix of one team: ``topic_mix(with_employee(p, e)[lambda t: t["team"] == "cafes"])``.
    """
    columns = [columns] if isinstance(columns, str) else list(columns)
    _require(employee_posts, "employee_id", where="with_employee")
    _require(employees, "employee_id", *columns, where="with_employee (employees)")
    extra = employees[["employee_id", *columns]].drop_duplicates("employee_id")
    merged = employee_posts.merge(extra, how="left", on="employee_id", suffixes=("", "_author"),
                                  validate="many_to_one")
    merged.index = employee_posts.index
    return merged


@metric("employee_posts")
def topic_mix(employee_posts: pd.DataFrame, *, by: str | None = None):
    """Topic mix in %: the posts about each topic ÷ all the posts given × 100, largest topic first.

    Without ``by``: a Series topic → % (sums to 100). With ``by`` (a column such as "mentions_company",
    or "team" after ``with_employee``): a table topic × group, each column summing to 100. Source:
    content analysis by share of posts per category, as social-listening tools report "topics" (e.g.
    Brandwatch, "Topic analysis"; Talkwalker "topics").
    """
    _require(employee_posts, "topic", where="topic_mix")
    topics = employee_posts["topic"].astype("object")
    if by is None:
        counts = topics.value_counts()
        total = counts.sum()
        result = 100 * counts / total if total else counts.astype("float64")
        result.index.name = "topic"
        return result.rename("share_pct")
    _require(employee_posts, by, where="topic_mix(by=...)")
    table = pd.crosstab(topics.rename("topic"), employee_posts[by].astype("object"))
    table = 100 * table.div(table.sum(axis=0), axis=1)
    order = topics.value_counts().index
    table = table.reindex(order)
    table.columns.name = by
    return table


@metric("employee_posts")
def with_auto_sentiment(employee_posts: pd.DataFrame) -> pd.DataFrame:
    """A copy of the posts with ``auto_sentiment``: what the scorers of ``socialkit.sentiment`` read.

    VADER for English, textblob-fr for French (positive, neutral or negative at ±0.05), each distinct
    text scored once. No person read these posts: it is a thermometer for many posts, not a judge of
    one (module 1, section 5). Source: Hutto & Gilbert (ICWSM 2014) for VADER; textblob-fr.
    """
    from socialkit import sentiment

    _require(employee_posts, "text", "lang", where="with_auto_sentiment")
    scored = employee_posts.copy()
    scored["auto_sentiment"] = sentiment.label_series(scored["text"], scored["lang"])
    return scored


@metric("employee_posts")
def topic_mood(employee_posts: pd.DataFrame) -> pd.DataFrame:
    """Per topic: how many posts, their share of all posts (%), and their automatic net sentiment.

    net sentiment = % positive − % negative of the automatic labels (−100…+100), as
    ``analytics.net_sentiment``; uses the column ``auto_sentiment`` when present (``with_auto_sentiment``),
    else scores the texts. Largest topic first. Source: as ``topic_mix`` and ``net_sentiment``.
    """
    from socialkit.analytics.listening import net_sentiment

    _require(employee_posts, "topic", where="topic_mood")
    scored = employee_posts if "auto_sentiment" in employee_posts.columns else with_auto_sentiment(employee_posts)
    counts = scored["topic"].astype("object").value_counts()
    mood = net_sentiment(scored.assign(topic=scored["topic"].astype("object")), by="topic",
                         sentiment_col="auto_sentiment")
    total = counts.sum()
    table = pd.DataFrame({"posts": counts, "share_pct": 100 * counts / total if total else counts * np.nan,
                          "net_sentiment": mood.reindex(counts.index)})
    table.index.name = "topic"
    return table


@metric("employee_posts", "employees")
def posts_by_purpose(employee_posts: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    """How much of an archive of staff posts the advocacy programme needs: posts and % of the archive.

    Three rows: posts naming Café Lumière by a programme member (what measuring the programme needs),
    by another employee, and posts that do not name the company at all. Data minimisation asks that
    personal data be "adequate, relevant and limited to what is necessary in relation to the purposes
    for which they are processed" (GDPR, Regulation (EU) 2016/679, Article 5(1)(c)).
    """
    _require(employee_posts, "employee_id", "mentions_company", where="posts_by_purpose")
    _require(employees, "employee_id", "advocacy_opt_in", where="posts_by_purpose (employees)")
    members = set(employees.loc[employees["advocacy_opt_in"].astype(bool), "employee_id"])
    named = employee_posts["mentions_company"].astype(bool)
    by_member = employee_posts["employee_id"].isin(members)
    posts = [int((named & by_member).sum()), int((named & ~by_member).sum()), int((~named).sum())]
    total = sum(posts)
    table = pd.DataFrame({"posts": posts}, index=pd.Index(PURPOSE_ROWS, name="posts"))
    table["share_pct"] = 100 * table["posts"] / total if total else np.nan
    return table
