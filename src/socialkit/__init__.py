"""Social Media for Managers: the library behind the course notebooks.

Submodules are imported on demand (``from socialkit import data``) so that
``import socialkit`` stays fast.
"""

__version__ = "0.1.0"
