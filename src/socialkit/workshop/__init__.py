"""Workshop delivery, derived from each module's lesson and facilitator guide (no per-module code).

``decks``: the slide deck and the projector deck a facilitator shows (``socialkit present``);
``agenda``: the printable agenda and the learners' one-page handouts (``socialkit agenda``);
``printing``: HTML pages printed to PDF by a locally installed Chromium or Chrome.
"""
