"""The room board: how long a check takes to reach the board, and what posting costs a learner's check.

    python benchmarks/room_board.py [--rounds 5] [--checks 300]

1. Latency, check → board: a real ``socialkit board`` process on 127.0.0.1; 1 learner (the anchor),
   then 30 learners (forked processes, ``tests/room_learners.py``) calling ``check`` at the same
   moment. Latency = the time the board received a learner's post − the time that learner called
   ``check`` (one clock: same machine). The page shows it at its next refresh (every second).
   The 30 learner processes share this machine's cores with the board; a third figure sends 30
   posts at once from threads of one process, to show the board's own share.
2. Cost of a check: the same wrong answer checked ``--checks`` times in this process with no room
   joined (the anchor), with a board that is down (nothing listens: the connection is refused), and
   with a board that accepts connections but never answers (each post waits for the timeout, on the
   background thread). Median per check; the ratios to "no board" are what a learner pays.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import free_port, stop_process, wait_for_http  # noqa: E402

from socialkit import checks  # noqa: E402
from socialkit.room import link  # noqa: E402

TOKEN = "BENCH2ROOM"
QUESTION = "01_listen.q1"
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)]


def latencies(url: str, learners: int) -> list[float]:
    """Fork ``learners`` learners that check at once; each one's check → board latency in seconds."""
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "room_learners.py"), url, TOKEN, str(learners)],
                          capture_output=True, text=True, check=True, timeout=300)
    checked = {r["name"]: r for r in json.loads(done.stdout)}
    with DIRECT.open(f"{url}/api/export?token={TOKEN}", timeout=10) as response:
        received = {p["name"]: p["received"] for p in json.loads(response.read())}
    lost = [name for name, r in checked.items() if not r["sent"]]
    if lost:
        raise RuntimeError(f"{len(lost)} posts were not sent: {lost}")
    return [received[name] - r["checked"] for name, r in checked.items()]


def posts_at_once(url: str, count: int) -> list[float]:
    """``count`` posts sent at the same moment from threads of this process: the board's own share of the latency."""
    barrier = threading.Barrier(count)
    spent = [0.0] * count

    def post(i: int) -> None:
        barrier.wait()
        began = time.perf_counter()
        link.send(url, {"token": TOKEN, "name": f"Thread {i:02d}", "question": QUESTION, "verdict": "wrong",
                        "message_id": "…"}, timeout=10)
        spent[i] = time.perf_counter() - began

    threads = [threading.Thread(target=post, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return spent


def check_cost(checks_count: int) -> float:
    """Median seconds of one ``check`` of a wrong answer (stdout swallowed), in the current room setting."""
    times = []
    for _ in range(checks_count):
        with contextlib.redirect_stdout(io.StringIO()):
            began = time.perf_counter()
            try:
                checks.check(QUESTION, 3.0)
            except checks.CheckFailed:
                pass
            times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--checks", type=int, default=300)
    args = parser.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    board = subprocess.Popen([sys.executable, "-m", "socialkit.cli", "board", "01_listen", "--port", str(port),
                              "--token", TOKEN, "--no-browser"], stdout=subprocess.DEVNULL, cwd=ROOT)
    try:
        wait_for_http(url + "/", board, timeout=30)
        one, thirty, board_only = [], [], []
        for _ in range(args.rounds):
            one += latencies(url, 1)
            thirty += latencies(url, 30)
            board_only += posts_at_once(url, 30)
    finally:
        stop_process(board)
    print(f"Latency check → board, {args.rounds} rounds (board on 127.0.0.1, {len(thirty)} posts from 30 at once):")
    print(f"  1 learner:            median {statistics.median(one) * 1000:7.1f} ms")
    print(f"  30 learners at once:  median {statistics.median(thirty) * 1000:7.1f} ms, "
          f"p95 {percentile(thirty, 0.95) * 1000:7.1f} ms, max {max(thirty) * 1000:7.1f} ms "
          f"(ratio of medians {statistics.median(thirty) / statistics.median(one):.1f}×)")
    print(f"  30 posts at once from one process's threads (the board alone): median "
          f"{statistics.median(board_only) * 1000:7.1f} ms, p95 {percentile(board_only, 0.95) * 1000:7.1f} ms")
    print("  the page shows a post at its next refresh: + up to 1 s")

    checks.evaluate(QUESTION, 3.0)  # warm: the expected value and the mistakes' values
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1000)
        settings = {"no board (anchor)": None, "board down (refused)": "http://127.0.0.1:9",
                    "board silent (timeouts)": f"http://127.0.0.1:{silent.getsockname()[1]}"}
        results = {name: [] for name in settings}
        for _ in range(args.rounds):
            for name, board_url in settings.items():
                if board_url is None:
                    link.leave_session()
                else:
                    link.join_session(board_url, TOKEN, "Bench")
                results[name].append(check_cost(args.checks))
        link.leave_session()
    anchor = statistics.median(results["no board (anchor)"])
    print(f"Cost of one check (median of {args.rounds} rounds × {args.checks} checks of a wrong answer):")
    for name, values in results.items():
        cost = statistics.median(values)
        print(f"  {name:<26} {cost * 1e6:8.1f} µs   ratio {cost / anchor:5.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
