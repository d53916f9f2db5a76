"""nbgrader settings for the course kit: solutions/ is the source, exercises/ the learners' release.

`socialkit build` reads this file too (with a throwaway gradebook), so the release it writes is the
one `nbgrader generate_assignment` would write. Graders normally use `socialkit grade`, which keeps
its gradebook in the grading workspace.
"""

import os

c = get_config()  # noqa: F821  (provided by nbgrader when it loads this file)

KIT_ROOT = os.path.dirname(os.path.abspath(__file__))

# Folders: the slug (e.g. 01_listen) is the assignment id.
c.CourseDirectory.root = KIT_ROOT
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# The gradebook is a local SQLite file that git ignores (see .gitignore); never commit it.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(KIT_ROOT, "gradebook.db")

# Learners see their own stub line (written above "### BEGIN SOLUTION", e.g.
# `sov_march = ...  # your answer`), not `raise NotImplementedError()`.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "✍️ Write your answer here, in a few sentences (double-click this cell to edit it)."
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"

# When grading, put back any test cell a learner deleted, so it is graded all the same.
c.OverwriteCells.add_missing_cells = True
