"""A learner's own export, read and shown in plain words, then the course's dashboards opened on it.

``own_data_panel()`` is the notebook's one widget: upload a file (or type its path), see how each
column was understood and what was left aside, then open the dashboards the data can feed.
``open_dashboard(loaded, name)`` opens one of them on the learner's table, or refuses in one plain
sentence that names the file, says what it holds and what to export instead. An uploaded file is
kept in the kernel's memory until another file is picked (so 'Read the file' can read it again with
other choices), and written only to a private temporary folder of the learner's machine while it is
read, deleted at once; nothing is sent anywhere and nothing is written beside the course's data.
"""

from __future__ import annotations

import dataclasses
import html
import tempfile
from pathlib import Path

import ipywidgets as w
import pandas as pd

from socialkit import exports
from socialkit.exports import LoadedExport
from socialkit.exports.errors import Said
from socialkit.schema import PLATFORMS
from socialkit.vocab import platform_name, whole_if_whole

TEXT_SHOWN = 80  # characters of a text shown in the first rows
YOUR_BRAND = "your brand"  # the one brand of an export that does not say which brand each row is about
KINDS = (("let the kit recognise it", None), ("my own posts", "brand_posts"), ("mentions of a brand", "mentions"),
         ("reviews", "reviews"), ("customer-care conversations", "threads"))
# dashboard -> (its name for a manager, the module that teaches it, what to export so that it can open)
DASHBOARDS = {
    "listening": ("listening dashboard", "module 01",
                  "Export the mentions of your brand from your listening tool (or Hootsuite's inbound messages) "
                  "and read that file."),
    "engagement": ("post-mix explorer", "module 02",
                   "Export your posts with their likes, shares and comments (for example X Analytics 'By Tweet', "
                   "Meta Business Suite's posts, or your LinkedIn page's Content analytics) and read that file."),
    "response_times": ("response-times dashboard", "module 03",
                       "Export your customer-care conversations with when each customer wrote and when you first "
                       "answered (choose 'customer-care conversations'), or reviews with the dates of your replies."),
    "reviews": ("reviews dashboard", "module 09",
                "Export your reviews with their stars (Trustpilot's review export, or Google Business Profile's "
                "reviews.json) and read that file."),
}
WHAT = {"brand_posts": "your own posts", "mentions": "mentions", "reviews": "reviews",
        "threads": "customer-care conversations"}
# the kit's columns in a manager's words (others are shown by their name)
MEANING = {"ts": "when it was posted", "opened_at": "when the customer wrote", "text": "the text",
           "post_id": "the post's id", "review_id": "the review's id", "platform": "the platform",
           "account_id": "the account", "author_id": "who wrote it", "lang": "the language",
           "impressions": "impressions (times seen)", "reach": "reach (people who saw it)",
           "likes": "likes or reactions", "shares": "shares", "comments": "comments", "replies": "replies",
           "link_clicks": "link clicks", "stars": "stars given", "response_at": "when you replied",
           "first_response_at": "when you first answered", "responded": "whether you replied", "brand": "the brand",
           "author_role": "who posted it", "post_type": "kind of post", "topic": "the topic",
           "leader_replies": "replies by a manager", "is_question": "a question?", "is_complaint": "a complaint?",
           "true_sentiment": "the mood (as your file labels it)", "business": "the business", "city": "the city",
           "thread_id": "the conversation's id", "customer_id": "the customer", "category": "what it is about",
           "responder_role": "who answered", "moved_to_private": "moved to private messages?",
           "resolved": "solved?", "resolved_at": "when it was solved", "sentiment_before": "mood before",
           "sentiment_after": "mood after", "public_replies": "public replies"}


# a field of the learner's own table the panel asks about: "Which column holds …?"
PICK_WORDS = {"ts": "the date (when it was posted)", "opened_at": "when the customer wrote (the date)",
              "first_response_at": "when you first answered (the date)", "response_at": "when you replied (the date)",
              "platform": "the platform (Facebook, Instagram, Google…)", "text": "the text", "stars": "the stars (1–5)",
              "likes": "the likes (or reactions)", "account_id": "the account", "followers": "the number of followers",
              "month": "the month", "brand": "the brand"}
NO_COLUMN = "— choose a column —"

