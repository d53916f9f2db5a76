"""The reply coach (module 03): pick a real post, draft a public reply, see the rubric judge it as you type.

The rubric is ``analytics.replies.reply_rules``, the same rules the exercise's check and hidden test
use (``socialkit.questions.debate.REPLY_RUBRIC``). It works in English and in French.
"""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from socialkit import plots
from socialkit.analytics import replies
from socialkit.vocab import PLATFORM_NAMES
from socialkit.widgets._base import Dashboard

# The draft the coach opens with: a reply managers often write, which the rubric takes apart.
FIRST_DRAFT = "We're sorry you feel that way. Try our new seasonal latte, 20% off this week!"
LANGUAGES = {"en": "EN", "fr": "FR"}


class ReplyCoach(Dashboard):
    """A post to answer and a text box; the rubric's six lines turn green as the draft meets them."""

    figsize = (9.0, 2.6)
    keep_axes = True  # the rubric's lines sit on a number axis (0–5) labelled once: only the bars are redrawn

    def __init__(self, posts: pd.DataFrame, draft: str = FIRST_DRAFT):
        """Make the post chooser and the text box (live: every keystroke re-judges), and show the first view."""
        self.posts = posts
        options = [(f"[{LANGUAGES.get(row.lang, row.lang)}] {'complaint' if row.is_complaint else 'question'}: "
                    f"{row.text[:70]}{'…' if len(row.text) > 70 else ''}", i) for i, row in enumerate(posts.itertuples())]
        self.post = w.Dropdown(options=options, value=0, description="Post to answer",
                               style={"description_width": "initial"}, layout=w.Layout(width="95%"))
        self.draft = w.Textarea(value=draft, placeholder="Type your public reply here, in English or French…",
                                continuous_update=True, layout=w.Layout(width="95%", height="90px"))
        self.shown_post = w.HTML()
        self.table = pd.DataFrame()
        super().__init__({"post": self.post, "draft": self.draft},
                         [self.post, self.shown_post, w.Label("Your public reply:"), self.draft])

    @property
    def apology_due(self) -> bool:
        """An apology is due when the post is a complaint (not when it is a plain question)."""
        return bool(self.posts.iloc[self.post.value]["is_complaint"])

    def _post_html(self) -> str:
        """The chosen post as a quote, with where and when it was written."""
        row = self.posts.iloc[self.post.value]
        where = PLATFORM_NAMES.get(str(row.get("platform", "")), str(row.get("platform", "")))
        when = f"{pd.Timestamp(row['ts']):%d %B %Y}" if "ts" in row else ""
        likes = f" · {int(row['likes'])} likes" if "likes" in row and pd.notna(row["likes"]) else ""
        kind = ("a complaint: an apology is due" if row["is_complaint"] else
                "a question, not a complaint: no apology is due")
        return (f"<blockquote style='margin:4px 0;padding:4px 10px;border-left:4px solid #E69F00'>"
                f"{html.escape(row['text'])}<br><small>{where} · {when}{likes} · {kind}</small></blockquote>")

    def update(self) -> str:
        """Judge the draft with the rubric; fill ``table``; return the rubric as lines of text."""
        self.shown_post.value = self._post_html()
        text = self.draft.value
        if not text.strip():
            self.table = pd.DataFrame()
            return "<b>Type your reply</b> in the box: the rubric judges it as you type."
        self.table = replies.score_reply(text, apology_due=self.apology_due)
        earned, total = self.table["earned"].sum(), self.table["points"].sum()
        lines = []
        for row in self.table.itertuples():
            if row.met:
                lines.append(f"<span style='color:#1A7F37'>✓ {html.escape(row.label)}</span>")
            else:
                lines.append(f"<span style='color:#B3261E'>✗ {html.escape(row.label)}</span> — "
                             f"{html.escape(row.advice)}")
        length = len(text.strip())
        return (f"<b>{earned:g} of {total:g} points</b> · {length} of {replies.REPLY_LIMIT} characters<br>"
                + "<br>".join(lines))

    def has_chart(self) -> bool:
        return not self.table.empty

    def draw(self, ax) -> None:
        """The rubric's lines as bars, green when met; the title names the post answered."""
        ax.figure.subplots_adjust(left=0.2, bottom=0.2, top=0.86)  # room for the lines' names
        plots.rubric_bars(self.table, ax=ax, title=self.title())

    def title(self) -> str:
        """The chart's title: the score, and the first words of the post answered."""
        text = self.posts.iloc[self.post.value]["text"]
        earned, total = self.table["earned"].sum(), self.table["points"].sum()
        return f"{earned:g} of {total:g} rubric points — reply to \u201c{text[:45]}{'…' if len(text) > 45 else ''}\u201d"


def reply_coach_dashboard(mentions: pd.DataFrame, *, draft: str = FIRST_DRAFT):
    """The module-03 reply coach: choose a real post (English or French), draft a reply, see the rubric live.

    The rubric: acknowledges the problem, apologises where due, offers a private channel (2 points
    each); no sales pitch, no abusive words, at most 280 characters (1 point each). The returned
    VBox has the controls as attributes (``post``, ``draft``) and ``table``, the rubric's verdict
    on the draft (one row per rule: label, met, points, earned, advice).
    """
    if not isinstance(draft, str):
        raise TypeError(f"draft must be text between quotes, not {type(draft).__name__}.")
    return ReplyCoach(replies.coach_posts(mentions), draft=draft)
