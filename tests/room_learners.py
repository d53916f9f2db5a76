"""Simulated learners for the room board: one process each, all checking 01_listen.q1 at the same moment.

Each learner is a real process (forked from one that has already computed the question's expected
value, so 30 of them start in milliseconds), joined to the board under its own name with
``join_room``, calling the real ``check``. Used by ``tests/test_room.py`` and
``benchmarks/room_board.py``. Linux and macOS only (``os.fork``).
"""

from __future__ import annotations

import json
import os
import time

QUESTION = "01_listen.q1"
# (how many learners, what they answer): right, the typical mistake, another wrong number, nothing yet
MIX = (("right", 12), ("mean_of_months", 10), ("wrong", 5), ("missing", 3))


def answers() -> dict[str, object]:
    """The value each kind of learner types for Q1 (the right one is computed from the data, as the check does)."""
    from socialkit.questions import listen

    return {"right": listen.share_of_voice(), "mean_of_months": listen._mean_of_monthly_shares(),
            "wrong": 3.0, "missing": ...}


def planned(count: int = 30) -> list[str]:
    """The kind of answer of each of ``count`` learners, in MIX's proportions (for 30: exactly MIX)."""
    kinds = [kind for kind, n in MIX for _ in range(n)]
    return [kinds[i * len(kinds) // count] for i in range(count)]


def run_learners(url: str, token: str, count: int = 30, delay: float = 0.5) -> list[dict]:
    """Fork ``count`` learners that all check at ``delay`` seconds from now; each one's check time and cost.

    Returns one dict per learner: ``name``, ``kind``, ``checked`` (wall-clock time of the call),
    ``seconds`` (how long ``check`` took), ``sent`` (whether the post left before the learner ended).
    """
    from socialkit import checks
    from socialkit.room import link

    import http.client  # noqa: F401  a learner's first post imports it (30 ms, on its own laptop's thread):
    # done once here, so 30 learners sharing 2 cores measure the board, not 30 imports at once
    values = answers()
    try:
        for value in values.values():  # warm up before forking: imports, the expected value, the mistakes' values
            checks.evaluate(QUESTION, value)
    finally:
        checks.reset()
    read_end, write_end = os.pipe()
    start_at = time.time() + delay
    children = []
    for i, kind in enumerate(planned(count)):
        pid = os.fork()
        if pid == 0:  # the learner
            code = 1
            try:
                os.close(read_end)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)  # the check's friendly line
                name = f"Learner {i + 1:02d}"
                link.join_session(url, token, name)
                time.sleep(max(0.0, start_at - time.time()))
                checked, began = time.time(), time.perf_counter()
                try:
                    checks.check(QUESTION, values[kind])
                except checks.CheckFailed:
                    pass
                seconds = time.perf_counter() - began
                sent = link.drain(5.0)
                line = json.dumps({"name": name, "kind": kind, "checked": checked, "seconds": seconds,
                                   "sent": sent}) + "\n"
                os.write(write_end, line.encode())  # one short line: written in one piece
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    os.close(write_end)
    with os.fdopen(read_end, "r") as pipe:
        results = [json.loads(line) for line in pipe]
    for pid in children:
        os.waitpid(pid, 0)
    return results


if __name__ == "__main__":  # python tests/room_learners.py URL TOKEN [COUNT]: a single-threaded process to fork from
    import sys

    print(json.dumps(run_learners(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 30)))