# where a learner types a path in this panel (said after "no such file")
PATH_HINT = ("In this panel: type the file's full path, for example C:\\Users\\you\\Downloads\\"
             "tweet_activity_metrics.csv (Windows) or /Users/you/Downloads/tweet_activity_metrics.csv (Mac), or press "
             "'Upload a file'.")
READ_AGAIN = "then press 'Read the file'"
# a reader's advice (setting, how to change it) in the panel's words: the control to use, never code
PANEL_ADVICE = {
    ("kind", "choose"): lambda a: f"if it is a table of your own, choose what the file holds in 'It holds', "
                                  f"{READ_AGAIN}.",
    ("kind", "leave_out"): lambda a: f", which holds {WHAT.get(a.value, a.value)}, not {WHAT.get(a.given, a.given)}. "
                                     f"Set 'It holds' back to 'let the kit recognise it', {READ_AGAIN}.",
    ("tz", "name_zone"): lambda a: "say which zone: type the zone in 'Time zone' (for example Europe/Paris, or UTC), "
                                   f"{READ_AGAIN}.",
    ("tz", "not_a_zone"): lambda a: f"{a.value!r} (typed in 'Time zone') is not a time zone.",
    ("platform", "leave_out"): lambda a: f"set 'Platform' back to 'as the file says', {READ_AGAIN}.",
    ("platform", "no_column"): lambda a: (f"{WHAT[a.given]} have" if a.given in WHAT else "this kind of file has")
                                         + f" no platform column: set 'Platform' back to 'as the file says', "
                                           f"{READ_AGAIN}.",
    ("platform", "give"): lambda a: "if the whole file comes from one network, choose the network in 'Platform'.",
    ("sep", "give"): lambda a: "open it in Excel, save it as an Excel workbook (.xlsx) and read that file.",
    ("max_mb", "raise"): lambda a: "",
    ("date_format", "expected"): lambda a: "fix the cell.",
    ("date_format", "iso"): lambda a: "write the dates as 2025-03-14 12:34 (year-month-day hour:minute) in your "
                                      f"table, or keep them as real dates in Excel, {READ_AGAIN} again.",
    ("date_format", "days"): lambda a: f"write dates as 2025-03-01 (year-month-day) in your table, {READ_AGAIN} again.",
    ("skip_broken", "skip"): lambda a: f"fix them in your file, {READ_AGAIN} again.",
    ("columns", "leave_out"): lambda a: "choose the file again and press 'Read the file' (no column needs choosing).",
    ("columns", "choose_one"): lambda a: f"choose below which one holds it, {READ_AGAIN}.",
    ("columns", "choose"): lambda a: "for a table of your own, choose below which of your columns holds each one",
    ("path", "check"): lambda a: f"check the path (it is relative to the notebook's folder). {PATH_HINT}",
    # in notes of the load report
    ("tz", "given"): lambda a: "as typed in 'Time zone'",
    ("tz", "overrides"): lambda a: "(a zone typed in 'Time zone' overrides it)",
    ("platform", "given"): lambda a: "chosen in 'Platform'",
}


def panel_advice(advice: exports.Advice) -> str:
    """One piece of a reader's advice in the panel's words: the control to change, never code."""
    return PANEL_ADVICE[advice.setting, advice.do](advice)


def in_panel(text: exports.ExportError | str) -> str:
    """A reader's refusal, or a note of its report, in the panel's words (its advice said with the panel's
    controls); other text as it is."""
    return text.said(panel_advice) if isinstance(text, (exports.ExportError, Said)) else str(text)


def columns_question(problem: exports.ColumnsToChoose) -> str:
    """What the panel says when some columns of the learner's own table were not recognised (or fit twice)."""
    fields = [PICK_WORDS.get(f, MEANING.get(f, f)) for f in problem.fields]
    if problem.several:
        why = f"{problem.file}: more than one of your columns could hold {fields[0]}."
    else:
        why = (f"{problem.file}: the kit could not tell which of your columns holds "
               f"{' and '.join([', '.join(fields[:-1]), fields[-1]] if len(fields) > 1 else fields)}, "
               f"needed for {WHAT.get(problem.kind, problem.kind)}.")
    also = (" If the whole file comes from one network, choose the network in 'Platform' instead."
            if "platform" in problem.fields and not problem.several else "")
    return (f"{why} Below, choose the column of your table that holds each one, then press 'Read the file' "
            f"(your file is not changed).{also}")


