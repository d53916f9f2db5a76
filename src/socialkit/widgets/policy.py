"""The policy screen (module 08): a list of words and a strictness → the posts a word screen flags, the
words that flagged them, its precision and recall against the policy review, and its false alarms and
misses shown as real posts.

The archive repeats many texts, so the screen runs once per distinct text (about 1,400), each carrying
its number of posts: a change of words re-reads those texts only.
"""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np
import pandas as pd

from socialkit import plots
from socialkit.analytics._inputs import WrongInput, _need_table
from socialkit.analytics.policy import BREACHES, OK, _clean_words, _normal, _pattern
from socialkit.widgets._base import Dashboard

# The old agency's list: swear words and insults, plus strong words that also appear in harmless posts.
AGENCY_WORDS = ("idiot", "stupid", "dumb", "con", "crétin", "merde", "putain", "shit", "f***", "damn", "killer",
                "insane", "dead", "tuerie", "malade")
STRICTNESS = (("whole words only", True), ("parts of words too", False))
LANGUAGES = (("all posts", "all"), ("English posts", "en"), ("French posts", "fr"))
SHOWN = 3  # false alarms and misses quoted under the controls


class PolicyScreenDashboard(Dashboard):
    """Flag a post when its text holds one of the words; compare with the policy review's verdict.

    ``table`` holds one row per distinct text flagged (``text``, ``posts``, ``flagged_by``, ``policy_label``),
    false alarms first; ``outcomes`` is ``analytics.screen_outcomes`` for the current view; ``precision`` and
    ``recall`` are in %.
    """

    figsize = (9.0, 3.6)
    margins = (0.24, 0.98, 0.14, 0.9)  # room on the left for the kinds of post, written on two lines
    keep_axes = True  # the five kinds of post sit at fixed places (numbers 0–4) on the y axis

    def __init__(self, employee_posts: pd.DataFrame):
        """Count the posts of each distinct text once, make the controls, show the first view."""
        self.texts = (employee_posts.assign(policy_label=employee_posts["policy_label"].astype("object"),
                                            lang=employee_posts["lang"].astype("object"))
                      .groupby(["text", "lang", "policy_label"], observed=True).size().rename("posts").reset_index())
        self.texts["normal"] = [_normal(t) for t in self.texts["text"]]
        self.texts["shown"] = [_without_symbols(t) for t in self.texts["text"]]
        self._order = [*BREACHES, OK]
        self._label = self.texts["policy_label"].map({k: i for i, k in enumerate(self._order)}).to_numpy(dtype=int)
        self._posts = self.texts["posts"].to_numpy(dtype=float)
        self._lang = self.texts["lang"].to_numpy(dtype=object)
        self._all = np.ones(len(self.texts), dtype=bool)
        self._screened: dict = {}
        self.words = w.Text(value=", ".join(AGENCY_WORDS), description="Words that flag a post (commas between)",
                            continuous_update=False, style={"description_width": "initial"},
                            layout=w.Layout(width="95%"))
        self.strictness = w.ToggleButtons(options=STRICTNESS, value=True, description="A word counts",
                                          style={"description_width": "initial"})
        self.language = w.Dropdown(options=LANGUAGES, value="all", description="Which posts",
                                   style={"description_width": "initial"})
        self.table = pd.DataFrame()
        self.outcomes = pd.DataFrame()
        self.precision = self.recall = float("nan")
        super().__init__({"words": self.words, "strictness": self.strictness, "language": self.language},
                         [self.words, w.HBox([self.strictness, self.language])])

    def word_list(self) -> tuple[str, ...]:
        """The words typed in the box, split at the commas."""
        return _clean_words(self.words.value.split(","), "policy_screen_dashboard")

    def _found(self, words: tuple[str, ...], whole_words: bool) -> list[str]:
        """The words found in each distinct text (", "-joined, "" if none), kept per word list and strictness."""
        key = (words, whole_words)
        if key not in self._screened:
            pattern = _pattern(words, whole_words)
            self._screened[key] = [", ".join(dict.fromkeys(pattern.findall(t))) if pattern is not None else ""
                                   for t in self.texts["normal"]]
        return self._screened[key]

    def update(self) -> str:
        """Screen the distinct texts; set ``table``, ``outcomes``, ``precision`` and ``recall``; return the line."""
        words = self.word_list()
        found = np.asarray(self._found(words, bool(self.strictness.value)), dtype=object)
        keep = self._all if self.language.value == "all" else self._lang == self.language.value
        flagged_text = (found != "") & keep
        posts = np.bincount(self._label, weights=self._posts * keep, minlength=len(self._order))
        hits = np.bincount(self._label, weights=self._posts * flagged_text, minlength=len(self._order))
        self.outcomes = pd.DataFrame({"posts": posts.astype("int64"), "flagged": hits.astype("int64")},
                                     index=pd.Index(self._order, name="policy_label"))
        with np.errstate(invalid="ignore", divide="ignore"):
            self.outcomes["flagged_pct"] = np.where(posts > 0, 100 * hits / np.maximum(posts, 1), np.nan)
        caught, flagged, breaches = int(hits[:-1].sum()), int(hits.sum()), int(posts[:-1].sum())
        self.precision = 100 * caught / flagged if flagged else float("nan")
        self.recall = 100 * caught / breaches if breaches else float("nan")
        rows = self.texts[flagged_text].assign(flagged_by=found[flagged_text])
        shown = (rows.groupby(["shown", "flagged_by", "policy_label"], as_index=False, sort=False)["posts"].sum()
                 .rename(columns={"shown": "text"}).assign(false_alarm=lambda t: t["policy_label"] == OK))
        self.table = (shown.sort_values(["false_alarm", "posts"], ascending=False)
                      [["text", "posts", "flagged_by", "policy_label"]].reset_index(drop=True))
        missed = self.texts[(self._label < len(BREACHES)) & keep & (found == "")]
        misses = (missed.groupby(["shown", "policy_label"], as_index=False, sort=False)["posts"].sum()
                  .rename(columns={"shown": "text"}).nlargest(SHOWN, "posts"))
        return self._summary(words, flagged, caught, breaches, misses)

    def _summary(self, words, flagged: int, caught: int, breaches: int, misses: pd.DataFrame) -> str:
        """The line under the controls, then up to three false alarms and three misses as real posts."""
        if not words:
            return "Type at least one word in the box (words separated by commas) to see what it flags."
        precision = "nothing flagged" if flagged == 0 else f"<b>{self.precision:.1f} %</b> of them truly against it"
        alarms = self.table[self.table["policy_label"] == OK].head(SHOWN)

        def quote(rows, extra) -> str:
            return "".join(f"<li>“{html.escape(t)}” ({n} post{'s' if n > 1 else ''}{extra(r)})</li>"
                           for (_, r), t, n in zip(rows.iterrows(), rows["text"], rows["posts"]))

        text = (f"{len(words)} words: <b>{flagged}</b> posts flagged, {precision} (precision). "
                f"<b>{caught} of the {breaches}</b> posts against the policy found "
                f"(recall <b>{self.recall:.1f} %</b>).")
        if len(alarms):
            text += "<br>False alarms (within the policy, flagged anyway):<ul>" + quote(
                alarms, lambda r: f"; flagged by “{html.escape(r['flagged_by'])}”") + "</ul>"
        if len(misses):
            text += "Missed (against the policy, not flagged):<ul>" + quote(
                misses.head(SHOWN), lambda r: f"; {html.escape(plots_label(r['policy_label']))}") + "</ul>"
        return text

    def draw(self, ax) -> None:
        """What the screen catches of each kind of breach, and its false alarms."""
        plots.screen_outcomes(self.outcomes, ax=ax, title=self.title())

    def title(self) -> str:
        """The chart's title: which posts."""
        which = dict((v, k) for k, v in LANGUAGES)[self.language.value]
        return f"What the word screen flags, by kind of post ({which}; grey: false alarms)"


