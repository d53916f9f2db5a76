"""The one error a user's export can raise, its advice as data, and the column-wide problem the converters report.

An error's message is a sequence of pieces: plain text, and ``Advice`` — which setting of ``read_export`` to
change and how. ``str(error)`` says the advice for people who type code; the dashboard panel says the same
advice in its own words (its controls) from the same data, so no message for code reaches a manager. A note
of the load report that names a setting (``Said``) keeps its advice as data in the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

# the settings of read_export an error can advise to change ("path": the file's path itself)
SETTINGS = ("kind", "tz", "platform", "sep", "max_mb", "date_format", "skip_broken", "columns", "path")


@dataclass(frozen=True)
class Advice:
    """What to change so that the file reads: ``setting`` (one of ``SETTINGS``), how (``do``), with ``value``
    (the value to give, or the value found wrong) and ``given`` (what the user gave, when it matters)."""

    setting: str
    do: str
    value: object = None
    given: object = None

    def __post_init__(self):
        if (self.setting, self.do) not in FOR_CODE:
            raise ValueError(f"no words for the advice {self.setting}/{self.do}")

    def for_code(self) -> str:
        """The advice for people who type code: the setting of read_export by its name, with its value."""
        return FOR_CODE[self.setting, self.do].format(value=self.value, given=self.given)


# (setting, do) -> the advice for code; {value!r} and {given!r} are the Advice's
FOR_CODE = {
    ("kind", "choose"): "for a table with your own column names, say what it holds: read_export(path, "
                        "kind='brand_posts') for your own posts, kind='mentions' or kind='reviews'.",
    ("kind", "leave_out"): ", which reads as kind {value!r}, not {given!r}. Leave out kind= (or pass kind={value!r}).",
    ("tz", "name_zone"): "say which zone your tool exports in, e.g. read_export(..., tz='Europe/Paris') or tz='UTC'.",
    ("tz", "not_a_zone"): "tz={value!r} is not a time zone.",
    ("platform", "leave_out"): "leave out platform=... (it is only for exports without one).",
    ("platform", "no_column"): "kind {given!r} has no platform column; leave out platform=....",
    ("platform", "give"): "if the whole file comes from one network, pass platform='facebook' (etc.).",
    ("sep", "give"): "call read_export(..., sep={value!r}).",
    ("max_mb", "raise"): ", or, if your computer has the memory for it, pass max_mb={value}",
    ("date_format", "expected"): "fix the cell, or pass the date_format your file uses (expected {value!r}).",
    ("date_format", "iso"): "export dates as ISO 8601, or pass the format, e.g. date_format='%d/%m/%Y %H:%M'.",
    ("date_format", "days"): "write dates as 2025-03-01 (year-month-day), or pass date_format=....",
    ("skip_broken", "skip"): "fix them, or load the other {value:,} with read_export(..., skip_broken=True); the "
                             "report then lists the rows left out.",
    ("columns", "leave_out"): "leave out columns= (it is for tables of your own).",
    ("columns", "choose_one"): "say which one with columns={value!r}.",
    ("columns", "choose"): "for a table of your own, say which of its columns holds each one (columns={value!r})",
    ("path", "check"): "check the path (it is relative to the notebook's folder).",
    # in notes of the load report: a setting the user gave, or one that would override what the file says
    ("tz", "given"): "as given with tz={value!r}",
    ("tz", "overrides"): "(tz=... overrides it)",
    ("platform", "given"): "given with platform=",
}


def said(pieces, words) -> str:
    """The pieces as one text: each Advice in ``words(advice)``, capitalised where it starts a sentence (after ". ")."""
    text = ""
    for piece in pieces:
        if isinstance(piece, Advice):
            piece = words(piece)
            if piece and text.endswith(". "):
                piece = piece[0].upper() + piece[1:]
        text += piece
    return text


class Said(str):
    """A note of the load report that names a setting: it reads as the words for code, and keeps its
    ``pieces`` (text and Advice) so that the panel can say the setting with its own controls."""

    def __new__(cls, *pieces):
        note = super().__new__(cls, said(pieces, Advice.for_code))
        note.pieces = tuple(pieces)
        return note

    def said(self, words) -> str:
        """The note with each Advice said by ``words``."""
        return said(self.pieces, words)


class ExportError(ValueError):
    """A user's own export cannot be read; the message names the file, what it looks like and what to do.

    ``pieces`` are text and ``Advice``; ``advice`` lists the Advice alone (what to change, as data).
    """

    def __init__(self, *pieces):
        self.pieces = tuple(pieces)
        super().__init__(said(self.pieces, Advice.for_code))

    @property
    def advice(self) -> tuple[Advice, ...]:
        """Each setting to change, as data (the panel says it with its own controls)."""
        return tuple(p for p in self.pieces if isinstance(p, Advice))

    def said(self, words) -> str:
        """The message with each Advice said by ``words`` (the panel's sentence for a setting)."""
        return said(self.pieces, words)

    def replace_text(self, old: str, new: str) -> None:
        """Replace ``old`` by ``new`` in the text (a temporary path by the file's name), advice untouched."""
        self.pieces = tuple(p.replace(old, new) if isinstance(p, str) else p for p in self.pieces)
        self.args = (said(self.pieces, Advice.for_code),)

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback (the message says what to do)."""
        return [f"ValueError: {self}"]


class ColumnsToChoose(ExportError):
    """A table of the user's own where some needed columns were not recognised (or more than one header fits).

    ``fields`` are the schema columns to choose a header for, ``headers`` the file's own, ``file`` the file
    named; the panel asks one question per field and reads the file again with ``columns={field: header}``.
    ``several`` is True when more than one header fits a field (rather than none).
    """

    def __init__(self, *pieces, kind: str, fields: tuple[str, ...], headers: tuple[str, ...], file: str = "",
                 several: bool = False):
        super().__init__(*pieces)
        self.kind, self.fields, self.headers = kind, tuple(fields), tuple(headers)
        self.file, self.several = file, several

    def replace_text(self, old: str, new: str) -> None:
        """Replace ``old`` by ``new`` in the text and in the file named."""
        super().replace_text(old, new)
        self.file = self.file.replace(old, new)


class ColumnProblem(Exception):
    """A problem with a whole column (no time zone, zones on some rows only), first seen at ``position``.

    ``pieces`` are text and Advice, as in ExportError; the loader turns it into an ExportError that names
    the file, the column and the row.
    """

    def __init__(self, position: int, *pieces):
        self.pieces = tuple(pieces)
        super().__init__(said(self.pieces, Advice.for_code))
        self.position = position