def typed_path(text: str) -> Path:
    """The file a learner typed or pasted: quotes around it dropped (Windows' "Copy as path"), ``~`` expanded,
    and a relative path that is not beside the notebook looked for in the home folder (Downloads/…)."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    path = Path(text).expanduser()
    if not path.is_absolute() and not path.exists() and (Path.home() / path).exists():
        return Path.home() / path
    return path


class OwnDataRefused(ValueError):
    """The learner's data cannot feed a dashboard: one plain sentence (file, what it holds, what to do)."""

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback."""
        return [str(self)]


def _name(loaded: LoadedExport) -> str:
    return Path(loaded.report.file).name


def _looks_like(loaded: LoadedExport) -> str:
    """"tweets.csv (X (Twitter) Analytics …: 200 rows of your own posts)"."""
    report = loaded.report
    return (f"{_name(loaded)} ({report.source}: {report.rows_loaded:,} row{'s' if report.rows_loaded != 1 else ''} "
            f"of {WHAT.get(report.kind, report.kind)})")


def _one_brand(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every row given YOUR_BRAND when the export does not say which brand a row is about."""
    if "brand" in table.columns and table["brand"].notna().any():
        return table
    return table.assign(brand=pd.Categorical([YOUR_BRAND] * len(table), categories=[YOUR_BRAND]))


def for_listening(mentions: pd.DataFrame) -> pd.DataFrame:
    """A learner's mentions as the listening dashboard reads them: one brand if none is named, and a
    ``sentiment`` column — the file's human labels when it has them, else the text scored by
    ``socialkit.sentiment`` (English and French only; other languages, or none given, are not scored)."""
    from socialkit import sentiment

    table = _one_brand(mentions)
    if "true_sentiment" in table.columns and table["true_sentiment"].notna().any():
        labels = table["true_sentiment"]
    elif "lang" in table.columns and "text" in table.columns:
        labels = sentiment.label_series(table["text"], table["lang"])
    else:
        labels = pd.Series(pd.Categorical([None] * len(table), categories=list(sentiment.LABELS)), index=table.index)
    return table.assign(sentiment=labels.to_numpy())


def _platform_rate(loaded: LoadedExport):
    """The platform's own engagement count in the export, for the post-mix explorer to compare (None: none)."""
    from socialkit.exports.profiles import BY_NAME
    from socialkit.widgets.engagement import PlatformRate

    profile = BY_NAME.get(loaded.report.profile or "")
    if profile is None or profile.own_engagements is None or profile.platform is None:
        return None
    column, counts_too = profile.own_engagements
    return PlatformRate(column, platform_name(profile.platform), counts_too)


def open_dashboard(loaded: LoadedExport, name: str):
    """The dashboard ``name`` (listening, engagement, response_times, reviews) on the learner's table.

    Refuses with ``OwnDataRefused`` — one sentence naming the file, what it holds and what to export
    instead — when the table cannot feed it (``LoadedExport.feeds`` says why).
    """
    from socialkit import analytics, widgets

    if name not in DASHBOARDS:
        raise OwnDataRefused(f"There is no dashboard {name!r} for your own data. Choose one of: "
                             f"{', '.join(DASHBOARDS)}.")
    title, module, what_to_do = DASHBOARDS[name]
    feed = loaded.feeds()[name]
    if not feed.ok:
        raise OwnDataRefused(f"{_looks_like(loaded)} cannot feed the {title} ({module}): {feed.why}. {what_to_do}")
    table, kind = loaded.table, loaded.kind
    try:
        if name == "listening":
            prepared = for_listening(table)
            brands = [b for b in prepared["brand"].astype("object").dropna().unique()]
            first = "lumiere" if "lumiere" in brands else sorted(brands, key=str)[0]
            return widgets.listen_dashboard(prepared, brands=(first,), sentiment="sentiment")
        if name == "engagement":
            prepared = _one_brand(table)
            brands = set(prepared["brand"].astype("object").dropna())
            first = "lumiere" if "lumiere" in brands else sorted(brands, key=str)[0]
            return widgets.post_mix_dashboard(prepared, brand=first, platform_rate=_platform_rate(loaded))
        if name == "response_times":
            return widgets.response_times_dashboard(table, kind)
        return widgets.reviews_dashboard(table)
    except (KeyError, ValueError, TypeError, analytics.MissingColumn) as problem:
        raise OwnDataRefused(f"{_looks_like(loaded)} cannot feed the {title} ({module}): "
                             f"{str(problem).rstrip('.')}. {what_to_do}") from None


