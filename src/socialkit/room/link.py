"""A learner's side of the room board: after each ``check``, tell the trainer's board how it went, if joined.

Only four things leave the machine: the learner's name, the question id, the verdict (right,
partial, wrong, missing) and the message id — the check's message with every number, quoted text
and bracketed part blanked out, so no answer is ever sent. Posting happens on a background thread
with a short timeout and is dropped when the board is down: a check never waits for the network
and never fails because of it. Nothing is printed (a grade cell must not write to stderr).

A learner joins in one of three ways (the first found wins):
``join_room(url, token, name)`` in a notebook (this session only); the environment variables
``SOCIALKIT_ROOM_URL``, ``SOCIALKIT_ROOM_TOKEN``, ``SOCIALKIT_ROOM_NAME``; or
``socialkit join URL TOKEN --name NAME``, which saves them in ``~/.socialkit/room.json``.
Nothing is posted while nbgrader grades a notebook (``NBGRADER_EXECUTION`` is set then).
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import re
import threading
import time
import urllib.parse
from pathlib import Path

TIMEOUT = 1.0  # seconds a post may take before it is dropped
QUEUE_SIZE = 200  # posts waiting at most; more are dropped (the board is down or slow)
ENV_URL, ENV_TOKEN, ENV_NAME = "SOCIALKIT_ROOM_URL", "SOCIALKIT_ROOM_TOKEN", "SOCIALKIT_ROOM_NAME"
MAX_MESSAGE = 200
MAX_NAME = 60
TOKEN_PATTERN = r"[A-Za-z0-9_-]{4,64}"

_session: dict | None = None  # set by join_room in a notebook
_saved: tuple[float, dict | None] | None = None  # (mtime, settings) of the room file, read once per change
_posts: queue.Queue = queue.Queue(QUEUE_SIZE)
_worker: threading.Thread | None = None
_lock = threading.Lock()


def settings_file() -> Path:
    """Where ``socialkit join`` saves the room: ``~/.socialkit/room.json``."""
    return Path.home() / ".socialkit" / "room.json"


def room(url: str, token: str, name: str) -> dict:
    """A room's settings checked for sense: an http address, a token, a name; ValueError says what is wrong."""
    url, token, name = str(url).strip().rstrip("/"), str(token).strip(), " ".join(str(name).split())
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"{url!r} is not the board's address: copy the line the trainer's board shows, "
                         f"e.g. http://192.168.1.20:8765")
    if not re.fullmatch(TOKEN_PATTERN, token):
        raise ValueError(f"{token!r} is not a room token: copy the token the trainer's board shows "
                         f"(letters and digits).")
    if not name:
        raise ValueError("Give your name, so the trainer's board counts your checks once.")
    return {"url": url, "token": token, "name": name[:MAX_NAME]}


def join_session(url: str, token: str, name: str) -> dict:
    """Join a room for this Python session only (``checks.join_room`` in a notebook)."""
    global _session
    _session = room(url, token, name)
    return _session


def leave_session() -> None:
    """Stop telling the board anything in this session (and ignore the saved room and variables)."""
    global _session
    _session = {}


def save(settings: dict) -> Path:
    """Save a room for every notebook on this computer (``socialkit join``)."""
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return path


def forget() -> bool:
    """Delete the saved room (``socialkit join --leave``); True if there was one."""
    try:
        settings_file().unlink()
        return True
    except FileNotFoundError:
        return False


def current() -> dict | None:
    """The room this session tells, or None: the notebook's join, else the variables, else the saved file."""
    global _saved
    if _session is not None:
        return _session or None
    if os.environ.get(ENV_URL) and os.environ.get(ENV_TOKEN):
        try:
            return room(os.environ[ENV_URL], os.environ[ENV_TOKEN], os.environ.get(ENV_NAME, ""))
        except ValueError:
            return None
    path = settings_file()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    if _saved is None or _saved[0] != mtime:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            _saved = (mtime, room(data["url"], data["token"], data["name"]))
        except (OSError, ValueError, KeyError, TypeError):
            _saved = (mtime, None)
    return _saved[1]


_BLANKED = re.compile(r"""'[^']*'|"[^"]*"|“[^”]*”|\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|[-+−]?\d+(?:[.,\u202f ]\d+)*\s?%?""")


def message_id(message: str) -> str:
    """The check's message with numbers, quoted text and bracketed parts replaced by ``…``: no answer leaves.

    ``"12.5 is close, but not within 0.1"`` → ``"… is close, but not within …"``.
    """
    text = _BLANKED.sub("… ", str(message))
    text = re.sub(r"(…\s*)+", "… ", text)
    return " ".join(text.split()).replace(" .", ".").replace(" ,", ",")[:MAX_MESSAGE]


def tell(question_id: str, verdict: str, message: str) -> bool:
    """Queue one check's result for the board if this session joined a room; never blocks, never raises."""
    try:
        if os.environ.get("NBGRADER_EXECUTION"):
            return False
        joined = current()
        if not joined:
            return False
        post = {"token": joined["token"], "name": joined["name"], "question": str(question_id),
                "verdict": str(verdict), "message_id": message_id(message)}
        _start_worker()
        _posts.put_nowait((joined["url"], post))
        return True
    except Exception:  # a full queue, anything: the check goes on as if no board existed
        return False


def _start_worker() -> None:
    """Start the one background thread that posts (once per process, again after a fork)."""
    global _worker
    if _worker is not None and _worker.is_alive():
        return
    with _lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_post_forever, name="socialkit-room", daemon=True)
            _worker.start()


def _post_forever() -> None:
    """Send queued results one by one; a board that is down or slow loses them, quietly."""
    while True:
        url, post = _posts.get()
        try:
            send(url, post)
        except Exception:
            pass
        finally:
            _posts.task_done()


def send(url: str, post: dict, timeout: float = TIMEOUT) -> int:
    """POST one result to the board at ``url``, directly (never through a proxy); the HTTP status."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        connection.request("POST", "/api/check", body=json.dumps(post).encode("utf-8"),
                           headers={"Content-Type": "application/json"})
        return connection.getresponse().status
    finally:
        connection.close()


def ask(url: str, token: str, timeout: float = 3.0) -> tuple[int, dict]:
    """GET the board's ``/api/hello`` with the token: its status and answer (``socialkit join`` checks with it)."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout)
    try:
        connection.request("GET", "/api/hello?" + urllib.parse.urlencode({"token": token}))
        response = connection.getresponse()
        try:
            answer = json.loads(response.read() or b"{}")
        except ValueError:
            answer = {}
        return response.status, answer
    finally:
        connection.close()


def drain(seconds: float = 1.0) -> bool:
    """Wait up to ``seconds`` for queued results to be sent (a script that exits at once); True if all went."""
    deadline = time.monotonic() + seconds
    while _posts.unfinished_tasks and time.monotonic() < deadline:
        time.sleep(0.01)
    return not _posts.unfinished_tasks


atexit.register(drain, 1.0)
