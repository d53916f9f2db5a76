"""What the plain-words errors cost: ``import socialkit`` with them, and showing a slip, each beside an anchor.

Run:  .venv/bin/python benchmarks/slips.py [--rounds 15]

1. ``import socialkit``, timed inside fresh Python processes: outside IPython (it installs nothing) and
   inside an IPython shell (it installs ``socialkit.slips``), against the anchor of creating that
   IPython shell, which every kernel does when it starts: the ratio is what the package adds.
2. Showing one slip (``mentions[... & ...]`` without brackets, on the sample data) with the handler,
   against IPython's own traceback of the same error (the anchor): median milliseconds per cell.

With ``PYTHONDONTWRITEBYTECODE=1`` (set on some build machines) every import compiles its source
again; unset it to measure what a learner's machine does.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import subprocess
import sys
import time

PROBE = """
import json, time
started = time.perf_counter()
from IPython.core.interactiveshell import InteractiveShell
if {with_shell}:
    InteractiveShell.instance()
shell_done = time.perf_counter()
import socialkit, sys
done = time.perf_counter()
assert ("socialkit.slips" in sys.modules) == {with_shell}
print(json.dumps({{"shell": shell_done - started, "socialkit": done - shell_done}}))
"""


def import_times(with_shell: bool, rounds: int) -> tuple[float, float]:
    """Median seconds (IPython import and shell, then ``import socialkit``) over fresh processes."""
    shells, packages = [], []
    for _ in range(rounds):
        done = subprocess.run([sys.executable, "-c", PROBE.format(with_shell=with_shell)],
                              check=True, capture_output=True, text=True)
        measured = json.loads(done.stdout)
        shells.append(measured["shell"])
        packages.append(measured["socialkit"])
    return statistics.median(shells), statistics.median(packages)


def cell_time(shell, code: str, rounds: int) -> float:
    """Median seconds for ``shell`` to run a cell that fails (its display is captured and dropped)."""
    times = []
    for _ in range(rounds):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            started = time.perf_counter()
            shell.run_cell(code, store_history=True)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds

    _, outside = import_times(False, rounds)
    shell, inside = import_times(True, rounds)
    print(f"IPython shell created (anchor)   {shell * 1000:7.1f} ms")
    print(f"import socialkit outside IPython {outside * 1000:7.1f} ms   ratio {outside / shell:.3f}")
    print(f"import socialkit in IPython      {inside * 1000:7.1f} ms   ratio {inside / shell:.3f}")

    from IPython.core.interactiveshell import InteractiveShell

    from socialkit import slips

    shell = InteractiveShell.instance()
    shell.run_cell('from socialkit import data\nmentions = data.load("mentions")')
    slips.uninstall(shell)  # importing socialkit in the shell installed it
    slip = 'mentions[mentions["brand"] == "lumiere" & mentions["lang"] == "fr"]'
    usual = cell_time(shell, slip, rounds)
    slips.install(shell)
    plain = cell_time(shell, slip, rounds)
    slips.uninstall(shell)
    print(f"a slip, IPython's traceback {usual * 1000:6.1f} ms")
    print(f"a slip, one plain line      {plain * 1000:6.1f} ms   ratio {plain / usual:.2f}")


if __name__ == "__main__":
    main()
