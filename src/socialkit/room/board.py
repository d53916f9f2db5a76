"""``socialkit board``: the trainer's live view of the room — per question, how many learners are right, wrong or not yet.

A small HTTP server (Python's own, no extra package) on the trainer's laptop or a shared server.
Learners who opted in (``socialkit.room.link``) post ``name, question, verdict, message id`` to
``/api/check`` with the room's token; the page at ``/?token=…`` shows the counts, refreshed every
second, and the most common message of the answers not right yet. The results live in memory only
and end with the board (``/api/export`` gives them as JSON before you stop it).
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

VERDICTS = ("right", "partial", "wrong", "missing")
MAX_BODY = 4096
TOKEN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector without mistakes
PAGE = Path(__file__).with_name("board.html")


def new_token(length: int = 8) -> str:
    """A room token easy to read aloud and to type: eight letters and digits without look-alikes."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))


@dataclass
class Room:
    """What the board knows: the questions shown, and each learner's latest verdict per question."""

    token: str
    questions: list[tuple[str, str]]  # (id, prompt), in the modules' order
    latest: dict[tuple[str, str], dict] = field(default_factory=dict)  # (name, question) -> the latest post
    learners: dict[str, float] = field(default_factory=dict)  # name -> last post time
    lock: threading.Lock = field(default_factory=threading.Lock)

    def token_ok(self, token: str | None) -> bool:
        """True when ``token`` is this room's (compared in constant time)."""
        return hmac.compare_digest(str(token or "").encode(), self.token.encode())

    def record(self, post: dict) -> None:
        """Keep a learner's latest verdict on a question; ValueError says what is wrong with the post."""
        name = " ".join(str(post.get("name", "")).split())[:60]
        question = str(post.get("question", ""))
        verdict = post.get("verdict")
        if not name:
            raise ValueError("the post has no learner name")
        if question not in dict(self.questions):
            raise ValueError(f"{question!r} is not a question of this room")
        if verdict not in VERDICTS:
            raise ValueError(f"the verdict must be one of {', '.join(VERDICTS)}")
        now = time.time()
        with self.lock:
            self.latest[(name, question)] = {"name": name, "question": question, "verdict": verdict,
                                              "message_id": str(post.get("message_id", ""))[:200],
                                              "received": now}
            self.learners[name] = now

    def summary(self) -> dict:
        """Per question: right, partly right, wrong and not yet (missing or not checked), and the top message."""
        with self.lock:
            learners = len(self.learners)
            rows = []
            for question, prompt in self.questions:
                posts = [p for (_, q), p in self.latest.items() if q == question]
                counts = Counter(p["verdict"] for p in posts)
                messages = Counter(p["message_id"] for p in posts if p["verdict"] in ("wrong", "partial")
                                   and p["message_id"])
                top, top_count = messages.most_common(1)[0] if messages else ("", 0)
                rows.append({"id": question, "prompt": prompt, "right": counts["right"],
                             "partial": counts["partial"], "wrong": counts["wrong"],
                             "not_yet": learners - counts["right"] - counts["partial"] - counts["wrong"],
                             "top_message": top, "top_count": top_count})
        return {"learners": learners, "questions": rows, "time": time.time()}

    def export(self) -> list[dict]:
        """Every learner's latest post per question, with the time the board received it."""
        with self.lock:
            return sorted(self.latest.values(), key=lambda p: p["received"])


def room_for(modules: list[str], token: str) -> Room:
    """A room showing the questions of ``modules`` (the course's question sets)."""
    from socialkit import checks

    questions = [(q.id, q.prompt) for module in modules for q in checks.questions_of(module)]
    if not questions:
        raise ValueError(f"no questions in {', '.join(modules)}: name modules with exercises, e.g. 01_listen")
    return Room(token=token, questions=questions)