# --------------------------------------------------------------------------- the panel


def report_html(loaded: LoadedExport) -> str:
    """The load report as a manager reads it: a sentence, a table of columns, then what was set aside."""
    report = loaded.report
    def e(text):
        return html.escape(text, quote=False)

    parts = [f"<p><b>{e(_name(loaded))}</b> was read as <b>{e(report.source)}</b>: "
             f"<b>{report.rows_loaded:,}</b> row(s) of {e(WHAT.get(report.kind, report.kind))}"
             + (f" (out of {report.rows_in_file:,} in the file)" if report.rows_in_file != report.rows_loaded else "")
             + ".</p>"]
    rows = "".join(f"<tr><td>{e(MEANING.get(use.column, use.column))}</td><td>{e(use.source)}</td>"
                   f"<td>{e(in_panel(use.how))}</td></tr>" for use in report.columns)
    parts.append("<p><b>How each column was understood</b></p><table><tr><th>what the dashboards use</th>"
                 f"<th>taken from your file</th><th>note</th></tr>{rows}</table>")
    lacked = [m for m in report.missing_metrics if m in report.lacked]
    empty = [m for m in report.missing_metrics if m not in report.lacked]
    items = []
    if report.chosen:
        items.append("<b>You said:</b> " + e("; ".join(f"{header!r} holds {PICK_WORDS.get(c, MEANING.get(c, c))}"
                                                       for c, header in report.chosen)))
    if report.kept:
        items.append("<b>Kept, not used by the dashboards:</b> " + e(", ".join(report.kept)))
    if lacked:
        items.append("<b>Not in this export:</b> " + e(", ".join(lacked))
                     + (f" — {e(report.missing_why)}" if report.missing_why else ""))
    if empty:
        items.append("<b>No figure at all in this file for:</b> " + e(", ".join(empty)))
    for title, values in (("Left aside", report.left_aside), ("Assumed", report.assumptions),
                          ("Cleaned", report.cleaning)):
        if values:
            items.append(f"<b>{title}:</b> " + e("; ".join(map(in_panel, values))))
    if report.good_to_know:
        items.append("<b>Good to know:</b> " + e(" ".join(report.good_to_know)))
    if report.skipped_rows:
        shown = ", ".join(f"row {row} ({why})" for row, why in report.skipped_rows[:5])
        items.append(f"<b>Broken rows skipped at your request ({len(report.skipped_rows):,}):</b> " + e(shown))
    if items:
        parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
    return "".join(parts)


def first_rows_html(loaded: LoadedExport, n: int = 5) -> str:
    """The first rows of the columns the dashboards use that hold something, as a small table."""
    table = loaded.table
    used = [use.column for use in loaded.report.columns if use.column in table.columns]
    shown = table[used].head(n).copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: v if not isinstance(v, str) or len(v) <= TEXT_SHOWN
                                              else v[:TEXT_SHOWN - 1] + "…")
    shown.columns = [MEANING.get(c, c) for c in shown.columns]
    return "<p><b>The first rows, as the dashboards will see them</b> (a dash is a missing figure)</p>" + \
        shown.to_html(index=False, na_rep="–", escape=True, max_cols=12, border=0)


