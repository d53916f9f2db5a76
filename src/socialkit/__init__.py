"""Social Media for Managers: the library behind the course notebooks.

Submodules are imported on demand (``from socialkit import data``) so that
``import socialkit`` stays fast. Inside a notebook kernel, importing the package
also switches on plain words for beginners' pandas slips (``socialkit.slips``).
"""

import sys

__version__ = "0.1.0"


def _plain_words_for_slips() -> None:
    """In a running IPython kernel, install ``socialkit.slips``; outside IPython, do nothing (and import nothing)."""
    ipython = sys.modules.get("IPython")
    if ipython is None or getattr(ipython, "get_ipython", None) is None or ipython.get_ipython() is None:
        return
    from socialkit import slips

    slips.install(ipython.get_ipython())


_plain_words_for_slips()
