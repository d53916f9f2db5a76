"""Plain words for the slips beginners make with pandas: one line that says what to type instead.

A beginner who forgets the brackets around a condition, misspells a column or skips a cell gets
a 30-line pandas traceback whose last line explains nothing. Inside a notebook this module turns
those slips into one sentence, for example::

    Put each condition in its own round brackets: mentions[(mentions["brand"] == "lumiere") & …]

The slip is still an error for Jupyter and nbgrader: the cell ends with an ``error`` output (its
``ename`` unchanged), so a grade cell still scores 0 and Run All still stops there; only the
traceback lines are replaced, and nothing is written to stderr. An error that is not a known slip,
or that is raised inside the kit's own code rather than by pandas on the learner's line, keeps its
full traceback, so a real bug is never hidden.

Installed by ``import socialkit`` inside IPython (the setup cell) and, before any cell runs, in
every kernel that ``socialkit start`` launches (an IPython extension). Course authors see the full
tracebacks again with ``socialkit.slips.show_tracebacks()`` or the environment variable
``SOCIALKIT_TRACEBACKS=1``; ``%tb`` shows the full traceback of the last error.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import linecache
import os
import re
import sys
import tokenize
from pathlib import Path

__all__ = ["install", "uninstall", "show_tracebacks", "load_ipython_extension", "SETUP_NAMES"]

TRACEBACKS_VARIABLE = "SOCIALKIT_TRACEBACKS"

# The kinds of error a slip can raise; everything else goes straight to IPython's usual display.
SLIP_TYPES = (NameError, KeyError, AttributeError, TypeError, ValueError, SyntaxError)

# Names that an exercise's setup cell defines (imports and tables); a module whose setup cell adds
# a name adds it here, so that a learner who skipped that cell is told to run it.
SETUP_NAMES = frozenset({
    "check", "hint", "progress", "analytics", "data", "widgets", "plots",
    "mentions", "accounts", "mentions_by_role", "daily",
    "contacts", "connections", "reached", "ties", "families", "marriages",  # module 06
    "adoption", "channel_mix", "shares",
})

# Where to read about the three moves again (the "three moves" card of module 00).
MOVE_COUNT = "move 1 · count in module 00"
MOVE_KEEP_ROWS = "move 2 · keep rows in module 00"
MOVE_READ_CELL = "move 3 · read one cell in module 00"

LONGEST_SUGGESTION = 300  # characters: a longer rewritten line is not shown

_full_tracebacks = False
_MARK = "_socialkit_slips"


# --------------------------------------------------------------------------- switches


def show_tracebacks(on: bool = True) -> None:
    """Show full Python tracebacks again (``on=True``), or plain words for slips (``on=False``): for authors."""
    global _full_tracebacks
    _full_tracebacks = bool(on)


def _tracebacks_wanted(shell) -> bool:
    """True when an author asked for full tracebacks (switch, environment variable, or the %pdb debugger)."""
    wanted = os.environ.get(TRACEBACKS_VARIABLE, "").strip().lower() not in ("", "0", "no", "false", "off")
    return _full_tracebacks or wanted or bool(getattr(shell, "call_pdb", False))


def install(shell=None) -> bool:
    """Register the plain-words handler on the running IPython shell; True if it is (now) active.

    Idempotent and cheap. Does nothing outside IPython, and leaves alone a shell where another
    tool already registered its own custom exception handler.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if getattr(shell, _MARK, False):
        return True
    if tuple(getattr(shell, "custom_exceptions", ())):
        return False
    shell.set_custom_exc(_slip_types(), _handle)
    setattr(shell, _MARK, True)
    if hasattr(shell, "events"):
        shell.events.register("pre_run_cell", _refresh_types)
    return True


def _slip_types() -> tuple:
    """The error kinds handled: Python's, plus pandas' IndexingError once pandas is imported (never imported here)."""
    pandas = sys.modules.get("pandas")
    errors = getattr(pandas, "errors", None) if pandas is not None else None
    return SLIP_TYPES + ((errors.IndexingError,) if errors is not None else ())


def _refresh_types(*_info) -> None:
    """Before each cell: add pandas' error kinds once the setup cell has imported pandas (cheap when nothing changed)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, _MARK, False) and tuple(shell.custom_exceptions) != _slip_types():
        shell.set_custom_exc(_slip_types(), _handle)


def uninstall(shell=None) -> None:
    """Remove the handler again (tracebacks as IPython shows them by default)."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, _MARK, False):
        shell.set_custom_exc((), None)
        setattr(shell, _MARK, False)
        if hasattr(shell, "events"):
            with contextlib.suppress(ValueError):
                shell.events.unregister("pre_run_cell", _refresh_types)