class BoardHandler(BaseHTTPRequestHandler):
    """The board's few addresses: the page, hello, check (POST), summary and export."""

    room: Room
    join_line: str = ""
    server_version = "socialkit-board"

    def log_message(self, format, *args) -> None:
        """Quiet: one line per learner's check would flood the trainer's terminal."""

    def _reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, data) -> None:
        self._reply(status, json.dumps(data).encode("utf-8"))

    def _refused(self) -> None:
        self._json(403, {"error": "wrong room token: copy it again from the trainer's board"})

    def do_GET(self) -> None:
        """The page, or the JSON of hello / summary / export (all but the page need the token)."""
        url = urllib.parse.urlsplit(self.path)
        token = urllib.parse.parse_qs(url.query).get("token", [""])[0]
        if url.path == "/":
            self._reply(200, PAGE.read_bytes(), "text/html; charset=utf-8")
        elif url.path not in ("/api/hello", "/api/summary", "/api/export"):
            self._json(404, {"error": f"no page {url.path}"})
        elif not self.room.token_ok(token):
            self._refused()
        elif url.path == "/api/hello":
            self._json(200, {"room": ", ".join(sorted({q.split(".")[0] for q, _ in self.room.questions})),
                             "join": self.join_line})
        elif url.path == "/api/summary":
            self._json(200, {**self.room.summary(), "join": self.join_line})
        else:
            self._json(200, self.room.export())

    def do_POST(self) -> None:
        """A learner's check: JSON ``{token, name, question, verdict, message_id}``; 204 when kept."""
        if urllib.parse.urlsplit(self.path).path != "/api/check":
            self._json(404, {"error": f"no page {self.path}"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 < length <= MAX_BODY:
            self._json(413, {"error": "a check's post is a few hundred bytes"})
            return
        try:
            post = json.loads(self.rfile.read(length))
            if not isinstance(post, dict):
                raise ValueError("the post must be a JSON object")
        except ValueError as exc:
            self._json(400, {"error": f"not a check's post ({exc})"})
            return
        if not self.room.token_ok(post.get("token")):
            self._refused()
            return
        try:
            self.room.record(post)
        except ValueError as exc:
            self._json(422, {"error": str(exc)})
            return
        self._reply(204, b"")


class BoardServer(ThreadingHTTPServer):
    """A threading HTTP server that lets 30 learners connect at once (the default backlog is 5)."""

    request_queue_size = 128
    daemon_threads = True


def make_server(room: Room, ip: str, port: int, join_line: str = "") -> BoardServer:
    """The board's server bound to ``ip:port`` (not yet serving)."""
    handler = type("Handler", (BoardHandler,), {"room": room, "join_line": join_line})
    return BoardServer((ip, port), handler)


def board_command(args) -> int:
    """Serve the board until Ctrl-C; print the trainer's address and the learners' join line."""
    from socialkit.lan import shown_host
    from socialkit.room.link import TOKEN_PATTERN

    token = args.token or new_token()
    if not re.fullmatch(TOKEN_PATTERN, token):
        raise ValueError(f"{token!r} cannot be a room token: use 4 to 64 letters, digits, - or _")
    room = room_for(args.modules, token)
    host = shown_host(args.ip)
    base = f"http://{host}:{args.port}"
    join = f'socialkit join {base} {token} --name "Your name"'
    try:
        server = make_server(room, args.ip, args.port, join)
    except OSError as exc:
        raise RuntimeError(f"cannot serve the board on {args.ip}:{args.port} ({exc.strerror}): "
                           f"choose another port, e.g. socialkit board {' '.join(args.modules)} "
                           f"--port {args.port + 1}") from exc
    page = f"{base}/?token={token}"
    print(f"Room board for {', '.join(args.modules)} ({len(room.questions)} questions). Open it on the projector:\n\n"
          f"    {page}\n\nLearners join with, in a terminal:\n\n    {join}\n\n"
          f"or in a notebook cell:\n\n    from socialkit.checks import join_room\n"
          f'    join_room("{base}", "{token}", "Your name")\n', flush=True)
    if args.ip in ("127.0.0.1", "localhost"):
        print("Only this computer can reach it; for the room's laptops add --ip 0.0.0.0.", flush=True)
    if not args.no_browser:
        import webbrowser

        webbrowser.open(page)
    print("Press Ctrl-C here to stop (the results are not kept).", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\nBoard stopped.")
    finally:
        server.server_close()
    return 0


def join_command(args) -> int:
    """``socialkit join URL TOKEN --name NAME``: save the room for every notebook here; ``--leave`` forgets it."""
    from socialkit.room import link

    if args.leave:
        print("You left the room board." if link.forget() else "You had not joined a room board.")
        return 0
    if not (args.url and args.token and args.name):
        raise ValueError('give the board\'s address, its token and your name: '
                         'socialkit join http://192.168.1.20:8765 K7M2Q9XD --name "Anna Martin"')
    settings = link.room(args.url, args.token, args.name)
    try:
        status, answer = link.ask(settings["url"], settings["token"])
    except OSError as exc:
        raise RuntimeError(f"no board answers at {settings['url']} ({exc}): check the address on the trainer's "
                           f"screen and that you are on the same network") from exc
    if status == 403:
        raise ValueError("the board refused this room token: copy it again from the trainer's screen")
    if status != 200:
        raise RuntimeError(f"{settings['url']} answered {status}: is it a socialkit board?")
    path = link.save(settings)
    print(f"Joined the room board {answer.get('room', '')} as {settings['name']} (saved in {path}).\n"
          f"From now on, every check() in your notebooks tells the board right / wrong / not yet, never your "
          f"answers.\nTo stop: socialkit join --leave")
    return 0
