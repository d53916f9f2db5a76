"""The room board: learners who opt in tell the trainer's board how their checks went (``link``); ``board`` serves it."""