def _cells_in_words(values: pd.Series, column: str, day_only: bool) -> pd.Series:
    """One column's cells as a manager reads them: times to the minute in UTC, numbers rounded, codes in words."""
    if isinstance(values.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%Y-%m-%d" if day_only else "%Y-%m-%d %H:%M UTC")
    if pd.api.types.is_bool_dtype(values):
        return values.astype(object).where(values.isna(), values.map({True: "yes", False: "no"}))
    if pd.api.types.is_float_dtype(values):
        return values.round(2)
    if column == "platform":
        return values.astype(object).where(values.isna(), values.map(platform_name, na_action="ignore"))
    if pd.api.types.is_string_dtype(values) or values.dtype == object:
        return values.map(lambda v: v if not isinstance(v, str) or len(v) <= TEXT_SHOWN else v[:TEXT_SHOWN - 1] + "…")
    return values


def table_read(loaded: LoadedExport, n: int = 5) -> pd.DataFrame:
    """The first ``n`` rows the kit read, as a manager reads them: the columns the dashboards use, headed in
    words ("when it was posted", not ``ts``), times to the minute in UTC, numbers rounded, "—" where missing."""
    from socialkit.vocab import in_words

    table = loaded.table
    used = [use.column for use in loaded.report.columns if use.column in table.columns]
    shown = pd.DataFrame({MEANING.get(c, c.replace("_", " ")): _cells_in_words(table[c].head(n), c,
                                                                                 loaded.report.day_only)
                          for c in used})
    shown.index = pd.RangeIndex(1, len(shown) + 1)
    return in_words(shown)


def _rounded(table: pd.DataFrame, digits: int) -> pd.DataFrame:
    """Figures rounded to ``digits``; a column of whole numbers shown whole (32, not 32.0)."""
    shown = table.round(digits)
    for position in range(shown.shape[1]):
        shown.isetitem(position, whole_if_whole(shown.iloc[:, position]))
    return shown


STAR_WORDS = {1: "1 star (%)", 2: "2 stars (%)", 3: "3 stars (%)", 4: "4 stars (%)", 5: "5 stars (%)"}


def table_shown(board) -> pd.DataFrame:
    """The numbers a dashboard shows, as a manager reads them: headings and codes in words, figures rounded
    as the dashboard writes them (a wait as "53 minutes"), "—" where there is no figure."""
    from socialkit.vocab import in_words
    from socialkit.widgets.care import ANSWER_COLUMNS, ResponseTimes, _hours_words
    from socialkit.widgets.engagement import PostMixDashboard
    from socialkit.widgets.listening import ListenDashboard
    from socialkit.widgets.reviews import ReviewsDashboard

    table = board.table
    if isinstance(board, PostMixDashboard):
        from socialkit import plots

        name, unit = plots.MEASURES[board.measure.value]
        heading = f"{name} ({unit})"
        if list(table.columns) == ["all"]:
            shown = pd.DataFrame({heading: table["all"].round(2), "posts": board.counts["all"]})
        else:
            shown = _rounded(table, 2).rename(columns=lambda p: f"{platform_name(p)}: {heading}")
        return in_words(shown.rename(index=lambda k: "all your posts" if k == "all posts" else k))
    if isinstance(board, ReviewsDashboard):
        shown = _rounded(table, 1).rename(columns=STAR_WORDS)
        shown["reviews"] = board.reviews.reindex(table.index)
        shown["mean (stars)"] = board.means.reindex(table.index).round(2)
        if board.cube.has_replies:
            shown["answered (%)"] = board.replied.reindex(table.index).round(1)
        return in_words(shown)
    if isinstance(board, ResponseTimes):
        shown = _rounded(table, 1)
        median = table["median hours to answer"]
        shown["median hours to answer"] = median.map(lambda h: _hours_words(h) if pd.notna(h) else None)
        shown = shown.rename(columns={"median hours to answer": "median wait for an answer",
                                      "rows": f"{ANSWER_COLUMNS[board.kind][2]}s"})
        shown.index = pd.RangeIndex(1, len(shown) + 1)
        return in_words(shown)
    if isinstance(board, ListenDashboard):
        shown = _rounded(table, 1)
        shown.index = shown.index.strftime("%a %d %b %Y")
        return in_words(shown)
    return in_words(_rounded(table, 2))


class OwnDataPanel(w.VBox):
    """Upload a file or type a path → the report in plain words → buttons opening the dashboards it can feed."""

    def __init__(self, path: str = "", kind: str | None = None, tz: str = "", platform: str | None = None):
        """Make the controls; read ``path`` at once when one is given."""
        self.upload = w.FileUpload(accept=".csv,.xlsx,.json,.js,.txt", multiple=False,
                                   description="Upload a file", layout=w.Layout(width="auto"))
        self.path = w.Text(value=path, description="or its path", layout=w.Layout(width="60%"),
                           placeholder="e.g. C:\\Users\\you\\Downloads\\tweets.csv or /Users/you/Downloads/tweets.csv")
        self.kind = w.Dropdown(options=KINDS, value=kind, description="It holds")
        self.tz = w.Text(value=tz, description="Time zone", placeholder="only if asked, e.g. Europe/Paris")
        self.platform = w.Dropdown(options=[("as the file says", None)] + [(platform_name(p), p) for p in PLATFORMS],
                                   value=platform, description="Platform")
        self.read_button = w.Button(description="Read the file", button_style="primary")
        self.message = w.HTML()
        self.report = w.HTML()
        self.first_rows = w.HTML()
        self.feeds = w.HTML()
        self.buttons = {name: w.Button(description=f"Open the {title}", disabled=True, layout=w.Layout(width="auto"))
                        for name, (title, _module, _do) in DASHBOARDS.items()}
        self.dashboard_box = w.VBox([])
        self.picker = w.VBox([])  # one question per field of the learner's own table the kit did not recognise
        self.picks: dict[str, w.Dropdown] = {}  # field → the dropdown of the file's columns
        self.loaded: LoadedExport | None = None
        self.uploaded: tuple[str, bytes] | None = None  # the file uploaded last (its name, its bytes), in memory
        self.dashboard = None
        self.upload.observe(lambda _change: self.read_upload(), names="value")
        self.read_button.on_click(lambda _button: self.read_path())
        self.path.observe(lambda _change: self._forget_columns(), names="value")
        self.kind.observe(lambda _change: self._forget_columns(), names="value")
        for name, button in self.buttons.items():
            button.on_click(lambda _button, name=name: self.open_board(name))
        super().__init__([w.HBox([self.upload, self.path]), w.HBox([self.kind, self.tz, self.platform]), self.read_button,
                          self.message, self.picker, self.report, self.first_rows, self.feeds,
                          w.HBox(list(self.buttons.values())), self.dashboard_box])
        if path:
            self.read_path()

    def _options(self) -> dict:
        columns = {field: pick.value for field, pick in self.picks.items() if pick.value is not None}
        return {"kind": self.kind.value, "tz": self.tz.value.strip() or None, "platform": self.platform.value,
                "columns": columns or None}

    def _forget_columns(self) -> None:
        """Drop the column questions: another file, or another kind of data, needs its own."""
        self.picks = {}
        self.picker.children = ()

    def _ask_columns(self, problem: exports.ColumnsToChoose) -> None:
        """One dropdown of the file's own columns per field to choose (those already asked keep their answer)."""
        options = [(NO_COLUMN, None)] + [(header, header) for header in problem.headers]
        for field in problem.fields:
            if field not in self.picks:
                self.picks[field] = w.Dropdown(options=options, value=None, layout=w.Layout(width="auto"))
        rows = [w.HBox([w.Label(f"Which column holds {PICK_WORDS.get(f, MEANING.get(f, f))}?"), pick])
                for f, pick in self.picks.items()]
        self.picker.children = [w.HTML("<b>Which of your columns holds what?</b>"), *rows]

    def read_path(self) -> None:
        """Read the file at the typed path (or the uploaded file, again, when no path is typed)."""
        if not self.path.value.strip():
            if self.upload.value:
                self.read_upload()
            elif self.uploaded is not None:
                self._read_uploaded()
            else:
                self._refuse("Choose a file with <b>Upload a file</b>, or type its path, then press <b>Read the "
                             "file</b>.", plain=False)
            return
        self.uploaded = None  # another file is picked: the upload's bytes are let go
        path = typed_path(self.path.value)
        self._read(lambda: exports.read(path, **self._options()))

    def read_upload(self) -> None:
        """Take the uploaded file into memory (emptying the upload button, so its bytes are not in a saved
        widget state) and read it; it stays in memory until another file is picked, for 'Read the file'."""
        if not self.upload.value:
            return
        item = self.upload.value[0]
        self.uploaded = (Path(str(item["name"])).name or "upload", bytes(item["content"]))
        self.path.value = ""  # the upload is the file now: 'Read the file' reads it, not a path typed before
        self.upload.value = ()
        self._read_uploaded()

    def _read_uploaded(self) -> None:
        """Read the uploaded bytes from a private temporary folder, deleted as soon as the file is read."""
        name, content = self.uploaded
        with tempfile.TemporaryDirectory(prefix="socialkit-own-data-") as folder:
            path = Path(folder) / name
            path.write_bytes(content)

            def read():
                try:
                    loaded = exports.read(path, **self._options())
                except exports.ExportError as problem:
                    problem.replace_text(str(path), name)  # its name, not the temporary path
                    raise problem from None
                report = dataclasses.replace(loaded.report, file=name)
                return LoadedExport(loaded.table, report)

            self._read(read)

    def _read(self, read) -> None:
        """Run ``read``; show the report and which dashboards the data feeds, or the refusal."""
        self.loaded, self.dashboard = None, None
        self.dashboard_box.children = ()
        self.report.value = self.first_rows.value = self.feeds.value = ""
        for button in self.buttons.values():
            button.disabled = True
        try:
            loaded = read()
        except exports.ColumnsToChoose as problem:
            self._ask_columns(problem)
            self._refuse(columns_question(problem))
            return
        except exports.ExportError as problem:
            self._refuse(problem)
            return
        self.loaded = loaded
        self.message.value = "✅ Read. Your data stays on this computer: nothing was sent or saved anywhere."
        for replaced in loaded.report.zone_replaced:
            self.message.value += html.escape(
                f"\n⚠ The zone typed in 'Time zone' ({self.tz.value.strip()}) replaced the one this export states "
                f"({replaced}): every time moved. If you did not mean it, empty 'Time zone' and press 'Read the "
                "file' again.", quote=False).replace("\n", "<br>")
        self.report.value = report_html(loaded)
        self.first_rows.value = first_rows_html(loaded)
        lines = []
        for name, feed in loaded.feeds().items():
            title, module, _do = DASHBOARDS[name]
            self.buttons[name].disabled = not feed.ok
            self.buttons[name].tooltip = "" if feed.ok else f"It cannot open: {feed.why}."
            if feed.ok:
                missing = (" It leaves out: " + "; ".join(feed.charts_missing) + ".") if feed.charts_missing else ""
                lines.append(f"<li>✅ The <b>{title}</b> ({module}) can open.{html.escape(missing, quote=False)}</li>")
            else:
                lines.append(f"<li>✖ The <b>{title}</b> ({module}) cannot: {html.escape(feed.why, quote=False)}.</li>")
        self.feeds.value = "<p><b>What your data can feed</b></p><ul>" + "".join(lines) + "</ul>"

    def _refuse(self, message: exports.ExportError | str, plain: bool = True) -> None:
        if plain:
            message = html.escape(in_panel(message), quote=False)
        self.message.value = "❌ " + message

    def table_read(self, n: int = 5):
        """The first rows the kit read from the file, in words (or what to do first, in one sentence)."""
        return table_read(self.loaded, n) if self.loaded is not None else "Read a file first (section 2)."

    def table_shown(self):
        """The numbers the dashboard opened last shows, in words (or what to do first, in one sentence)."""
        return table_shown(self.dashboard) if self.dashboard is not None else "Open a dashboard first (section 4)."

    def open_board(self, name: str):
        """Open the dashboard ``name`` on the data read, below the panel; a refusal is shown in words."""
        if self.loaded is None:
            self._refuse("Read a file first.")
            return None
        try:
            board = open_dashboard(self.loaded, name)
        except OwnDataRefused as problem:
            self._refuse(str(problem))
            return None
        self.dashboard = board
        self.dashboard_box.children = (board,)
        self.message.value = f"✅ The {DASHBOARDS[name][0]} is open below, on {html.escape(_name(self.loaded))}."
        return board


def own_data_panel(path: str = "", *, kind: str | None = None, tz: str = "", platform: str | None = None):
    """The "your own data" panel: upload a file or give its path, read the report, open the dashboards.

    ``kind``, ``tz`` and ``platform`` are what to say about a file the kit asks about (as in
    ``exports.read``). The returned VBox keeps its parts as attributes: ``upload``, ``path``, ``kind``, ``tz``,
    ``platform``,
    ``read_button``, ``message`` (what happened, or the refusal in one sentence), ``report``,
    ``first_rows``, ``feeds``, ``buttons`` (dashboard name → button), ``loaded`` (the
    ``LoadedExport``) and ``dashboard`` (the dashboard opened last).
    """
    return OwnDataPanel(path, kind, tz, platform)
