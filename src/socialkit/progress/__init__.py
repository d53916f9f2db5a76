"""The self-paced learner's own view of the whole course: saved notebooks found, re-checked, summed up.

``overview.course_progress()`` reads the learner's saved exercise notebooks (``saved``), re-checks
their answers (``recheck``, in a fresh process for computed answers; ``worker``) with a cache in
the learner's own folder (``store``), and says where they stand and what to do next. ``dashboard``
shows it as the "my course" page of module 00; ``certificate`` writes the self-assessed record.
Nothing is sent anywhere and nothing is written into the course's files.
"""
