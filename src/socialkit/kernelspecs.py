"""The learner's Python kernel: Jupyter's usual ``python3`` kernel, with plain words for slips from its first cell.

``socialkit start`` tells JupyterLab to use ``LearnerKernelSpecManager``; every ``python3`` kernel it
launches then loads the IPython extension ``socialkit.slips`` before any cell runs, so that even a
notebook whose setup cell was skipped answers ``NameError: name 'check' is not defined`` in plain words.
Nothing is written to the user's Jupyter folders. Imported only by the JupyterLab server process.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jupyter_client.kernelspec import NATIVE_KERNEL_NAME, KernelSpecManager

SLIPS_EXTENSION = "--ext=socialkit.slips"


def runs_this_python(argv: list[str]) -> bool:
    """True when a kernel command starts this Python (where socialkit is installed), as ``python3`` does."""
    if not argv:
        return False
    program = argv[0]
    if program in ("python", f"python{sys.version_info[0]}", "python{0}.{1}".format(*sys.version_info[:2])):
        return True  # jupyter_client replaces these names with sys.executable
    try:
        return Path(program).resolve() == Path(sys.executable).resolve()
    except OSError:
        return False


class LearnerKernelSpecManager(KernelSpecManager):
    """Kernel specs as Jupyter finds them, except that the ``python3`` kernel also loads ``socialkit.slips``."""

    def get_kernel_spec(self, kernel_name: str, *args, **kwargs):
        """The spec Jupyter would use, plus the slips extension for this Python's ``python3`` kernel."""
        spec = super().get_kernel_spec(kernel_name, *args, **kwargs)
        if kernel_name == NATIVE_KERNEL_NAME and runs_this_python(spec.argv) and SLIPS_EXTENSION not in spec.argv:
            spec.argv = [*spec.argv, SLIPS_EXTENSION]
        return spec
