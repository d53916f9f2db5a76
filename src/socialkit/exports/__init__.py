"""A user's own exports (platforms, scheduling tools, listening and review sites) read into the kit's tables.

``read(path)`` recognises the export from its header (``profiles``), cleans what real exports
need cleaning, and returns a ``LoadedExport``: the table typed like a sample table, a report of
how each column was understood and what was left aside, and ``feeds()`` — which dashboards the
data can feed. ``socialkit.data.read_export`` is the same reader returning only the table.
"""

from socialkit.exports.errors import Advice, ColumnsToChoose, ExportError
from socialkit.exports.loading import LoadedExport, read
from socialkit.exports.profiles import PROFILES

__all__ = ["Advice", "ColumnsToChoose", "ExportError", "LoadedExport", "PROFILES", "read"]
