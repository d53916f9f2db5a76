"""The one error a user's export can raise, and the column-wide problem the converters report."""

from __future__ import annotations


class ExportError(ValueError):
    """A user's own export cannot be read; the message names the file, what it looks like and what to do."""

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback (the message says what to do)."""
        return [f"ValueError: {self}"]


class ColumnsToChoose(ExportError):
    """A table of the user's own where some needed columns were not recognised (or more than one header fits).

    ``fields`` are the schema columns to choose a header for, ``headers`` the file's own; the panel asks one
    question per field and reads the file again with ``columns={field: header}``.
    """

    def __init__(self, message: str, *, kind: str, fields: tuple[str, ...], headers: tuple[str, ...]):
        super().__init__(message)
        self.kind, self.fields, self.headers = kind, tuple(fields), tuple(headers)


class ColumnProblem(Exception):
    """A problem with a whole column (no time zone, zones on some rows only), first seen at ``position``.

    The loader turns it into an ExportError that names the file, the column and the row.
    """

    def __init__(self, position: int, message: str):
        super().__init__(message)
        self.position = position
        self.message = message
