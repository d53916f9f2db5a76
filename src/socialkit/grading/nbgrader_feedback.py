"""nbgrader's own feedback generation, switched off in grading workspaces: the kit writes the feedback.

nbgrader's feedback page is the graded notebook itself, so it shows learners every hidden test and the
marker's rubric, and ``generate_feedback --force`` (formgrader's *Generate Feedback* button) first
deletes the folder it writes to. A workspace's ``nbgrader_config.py`` therefore points nbgrader's
feedback folder at ``nbgrader-feedback/`` (never the kit's ``feedback/``) and gives nbgrader this one
step, which stops it with an explanation before anything is written.
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor

MESSAGE = (
    "nbgrader's feedback pages are switched off in this grading workspace: they would show learners the "
    "hidden tests and the marking rubric. The kit's feedback pages already carry your marks and comments: "
    "run `socialkit report ASSIGNMENT --workspace .` to refresh them, and `socialkit send ASSIGNMENT "
    "--workspace .` to deliver them."
)


class KitWritesFeedback(Preprocessor):
    """Stops nbgrader's generate_feedback with an explanation (see the module docstring)."""

    def __call__(self, nb, resources):
        """Run even though nbconvert preprocessors are off unless enabled: this one must always refuse."""
        return self.preprocess(nb, resources)

    def preprocess(self, nb, resources):
        """Refuse, before nbgrader writes anything."""
        raise RuntimeError(MESSAGE)
