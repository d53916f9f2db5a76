"""The room board: learners' checks tell the trainer's board (name, question, verdict, message id) and nothing else.

Fast tests run the board's real HTTP server on a thread; the slow ones start ``socialkit board`` as its
own process, fork 30 learners that check at once, and open the board's page in headless Chromium.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from socialkit import checks
from socialkit.cli import main
from socialkit.room import board, link

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, stop_process, wait_for_http  # noqa: E402
import room_learners  # noqa: E402

SCREENSHOTS = ROOT / "test-output" / "browser"
TOKEN = "ROOM2TEST"
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def no_room(monkeypatch, tmp_path):
    """A session that has joined no room: no variables, an empty home, no notebook join."""
    for name in (link.ENV_URL, link.ENV_TOKEN, link.ENV_NAME, "NBGRADER_EXECUTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(link, "_session", None)
    monkeypatch.setattr(link, "_saved", None)
    yield
    link.drain(3)
    checks.reset()


@pytest.fixture
def live_board(no_room):
    """The board's real HTTP server for 01_listen on a free port of 127.0.0.1 (on a thread)."""
    room = board.room_for(["01_listen"], TOKEN)
    server = board.make_server(room, "127.0.0.1", 0, "socialkit join …")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield room, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, dict]:
    """GET a JSON address of the board: status and body (an error status is returned, not raised)."""
    try:
        with DIRECT.open(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def quiet_check(question: str, value) -> None:
    """``check`` as a learner runs it, the not-yet case included (it raises CheckFailed for nbgrader)."""
    try:
        checks.check(question, value)
    except checks.CheckFailed:
        pass


# --------------------------------------------------------------------------- what leaves the machine


def test_message_id_blanks_numbers_quotes_and_brackets():
    assert link.message_id("12.5 % is close, but not within 0.1 of the data.") == "… is close, but not within … of the data."
    said = link.message_id("your list holds 'Grano & Co' (text) and [1, 2]; give \"names\".")
    assert "Grano" not in said and "1" not in said and "names" not in said
    assert link.message_id("x" * 500).__len__() == link.MAX_MESSAGE


def test_a_check_posts_name_question_verdict_and_message_id_only(live_board, capsys):
    room, url = live_board
    checks.join_room(url, TOKEN, "  Anna   Martin ")
    assert "You joined the room board 01_listen as Anna Martin" in capsys.readouterr().out
    quiet_check("01_listen.q1", 12345.678)
    quiet_check("01_listen.q3", "secret words")
    assert link.drain(5)
    posts = room.export()
    assert [(p["name"], p["question"], p["verdict"]) for p in posts] == [
        ("Anna Martin", "01_listen.q1", "wrong"), ("Anna Martin", "01_listen.q3", "wrong")]
    assert set(posts[0]) == {"name", "question", "verdict", "message_id", "received"}
    sent = json.dumps(posts)
    assert "12345" not in sent and "secret" not in sent  # the answers stay on the learner's machine
    assert posts[0]["message_id"] == "… is not a percentage: a percentage lies between … and …."
    status, summary = get(f"{url}/api/summary?token={TOKEN}")
    first = summary["questions"][0]
    assert status == 200 and summary["learners"] == 1
    assert (first["right"], first["wrong"], first["not_yet"], first["top_count"]) == (0, 1, 0, 1)
    assert summary["questions"][1]["not_yet"] == 1  # joined, never checked q2


def test_the_latest_check_of_a_learner_counts(live_board):
    room, url = live_board
    link.join_session(url, TOKEN, "Bo")
    quiet_check("01_listen.q1", 3.0)
    quiet_check("01_listen.q1", room_learners.answers()["right"])
    assert link.drain(5)
    first = room.summary()["questions"][0]
    assert (first["right"], first["wrong"], first["not_yet"], first["top_message"]) == (1, 0, 0, "")


def test_nothing_is_posted_without_joining_or_while_nbgrader_grades(live_board, monkeypatch):
    room, url = live_board
    assert link.tell("01_listen.q1", "wrong", "x") is False
    monkeypatch.setenv(link.ENV_URL, url)
    monkeypatch.setenv(link.ENV_TOKEN, TOKEN)
    monkeypatch.setenv(link.ENV_NAME, "Cleo")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    quiet_check("01_listen.q1", 3.0)
    monkeypatch.delenv("NBGRADER_EXECUTION")
    assert link.drain(5) and room.export() == []
    quiet_check("01_listen.q1", 3.0)  # the variables are a way to join
    assert link.drain(5) and [p["name"] for p in room.export()] == ["Cleo"]
    checks.leave_room()
    quiet_check("01_listen.q2", "2025-03-01")
    assert link.drain(5) and len(room.export()) == 1  # leave_room() wins over the variables


# --------------------------------------------------------------------------- the token and bad posts


def test_a_wrong_token_is_refused(live_board, capsys):
    room, url = live_board
    assert get(f"{url}/api/summary?token=WRONG1")[0] == 403
    assert get(f"{url}/api/export")[0] == 403
    post = {"token": "WRONG1", "name": "Eve", "question": "01_listen.q1", "verdict": "right", "message_id": ""}
    assert link.send(url, post) == 403
    assert link.send(url, post | {"token": TOKEN}) == 204
    assert [p["name"] for p in room.export()] == ["Eve"]
    checks.join_room(url, "WRONG1", "Eve")
    assert "refused this room token" in capsys.readouterr().out
    assert link.current() is None  # a refused join does not tell anything


def test_bad_posts_are_refused_with_a_reason(live_board):
    room, url = live_board
    good = {"token": TOKEN, "name": "Fay", "question": "01_listen.q1", "verdict": "right", "message_id": ""}
    assert link.send(url, good | {"question": "02_speak.q1"}) == 422
    assert link.send(url, good | {"verdict": "great"}) == 422
    assert link.send(url, good | {"name": "  "}) == 422
    with pytest.raises(ValueError, match="not a question of this room"):
        room.record(good | {"question": "nope.q1"})
    assert room.export() == []


def test_joining_with_bad_settings_says_what_to_fix(no_room, capsys):
    with pytest.raises(ValueError, match="not the board's address"):
        link.room("192.168.1.20:8765", TOKEN, "Anna")
    with pytest.raises(ValueError, match="not a room token"):
        link.room("http://192.168.1.20:8765", "a b", "Anna")
    with pytest.raises(ValueError, match="Give your name"):
        link.room("http://192.168.1.20:8765", TOKEN, " ")
    checks.join_room("localhost:8765", TOKEN, "Anna")
    assert capsys.readouterr().out.startswith("⚠️ 'localhost:8765' is not the board's address")


def test_socialkit_join_saves_the_room_and_leave_forgets_it(live_board, capsys):
    room, url = live_board
    assert main(["join", url, "WRONG1", "--name", "Gil"]) == 2
    assert "refused this room token" in capsys.readouterr().err
    assert main(["join", "http://127.0.0.1:9", TOKEN, "--name", "Gil"]) == 2
    assert "no board answers at http://127.0.0.1:9" in capsys.readouterr().err
    assert not link.settings_file().exists()
    assert main(["join", url, TOKEN, "--name", "Gil"]) == 0
    assert "Joined the room board 01_listen as Gil" in capsys.readouterr().out
    quiet_check("01_listen.q1", 3.0)
    assert link.drain(5) and [p["name"] for p in room.export()] == ["Gil"]
    assert main(["join", "--leave"]) == 0 and not link.settings_file().exists()
    assert link.tell("01_listen.q1", "wrong", "x") is False


# --------------------------------------------------------------------------- a board that is down


def test_checks_are_fine_and_do_not_wait_when_the_board_is_down(no_room, capsys):
    """One board refuses connections, the other accepts and never answers: checks neither fail nor wait."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(100)  # accepts connections (the kernel does), never reads nor answers
        for url in ("http://127.0.0.1:9", f"http://127.0.0.1:{silent.getsockname()[1]}"):
            link.join_session(url, TOKEN, "Hal")
            began = time.perf_counter()
            for _ in range(20):
                quiet_check("01_listen.q1", 3.0)
            spent = time.perf_counter() - began
            captured = capsys.readouterr()
            assert captured.out.count("❌ Not yet:") == 20 and captured.err == ""
            assert spent < link.TIMEOUT  # 20 posts that each time out after TIMEOUT: the checks did not wait
        assert not link.drain(0.1)  # the silent board's posts are still timing out, in the background
    assert link.drain(link.TIMEOUT * 25)


# --------------------------------------------------------------------------- the real board, 30 learners, the page


@pytest.fixture(scope="module")
def board_process(tmp_path_factory):
    """``socialkit board 01_listen`` started for real, on a free port of 127.0.0.1."""
    port = free_port()
    out = tmp_path_factory.mktemp("board") / "board.out"
    with out.open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "socialkit.cli", "board", "01_listen", "--port", str(port),
                                    "--token", TOKEN, "--no-browser"], stdout=log, stderr=subprocess.STDOUT,
                                   cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/", process, timeout=30)
        yield url, out
    finally:
        stop_process(process)


@pytest.mark.slow
def test_thirty_learners_checking_at_once_are_all_counted(board_process):
    url, out = board_process
    printed = out.read_text()
    assert f'socialkit join {url} {TOKEN} --name "Your name"' in printed
    assert f'join_room("{url}", "{TOKEN}", "Your name")' in printed
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "room_learners.py"), url, TOKEN, "30"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    learners = json.loads(done.stdout)
    assert len(learners) == 30 and all(learner["sent"] for learner in learners)
    status, summary = get(f"{url}/api/summary?token={TOKEN}")
    q1 = summary["questions"][0]
    assert status == 200 and summary["learners"] == 30
    assert (q1["right"], q1["partial"], q1["wrong"], q1["not_yet"]) == (12, 0, 15, 3)
    assert q1["top_count"] == 10 and q1["top_message"].startswith("that is the AVERAGE of the three monthly shares")
    assert all(q["not_yet"] == 30 for q in summary["questions"][1:])
    assert sorted(p["name"] for p in get(f"{url}/api/export?token={TOKEN}")[1]) == [
        f"Learner {i:02d}" for i in range(1, 31)]


@pytest.mark.slow
@pytest.mark.browser
def test_the_board_page_in_chromium(board_process):
    """The page shows the counts live, large enough for a projector; a wrong token shows why nothing comes."""
    from playwright.sync_api import sync_playwright

    url, _ = board_process
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{url}/?token={TOKEN}")
            row = page.locator('tr[data-question="01_listen.q2"]')
            row.wait_for(timeout=10_000)
            before = int(row.locator(".right-count").inner_text())
            link.send(url, {"token": TOKEN, "name": "Late Learner", "question": "01_listen.q2", "verdict": "right",
                            "message_id": ""})
            page.wait_for_function(
                f"() => document.querySelector('tr[data-question=\"01_listen.q2\"] .right-count').textContent == "
                f"'{before + 1}'", timeout=5_000)  # live: no reload
            assert "joined" in page.locator("#status").inner_text()
            assert f"socialkit join {url} {TOKEN}" in page.locator("#join").inner_text()
            sizes = page.eval_on_selector_all("td, th", "cells => cells.map(c => parseFloat(getComputedStyle(c).fontSize))")
            assert min(sizes) >= 18  # readable from the back of the room
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            shot = SCREENSHOTS / "room-board-1280x720.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 20_000
            wrong = browser.new_page()
            wrong.goto(f"{url}/?token=WRONG1")
            wrong.locator("#error", has_text="wrong room token").wait_for(timeout=5_000)
            assert wrong.locator("#board").is_hidden()
        finally:
            browser.close()
