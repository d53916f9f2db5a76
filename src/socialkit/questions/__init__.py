"""The exercise questions of every module, declared as data, one file per module's topic.

Each file defines ``QUESTIONS``, a ``socialkit.judging.QuestionSet`` named after its module slug;
the course table (``socialkit.course``) says which file belongs to which module. Files are imported
only when a check needs them. No answer is stored in them: expected values are computed from the
data when the learner checks, and multiple-choice answers are stored as salted digests.
"""