def load_ipython_extension(ipython) -> None:
    """``%load_ext socialkit.slips`` / ``--ext=socialkit.slips``: install the handler when a kernel starts."""
    install(ipython)


# --------------------------------------------------------------------------- the handler


def _handle(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception hook: one plain line for a known slip, the usual display otherwise.

    It never raises (IPython would unregister it and write to stderr) and always displays
    something, because IPython leaves the display to a custom handler.
    """
    line = None
    try:
        if not _tracebacks_wanted(shell) and not hasattr(value, "_render_traceback_"):
            line = explain(value, tb, shell)
    except Exception:  # a bug in the explanation must never cost the learner the real error
        line = None
    if line is None:
        _show_as_usual(shell, etype, value, tb, tb_offset)
    else:
        shell._get_exc_info((etype, value, tb))  # keeps sys.last_* for %tb and %debug
        shell._showtraceback(etype, value, [line])
    return None


def _show_as_usual(shell, etype, value, tb, tb_offset) -> None:
    """Display the error exactly as IPython would have without a custom handler."""
    caught_while_running = tb is not None and tb.tb_frame.f_code.co_name == "run_code"
    if caught_while_running or not issubclass(etype, (SyntaxError, OverflowError, ValueError, TypeError,
                                                      MemoryError)):
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset, running_compiled_code=caught_while_running)
    elif issubclass(etype, IndentationError):
        shell.showindentationerror()
    else:  # a cell that does not compile
        shell.showsyntaxerror()


# --------------------------------------------------------------------------- where the error happened


class _Context:
    """What the explanations need: the learner's names, the failing statement and the pandas frames."""

    def __init__(self, shell, cell_file: str | None, lineno: int | None, library_frames: list):
        self.shell = shell
        self.namespace = getattr(shell, "user_ns", {}) if shell is not None else {}
        hidden = getattr(shell, "user_ns_hidden", {}) if shell is not None else {}
        self.user_names = [name for name in self.namespace
                           if not name.startswith("_") and name not in hidden]
        self.cell_source = "".join(linecache.getlines(cell_file)) if cell_file else ""
        self.lineno = lineno
        self.library_frames = library_frames
        self.statement = _statement_at(self.cell_source, lineno) if self.cell_source and lineno else None

    def statement_text(self) -> str:
        """The source of the failing statement (or of its line when it cannot be parsed)."""
        if self.statement is not None:
            return ast.get_source_segment(self.cell_source, self.statement) or ""
        lines = self.cell_source.splitlines()
        return lines[self.lineno - 1] if self.lineno and 0 < self.lineno <= len(lines) else ""

    def names_holding(self, obj) -> list[str]:
        """The learner's names bound to exactly this object, those used in the failing statement first."""
        names = [name for name in self.user_names if self.namespace.get(name) is obj]
        used = set(re.findall(r"[A-Za-z_]\w*", self.statement_text()))
        return sorted(names, key=lambda name: (name not in used, name))

    def tables(self):
        """The learner's named DataFrames, as (name, table)."""
        pandas = sys.modules.get("pandas")
        if pandas is None:
            return []
        return [(name, self.namespace[name]) for name in self.user_names
                if isinstance(self.namespace.get(name), pandas.DataFrame)]


def _is_cell(shell, filename: str) -> bool:
    """True for code typed in a notebook cell (IPython's compiler remembers every cell's file name)."""
    cells = getattr(getattr(shell, "compile", None), "_filename_map", None)
    if cells is not None:
        return filename in cells
    return filename.startswith("<ipython-input-")


def _library_roots() -> tuple[str, ...]:
    """Folders of the libraries whose errors on a learner's line may be slips (pandas, numpy)."""
    roots = []
    for name in ("pandas", "numpy"):
        module = sys.modules.get(name)
        if module is not None and getattr(module, "__file__", None):
            roots.append(str(Path(module.__file__).parent) + os.sep)
    return tuple(roots)


def _context(value, tb, shell) -> _Context | None:
    """Where the error came from, or None when it was not raised by the learner's own line.

    A slip is raised on a cell's line itself, or inside pandas/numpy called straight from it. An
    error raised in any other code (the kit's own functions, a library the cell called) is not a
    slip: it keeps its traceback.
    """
    if isinstance(value, SyntaxError) and (tb is None or tb.tb_frame.f_code.co_name != "run_code"):
        filename = value.filename or ""
        return _Context(shell, filename if _is_cell(shell, filename) else None, value.lineno, [])
    frames = []
    while tb is not None:
        frames.append((tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    cell_indexes = [i for i, (frame, _) in enumerate(frames) if _is_cell(shell, frame.f_code.co_filename)]
    if not cell_indexes:
        return None
    last = cell_indexes[-1]
    below = [frame for frame, _ in frames[last + 1:]]
    roots = _library_roots()
    if any(not frame.f_code.co_filename.startswith(roots) for frame in below) or (below and not roots):
        return None
    frame, lineno = frames[last]
    return _Context(shell, frame.f_code.co_filename, lineno, below)


def _statement_at(source: str, lineno: int):
    """The smallest statement of ``source`` that spans line ``lineno`` (None if it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and node.lineno <= lineno <= (node.end_lineno or node.lineno):
            if best is None or (node.end_lineno - node.lineno) <= (best.end_lineno - best.lineno):
                best = node
    return best


# --------------------------------------------------------------------------- the explanations


def explain(value: BaseException, tb, shell) -> str | None:
    """The one plain line for the error ``value`` raised in ``shell``, or None when it is not a known slip."""
    context = _context(value, tb, shell)
    if context is None:
        return None
    if isinstance(value, SyntaxError):
        return _explain_syntax(value, context)
    if isinstance(value, NameError):
        return _explain_name(value, context)
    if isinstance(value, KeyError):
        return _explain_key(value, context)
    if isinstance(value, AttributeError):
        return _explain_attribute(value, context)
    if type(value).__name__ == "IndexingError":
        return _explain_too_many_labels(value, context)
    if isinstance(value, TypeError) and _REDUCTION.search(str(value)):
        return _explain_reduction(context)
    if isinstance(value, (TypeError, ValueError)):
        return _explain_loc_call(context) or _explain_conditions(value, context) or _explain_wrong_kind(value, context)
    return None


def _quoted(text) -> str:
    """A value as the learner would type it: text in double quotes, anything else as it prints."""
    return f'"{text}"' if isinstance(text, str) else str(text)


def _listing(labels, limit: int = 16) -> str:
    """Labels written out, comma separated, the first ``limit`` of them."""
    labels = [str(label) for label in labels]
    shown = ", ".join(labels[:limit])
    return shown + (f", … ({len(labels)} in all)" if len(labels) > limit else "")


def _closest(word: str, candidates, cutoff: float = 0.75) -> str | None:
    """The candidate nearest to ``word`` (same letters in another case first), or None."""
    import difflib

    candidates = [c for c in candidates if isinstance(c, str)]
    for candidate in candidates:
        if candidate.lower() == word.lower() and candidate != word:
            return candidate
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=cutoff)
    return found[0] if found else None


# ---- a name not defined


def _explain_name(value: NameError, context: _Context) -> str | None:
    """A name not defined: a skipped setup or answer cell, a spelling slip, or text without quotes."""
    name = getattr(value, "name", None) or _name_in_message(str(value))
    if not name or context.library_frames:
        return None
    defined = [n for n in context.user_names if n != name]
    close = _closest(name, defined)
    checked = _checked_names(context)
    if name in checked:
        if close:
            return (f"The check needs the name {name}, but your answer cell stored {close}: spell it exactly "
                    f"{name} in your answer cell, run that cell, then this one.")
        if name in SETUP_NAMES:
            return _run_setup(name)
        return (f"{name} has no value yet: run your answer cell above first (the one that starts "
                f"\"{name} =\"); if it shows a red error, fix that first.")
    if close:
        return f"{name} is not defined: did you mean {close}? Names must be spelt exactly, letter for letter."
    if name in SETUP_NAMES:
        return _run_setup(name)
    if _looks_like_text(name, context):
        return f"{name} is not defined: text needs quotes, so write \"{name}\"."
    setup = _closest(name, SETUP_NAMES)
    if setup:
        return (f"{name} is not defined: did you mean {setup}? It comes from the setup cell at the top of the "
                f"notebook, so run that cell first if you have not.")
    builtin = _closest(name, [n for n in dir(builtins) if not n.startswith("_")], cutoff=0.8)
    if builtin:
        return f"{name} is not defined: did you mean {builtin}? Names must be spelt exactly, letter for letter."
    return (f"{name} is not defined yet: run the cell above that stores it first (menu Run → Run All Above "
            f"Selected Cell), and check that it is spelt exactly the same there.")


def _run_setup(name: str) -> str:
    """The advice for a name that the notebook's setup cell defines."""
    return (f"{name} is not defined yet: run the setup cell at the top of the notebook first (click in it, "
            f"press Shift + Enter), or use the menu Run → Run All Above Selected Cell.")


def _name_in_message(message: str) -> str | None:
    """The name in "name 'x' is not defined" (older Pythons do not set NameError.name)."""
    match = re.search(r"name '(\w+)' is not defined", message)
    return match.group(1) if match else None


def _checked_names(context: _Context) -> set[str]:
    """Names passed to ``check(...)`` in the failing statement: answer variables."""
    if context.statement is None:
        return set()
    names = set()
    for node in ast.walk(context.statement):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check":
            names.update(arg.id for arg in node.args if isinstance(arg, ast.Name))
    return names


def _looks_like_text(name: str, context: _Context) -> bool:
    """True for a bare word that is surely meant as text: a choice letter, or a value found in a table."""
    if re.fullmatch(r"[A-Ea-e]", name):
        return True
    for _, table in context.tables():
        for column in table.columns:
            dtype = table[column].dtype
            if getattr(dtype, "name", "") == "category" and name in dtype.categories:
                return True
    return False


# ---- a column (or row) that is not in this table


def _explain_key(value: KeyError, context: _Context) -> str | None:
    """A column or row label that this table does not have: its labels, the closest one, the table that has it."""
    if not value.args or not context.library_frames:
        return None
    key = value.args[0]
    pandas = sys.modules.get("pandas")
    if pandas is None or not isinstance(key, (str, int)) or isinstance(key, bool):
        return None
    if isinstance(key, str) and (key.endswith("not in index") or key.startswith("None of [")):
        return None  # several labels asked at once: pandas' own message names them
    obj, axis = _indexed_object(context.library_frames, key, pandas)
    if obj is None:
        return None
    names = context.names_holding(obj)
    table = names[0] if names else "this table"
    swapped = _swapped_loc(obj, key, context.library_frames)
    if swapped:
        return (f"Row first, then column: {table}.loc[{_quoted(swapped[0])}, {_quoted(swapped[1])}] "
                f"({_quoted(swapped[0])} is a row of {table}, {_quoted(swapped[1])} a column; see {MOVE_READ_CELL}).")
    if axis == "column":
        return _no_such_column(key, obj, table, context)
    if not isinstance(key, str):
        return None
    if key.strip().isdigit() and pandas.api.types.is_integer_dtype(obj.index) and int(key) in obj.index:
        return (f"{table} has no row {_quoted(key)}: its rows are numbers, such as years, written without quotes: "
                f"write {int(key)}, not {_quoted(key)} (see {MOVE_READ_CELL}).")
    if isinstance(obj.index, pandas.DatetimeIndex) and len(obj.index):
        first, last = obj.index.min().strftime("%Y-%m-%d"), obj.index.max().strftime("%Y-%m-%d")
        return (f"{table} has no row {_quoted(key)}: its rows are dates from {first} to {last}, written "
                f"year-month-day in quotes, like \"{first}\" (see {MOVE_READ_CELL}).")
    labels = list(obj.index)
    if len(labels) > 1000 or not all(isinstance(label, str) for label in labels):
        return None
    close = _closest(key, labels)
    advice = f": did you mean {_quoted(close)}?" if close else "."
    return (f"{table} has no row {_quoted(key)}{advice} Its rows are: {_listing(labels)}. "
            f"Copy the label exactly, in quotes (see {MOVE_READ_CELL}).")


def _indexed_object(frames, key, pandas):
    """The DataFrame or Series the learner indexed, and whether ``key`` was asked as a column or a row."""
    for frame in frames:
        owner = frame.f_locals.get("self")
        if isinstance(owner, pandas.DataFrame):
            return owner, ("column" if frame.f_code.co_name == "__getitem__" or key not in owner.index else "row")
        if isinstance(owner, pandas.Series):
            return owner, "row"
        indexed = getattr(owner, "obj", None)
        if isinstance(indexed, pandas.DataFrame):
            asked = frame.f_locals.get("key")
            if isinstance(asked, tuple) and len(asked) == 2:
                return indexed, ("column" if _same_label(asked[1], key) else "row")
            return indexed, "row"
        if isinstance(indexed, pandas.Series):
            return indexed, "row"
    return None, None


def _swapped_loc(obj, key, frames) -> tuple | None:
    """(row, column) when ``.loc[column, row]`` was typed the wrong way round on a table that has both labels."""
    pandas = sys.modules.get("pandas")
    if pandas is None or not isinstance(obj, pandas.DataFrame):
        return None
    for frame in frames:
        asked = frame.f_locals.get("key")
        if getattr(frame.f_locals.get("self"), "obj", None) is obj and isinstance(asked, tuple) and len(asked) == 2:
            first, second = asked
            try:
                if (first in obj.columns and second in obj.index and first not in obj.index
                        and second not in obj.columns):
                    return second, first
            except TypeError:  # unhashable labels: not this slip
                return None
    return None


def _same_label(asked, key) -> bool:
    """True when ``key`` is the label (or one of the labels) asked."""
    if isinstance(asked, (list, tuple)):
        return key in asked
    return asked == key


def _no_such_column(key, table_obj, table: str, context: _Context) -> str:
    """The sentence for a column this table does not have."""
    columns = list(table_obj.columns)
    elsewhere = sorted(
        (name for name, other in context.tables() if other is not table_obj and key in other.columns),
        key=lambda name: -len(set(context.namespace[name].columns) & set(columns)),  # the likeliest table first
    )
    if elsewhere:
        holder = elsewhere[0]
        return (f"{table} has no column {_quoted(key)}: {_quoted(key)} is in {holder}, not in {table}, so use "
                f"{holder} here ({holder}[{_quoted(key)}]). Columns of {table}: {_listing(columns)}.")
    close = _closest(str(key), columns)
    if close:
        return (f"{table} has no column {_quoted(key)}: did you mean {_quoted(close)}? Column names are "
                f"spelt exactly, in quotes. Columns of {table}: {_listing(columns)}.")
    return f"{table} has no column {_quoted(key)}. Its columns are: {_listing(columns)}."


_REDUCTION = re.compile(r"(does not support (operation|reduction)|Cannot perform reduction) '(mean|sum|median|min|max)'")


def _explain_too_many_labels(value: Exception, context: _Context) -> str | None:
    """``.loc[row, column]`` on a table of one column (a Series): only the row is given."""
    if "Too many indexers" not in str(value):
        return None
    statement = context.statement_text().strip()
    fixed = re.sub(r"\.loc\[([^\[\],]+),[^\[\]]*\]", r".loc[\1]", statement)
    example = f": {fixed}" if fixed != statement and len(fixed) <= LONGEST_SUGGESTION else "."
    return f"This table has only one column, so give only the row in .loc[ ]{example} (see {MOVE_READ_CELL})"


def _explain_reduction(context: _Context) -> str:
    """``TABLE.mean()`` on a whole table with text columns: choose the column first."""
    statement = context.statement_text().strip()
    column = re.search(r"\.(mean|sum|median|min|max)\(\)", statement)
    how = column.group(1) if column else "mean"
    return (f"Choose the column first, then take the {how}: TABLE[\"column\"].{how}() — a whole table has columns "
            "of text, which have no average.")


def _explain_loc_call(context: _Context) -> str | None:
    """``table.loc("instagram")``: round brackets, as for an Excel function, where .loc needs square ones."""
    statement = context.statement_text()
    if not re.search(r"\.i?loc\(", statement):
        return None
    fixed = re.sub(r"\.(i?loc)\(([^()]*)\)", r".\1[\2]", statement.strip())
    example = f": {fixed}" if fixed != statement.strip() and len(fixed) <= LONGEST_SUGGESTION else "."
    return f".loc takes square brackets [ ], not round ones ( ){example} (see {MOVE_READ_CELL})"


def _explain_attribute(value: AttributeError, context: _Context) -> str | None:
    """``mentions.rol``: a column written as an attribute, or a misspelt pandas method."""
    pandas = sys.modules.get("pandas")
    obj, name = getattr(value, "obj", None), getattr(value, "name", None)
    if pandas is None or not name or not isinstance(obj, (pandas.DataFrame, pandas.Series)):
        return None
    if not context.library_frames:
        return None
    names = context.names_holding(obj)
    label = names[0] if names else "this table"
    if isinstance(obj, pandas.DataFrame):
        elsewhere = [n for n, other in context.tables() if other is not obj and name in other.columns]
        if elsewhere or _closest(name, list(obj.columns)):
            return _no_such_column(name, obj, label, context)
    method = _closest(name, [m for m in dir(obj) if not m.startswith("_")])
    if method:
        return f"{label} has no {name}: did you mean .{method}? Names are spelt exactly, letter for letter."
    return None


# ---- conditions joined without brackets, or with and / or / not / in


_BITWISE = re.compile(r"unsupported operand type\(s\) for [&|^]|operation 'r?(and|or|xor)_' not supported"
                      r"|Cannot perform 'r?(and|or|xor)_'")
_AMBIGUOUS = re.compile(r"The truth value of (a|an) \w+.* is ambiguous")


def _explain_conditions(value: Exception, context: _Context) -> str | None:
    """Conditions joined with & or | without brackets, or with the words and / or / not, or ``in`` a list."""
    message = str(value)
    bitwise = isinstance(value, TypeError) and _BITWISE.search(message)
    ambiguous = isinstance(value, ValueError) and _AMBIGUOUS.search(message)
    if not (bitwise or ambiguous):
        return None
    fixer = _ConditionFixer()
    fixed = fixer.rewrite(context.statement)
    suggestion = f": {fixed}" if fixed and len(fixed) <= LONGEST_SUGGESTION else "."
    if fixer.used_in:
        return (f"To keep the rows whose value is one of several, use .isin([...]) instead of in"
                f"{suggestion} (see {MOVE_KEEP_ROWS})")
    if fixer.used_words:
        return (f"Join conditions with & (and) or | (or), not with the words and / or / not, and put each "
                f"condition in its own round brackets{suggestion} (see {MOVE_KEEP_ROWS})")
    if bitwise or fixer.changed:
        return (f"Put each condition in its own round brackets when you join them with & or |{suggestion} "
                f"(see {MOVE_KEEP_ROWS})")
    return (f"A column of True/False values cannot be used with and, or, not or if: join conditions with "
            f"& (and) or | (or), each in its own round brackets, e.g. TABLE[(TABLE[\"brand\"] == \"lumiere\") "
            f"& (TABLE[\"likes\"] >= 10)] (see {MOVE_KEEP_ROWS}).")


class _ConditionFixer(ast.NodeTransformer):
    """Rewrites a statement the way it was meant: brackets around each condition, & | ~ for and or not."""

    JOINS = (ast.BitAnd, ast.BitOr)

    def __init__(self):
        self.changed = False
        self.used_words = False
        self.used_in = False

    def rewrite(self, statement) -> str | None:
        """The statement rewritten, as one line with double quotes, or None if nothing needed fixing."""
        if statement is None:
            return None
        import copy

        node = self.visit(copy.deepcopy(statement))
        if not self.changed:
            return None
        if not isinstance(node, ast.stmt) or isinstance(node, (ast.If, ast.For, ast.While, ast.With, ast.Try,
                                                                ast.FunctionDef, ast.ClassDef)):
            return None
        text = ast.unparse(ast.fix_missing_locations(node))
        return _double_quoted(text) if "\n" not in text else None

    def visit_BoolOp(self, node):
        """``a and b`` → ``(a) & (b)``; ``a or b`` → ``(a) | (b)``."""
        self.generic_visit(node)
        self.changed = self.used_words = True
        join = ast.BitAnd() if isinstance(node.op, ast.And) else ast.BitOr()
        result = node.values[0]
        for operand in node.values[1:]:
            result = ast.BinOp(left=result, op=join, right=operand)
        return result

    def visit_UnaryOp(self, node):
        """``not a`` → ``~(a)``."""
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            self.changed = self.used_words = True
            return ast.UnaryOp(op=ast.Invert(), operand=node.operand)
        return node

    def visit_Compare(self, node):
        """``a == b & c == d`` → ``(a == b) & (c == d)``; ``col in [..]`` → ``col.isin([..])``."""
        self.generic_visit(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and isinstance(
                node.comparators[0], (ast.List, ast.Tuple, ast.Set)):
            self.changed = self.used_in = True
            values = node.comparators[0]
            call = ast.Call(func=ast.Attribute(value=node.left, attr="isin", ctx=ast.Load()),
                            args=[ast.List(elts=values.elts, ctx=ast.Load())], keywords=[])
            return ast.UnaryOp(op=ast.Invert(), operand=call) if isinstance(node.ops[0], ast.NotIn) else call
        return self._split(node) or node

    def _split(self, node):
        """The comparison chain cut at every & / | hidden inside it, each condition bracketed; None if none."""
        pieces, joins = [], []
        left = node.left
        if isinstance(left, ast.BinOp) and isinstance(left.op, self.JOINS):
            pieces.append(left.left)
            joins.append(left.op)
            left = left.right
        ops, comparators = [], []
        for op, comparator in zip(node.ops, node.comparators):
            if isinstance(comparator, ast.BinOp) and isinstance(comparator.op, self.JOINS):
                if any(isinstance(side, ast.BinOp) and isinstance(side.op, self.JOINS)
                       for side in (comparator.left, comparator.right)):
                    return None  # a tangle we cannot read back reliably
                pieces.append(ast.Compare(left=left, ops=ops + [op], comparators=comparators + [comparator.left]))
                joins.append(comparator.op)
                left, ops, comparators = comparator.right, [], []
            else:
                ops.append(op)
                comparators.append(comparator)
        pieces.append(ast.Compare(left=left, ops=ops, comparators=comparators) if ops else left)
        if not joins:
            return None
        self.changed = True
        # Written out and parsed back, so that & binds tighter than | exactly as Python reads it.
        text = f"({ast.unparse(pieces[0])})"
        for join, piece in zip(joins, pieces[1:]):
            text += (" & " if isinstance(join, ast.BitAnd) else " | ") + f"({ast.unparse(piece)})"
        return ast.parse(text, mode="eval").body


def _double_quoted(code: str) -> str:
    """``x['a']`` → ``x["a"]``: the course writes text in double quotes."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return code
    out, last = [], 0
    for token in tokens:
        if token.type == tokenize.STRING and token.string.startswith("'") and token.start[0] == 1:
            inner = token.string[1:-1]
            if '"' not in inner and "\\" not in inner and not token.string.startswith("'''"):
                out.append(code[last:token.start[1]])
                out.append(f'"{inner}"')
                last = token.end[1]
    out.append(code[last:])
    return "".join(out)


# ---- a value compared with the wrong kind


_INVALID_COMPARISON = re.compile(r"Invalid comparison between dtype=(?P<column>[\w\[\], ]+?) and (?P<value>\w+)")
_UNQUOTED_DATE = re.compile(r"(?<![\w\"'.])(\d{4})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?![\w.])")


_NUMBER_AND_TEXT = re.compile(r"ufunc '(greater|less)(_equal)?' did not contain a loop with signature matching "
                              r"types .*(Float|Int)\d*DType.*StrDType|not supported between instances of "
                              r"'(int|float|str)' and '(int|float|str)'")


def _explain_wrong_kind(value: Exception, context: _Context) -> str | None:
    """A date without quotes, a number in quotes, ``>`` on text: the value is not of the column's kind."""
    message = str(value)
    if _NUMBER_AND_TEXT.search(message) and not re.search(r"'(int|float)' and '(int|float)'", message):
        numbers = [text for text in _strings_in(context.statement) if _is_number(text)]
        if numbers:
            return f"Numbers go without quotes: write {numbers[0].strip()}, not \"{numbers[0]}\"."
        return "A number and a piece of text cannot be compared: write numbers without quotes, text in quotes."
    if "Unordered Categoricals can only compare equality or not" in message:
        return ("This column holds categories (text), so > and < do not work on it: compare it with == or != "
                "and a value in quotes, like TABLE[\"lang\"] == \"fr\".")
    if "tz-naive and tz-aware" in message:
        return ("Write the date as text in quotes, like TABLE[\"ts\"] >= \"2025-07-01\": the column's times are "
                "in UTC, and pandas then compares them for you.")
    match = _INVALID_COMPARISON.search(message)
    if not match:
        return None
    column, kind = match.group("column"), match.group("value")
    statement = context.statement_text()
    if column.startswith("datetime64"):
        if kind in ("int", "float", "int64", "float64"):
            date = _UNQUOTED_DATE.search(_without_strings(statement))
            if date:
                typed = "-".join(date.groups())
                wanted = f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}"
                return (f"A date needs quotes: write \"{wanted}\", not {typed} (without quotes Python subtracts "
                        f"the numbers).")
            return ("This column holds dates: compare it with a date in quotes, like \"2025-07-01\", or compare "
                    "its month or year with a number, like TABLE[\"ts\"].dt.month >= 7.")
        if kind == "str":
            bad = [text for text in _strings_in(context.statement) if not _is_date(text)]
            shown = f"{_quoted(bad[0])} is not a date pandas can read" if bad else "That text is not a date"
            return f"{shown}: write dates as year-month-day in quotes, like \"2025-07-01\"."
        return ("Write the date as text in quotes, like TABLE[\"ts\"] >= \"2025-07-01\": the column's times are "
                "in UTC, and pandas then compares them for you.")
    if re.match(r"u?int|float", column) and kind == "str":
        numbers = [text for text in _strings_in(context.statement) if _is_number(text)]
        shown = f": write {numbers[0].strip()}, not \"{numbers[0]}\"" if numbers else ""
        return f"This column holds numbers, so write the number without quotes{shown}."
    if column in ("str", "string", "object") and kind in ("int", "float"):
        return "This column holds text: put the value you compare it with in quotes, like \"fr\"."
    return None


def _without_strings(code: str) -> str:
    """The code with every string literal blanked out, so that dates inside quotes are not found."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return code
    lines = code.splitlines(keepends=True)
    for token in tokens:
        if token.type == tokenize.STRING and token.start[0] == token.end[0]:
            row = token.start[0] - 1
            line = lines[row]
            lines[row] = line[:token.start[1]] + " " * (token.end[1] - token.start[1]) + line[token.end[1]:]
    return "".join(lines)


def _strings_in(statement) -> list[str]:
    """The text constants of a statement, in order."""
    if statement is None:
        return []
    return [node.value for node in ast.walk(statement) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _is_date(text: str) -> bool:
    """True when pandas reads ``text`` as a date."""
    pandas = sys.modules.get("pandas")
    try:
        pandas.Timestamp(text)
    except Exception:
        return False
    return True


def _is_number(text: str) -> bool:
    """True for text such as "100" or "2.5"."""
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---- syntax: = for ==, a date without quotes, quotes in texts


def _explain_syntax(value: SyntaxError, context: _Context) -> str | None:
    """``=`` where ``==`` was meant, a date typed without quotes (``2025-01-15``), an apostrophe or curly quotes in a text."""
    message = value.msg or ""
    line = (value.text or "").rstrip("\n")
    if "leading zeros in decimal integer literals" in message:
        date = _UNQUOTED_DATE.search(_without_strings(line))
        if date:
            return (f"A date needs quotes: write \"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}\""
                    f" (year-month-day, in quotes).")
        return "A number cannot start with 0: remove the leading zeros, or put the value in quotes if it is text."
    if "Maybe you meant '=='" in message or 'perhaps you meant "=="' in message:
        fixed = _equals_fixed(line)
        suggestion = f": {fixed.strip()}" if fixed and len(fixed) <= LONGEST_SUGGESTION else "."
        return (f"To compare, write == (two equals signs); a single = stores a value{suggestion} "
                f"(see {MOVE_KEEP_ROWS})")
    if "was never closed" in message or "incomplete input" in message:
        return ("A bracket is opened but never closed: every ( and [ needs its ) or ], the last one opened being "
                "closed first; check the end of the line.")
    closing = re.match(r"closing parenthesis '(.)' does not match opening parenthesis '(.)'", message)
    if closing:
        partner = {"(": ")", "[": "]", "{": "}"}[closing.group(2)]
        return (f"The brackets are closed in the wrong order: the {closing.group(2)} opened last must be closed "
                f"with {partner} before the {closing.group(1)}, like mentions[(mentions[\"likes\"] > 10)].")
    if message.startswith("unmatched "):
        return f"There is one {message[-2]} too many: remove it, or add the opening bracket it belongs to."
    if "invalid decimal literal" in message:
        question = re.search(r"\b(\d\d_[a-z_]+\.q\d+)\b", line)
        if question:
            return f"A question's name needs quotes: write \"{question.group(1)}\"."
        return "A name cannot start with a digit: if this is text, put it in quotes."
    if message.startswith("invalid syntax") and re.search(r"\b\d{1,3}(?: \d{3})+\b", _without_strings(line)):
        return "Write a number without spaces between the thousands: 20115, not 20 115."
    if "invalid character" in message and any(q in message for q in "“”‘’«»"):
        return ("Type the quotes with the keyboard (\" or '): curly quotes “ ” or ‘ ’ pasted from Word or an e-mail "
                "are not quotes for Python.")
    if "unterminated string literal" in message:
        if re.search(r"'[^'\"]*\w'\w", line):
            return ("This text contains an apostrophe ('), which ends a text written between ' quotes: put the text "
                    "between double quotes instead, like \"We're sorry\".")
        return "A text was opened with a quote but never closed: end it with the same quote on the same line."
    return None


def _equals_fixed(line: str) -> str | None:
    """The line with each comparing ``=`` (inside brackets, or in an if/while test) turned into ``==``."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    depth, replace, previous = 0, [], []
    header = bool(re.match(r"\s*(if|elif|while|assert)\b", line))
    for token in tokens:
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        elif token.type == tokenize.OP and token.string == "=" and token.start[0] == 1:
            keyword = (len(previous) >= 2 and previous[-1].type == tokenize.NAME
                       and previous[-2].type == tokenize.OP and previous[-2].string in "(,")
            if (depth > 0 and not keyword) or (depth == 0 and header):
                replace.append(token.start[1])
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous.append(token)
    if not replace:
        return None
    fixed = line
    for column in reversed(replace):
        fixed = fixed[:column] + "==" + fixed[column + 1:]
    check = fixed.strip() + ("\n    pass" if fixed.rstrip().endswith(":") else "")
    try:
        ast.parse(check)
    except SyntaxError:
        return None
    return fixed