def _without_symbols(text: str) -> str:
    """A post's text without its emojis, so that the same sentence with another emoji is quoted once."""
    import unicodedata

    kept = "".join(c for c in str(text) if unicodedata.category(c) not in ("So", "Sk", "Cf", "Mn") or c in "'’")
    return " ".join(kept.split())


def plots_label(label: str) -> str:
    """A policy label in plain words."""
    from socialkit.vocab import policy_label_name

    return policy_label_name(label)


def policy_screen_dashboard(employee_posts: pd.DataFrame):
    """The module-08 policy screen: words and strictness → flagged posts, precision, recall, false alarms.

    ``employee_posts``: the staff's posts with the policy review's ``policy_label``. The returned VBox has
    the controls as attributes (``words``, ``strictness``, ``language``) and the data on show (``table``,
    ``outcomes``, ``precision``, ``recall``).
    """
    _need_table(employee_posts, "policy_screen_dashboard", "employee_posts")
    missing = [c for c in ("text", "lang", "policy_label") if c not in employee_posts.columns]
    if missing:
        raise WrongInput(f"policy_screen_dashboard needs the employees' posts (columns text, lang, policy_label); "
                         f"this table lacks {', '.join(missing)}. Use data.load(\"employee_posts\").")
    if employee_posts.empty:
        raise WrongInput("policy_screen_dashboard got no post at all: give it data.load(\"employee_posts\").")
    return PolicyScreenDashboard(employee_posts)
