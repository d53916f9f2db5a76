"""``socialkit send``: deliver each learner's feedback page, as e-mail drafts or through a mail server.

For every learner it writes, in ``outbox/<assignment>/``, the page named after them
(``anna-martin_01_listen_feedback.html``) and an e-mail draft (``.eml``, opened by Outlook,
Thunderbird or Apple Mail as a message ready to send) addressed from the roster. With ``--smtp`` it
also sends them through the trainer's mail server and notes each one in ``sent.csv``, so running it
again sends only new or changed pages. Learners with answers still to mark are held back unless
``--include-unmarked``.
"""

from __future__ import annotations

import copy
import csv
import getpass
import hashlib
import os
import smtplib
import socket
import ssl
import sys
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr
from pathlib import Path

from socialkit.grading.workspace import Workspace

PASSWORD_VARIABLE = "SOCIALKIT_SMTP_PASSWORD"
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
SENT_COLUMNS = ["learner", "email", "page_sha256", "sent_at", "server"]
# the name we greet the server with: smtplib's default asks the DNS (socket.getfqdn), which hangs offline
HELLO_NAME = socket.gethostname() or "localhost"


def page_name(learner: str, assignment: str, suffix: str) -> str:
    """``anna-martin_01_listen_feedback.html``: a file name that says whose page it is."""
    return f"{learner}_{assignment}_feedback{suffix}"


def score_sentence(row) -> str:
    """The score in words for the e-mail: final, provisional, or why there is none."""
    if not row.record.has_grade:
        return f"your notebook could not be graded: {row.record.reason}"
    if row.manual_pending:
        return (f"{row.score:g} / {row.record.max_score:g} so far ({row.manual_pending} written answer(s) "
                "still to be marked)")
    return f"{row.score:g} / {row.record.max_score:g}"


def message(row, ws: Workspace, title: str, sender: str, page: bytes) -> EmailMessage:
    """The e-mail for one learner: a short note with the score, the feedback page attached."""
    first = row.name.split()[0] if row.name.split() else row.record.learner
    sender_name = parseaddr(sender)[0] or parseaddr(sender)[1]
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = formataddr((row.name, row.email))
    mail["Subject"] = f"Your feedback: {title}"
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].partition("@")[2] or None)
    mail.set_content(
        f"Dear {first},\n\nHere is your feedback on \"{title}\": {score_sentence(row)}.\n\n"
        "Open the attached page in your web browser: it shows each question, what the checks said and my "
        f"comments.\n\nBest regards,\n{sender_name}\n")
    mail.add_attachment(page.decode("utf-8"), subtype="html", charset="utf-8",
                        filename=page_name(row.record.learner, ws.assignment, ".html"))
    return mail


def _sent_before(log: Path) -> dict[tuple[str, str], str]:
    """``{(learner, page digest): when}`` of every page already sent."""
    if not log.is_file():
        return {}
    with open(log, newline="", encoding="utf-8") as handle:
        return {(r["learner"], r["page_sha256"]): r["sent_at"] for r in csv.DictReader(handle)}


def _note_sent(log: Path, row, digest: str, server: str) -> None:
    """Append one sent page to ``sent.csv`` at once (a crash later keeps the note)."""
    new = not log.is_file()
    with open(log, "a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(SENT_COLUMNS)
        writer.writerow([row.record.learner, row.email, digest, datetime.now().astimezone().isoformat(), server])
        handle.flush()
        os.fsync(handle.fileno())


def connect(server: str, security: str, user: str | None):
    """An open, logged-in SMTP connection to ``HOST[:PORT]``, or a RuntimeError saying what went wrong."""
    host, _, port_text = server.rpartition(":") if ":" in server else (server, "", "")
    try:
        port = int(port_text) if port_text else DEFAULT_PORTS[security]
    except ValueError:
        raise ValueError(f"--smtp '{server}' is not HOST or HOST:PORT (e.g. smtp.example.org:587).") from None
    try:
        if security == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, local_hostname=HELLO_NAME, timeout=30,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, local_hostname=HELLO_NAME, timeout=30)
            if security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
    except (OSError, smtplib.SMTPException) as exc:
        raise RuntimeError(f"Could not reach the mail server {host}:{port} ({exc}). Check --smtp and --security, "
                           "or leave --smtp out to write e-mail drafts only.") from None
    if user:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            if not sys.stdin.isatty():
                smtp.close()
                raise RuntimeError(f"Set the mail password in the variable {PASSWORD_VARIABLE} (it is never "
                                   "typed on the command line).")
            password = getpass.getpass(f"Password for {user} on {host}: ")
        try:
            smtp.login(user, password)
        except (smtplib.SMTPException, OSError) as exc:
            smtp.close()
            raise RuntimeError(f"The mail server refused the login of {user} ({exc}). Check the user name and "
                               f"{PASSWORD_VARIABLE}.") from None
    return smtp


def send_command(args) -> int:
    """Write every learner's named page and e-mail draft; with ``--smtp``, send them too; say who got what."""
    from socialkit.grading import _quiet_warnings
    from socialkit.grading.names import Roster
    from socialkit.grading.report import assignment_title, export

    _quiet_warnings()
    ws = Workspace(Path(args.workspace).resolve(), args.assignment)
    if not ws.has_gradebook():
        raise FileNotFoundError(f"{ws.root} is not a grading workspace (no gradebook yet). "
                                f"Run `socialkit grade {args.assignment} --workspace {args.workspace}` first.")
    if "@" not in parseaddr(args.sender)[1]:
        raise ValueError(f"--sender '{args.sender}' is not an e-mail address; write e.g. "
                         "'Claire Dupont <claire@example.org>'.")
    if args.roster:
        known = Roster.read(ws.roster_file()) if ws.roster_file().is_file() else Roster()
        known.merge(Roster.read(Path(args.roster)))
        known.write(ws.roster_file())
    rows, _, _ = export(ws)  # the pages are rebuilt first, so what is sent matches the CSV and report
    if not rows:
        raise FileNotFoundError(f"No graded submissions for {args.assignment} in {ws.root}.")
    outbox = ws.root / "outbox" / ws.assignment
    outbox.mkdir(parents=True, exist_ok=True)
    os.chmod(outbox.parent, 0o700)  # learners' grades: the trainer's eyes only
    title = assignment_title(ws)
    smtp = connect(args.smtp, args.security, args.smtp_user) if args.smtp else None
    log = outbox / "sent.csv"
    sent_before = _sent_before(log)
    done, again, held, no_email, failed = [], [], [], [], []
    try:
        for row in rows:
            page = ws.feedback_file(row.record.learner).read_bytes()
            digest = hashlib.sha256(page).hexdigest()
            named = outbox / page_name(row.record.learner, ws.assignment, ".html")
            named.write_bytes(page)
            named.chmod(0o644)
            if row.manual_pending and not args.include_unmarked:
                held.append(row)
                continue
            if not row.email:
                no_email.append(row)
                continue
            mail = message(row, ws, title, args.sender, page)
            draft = copy.deepcopy(mail)
            draft["X-Unsent"] = "1"  # Outlook opens it as a draft ready to send
            (outbox / page_name(row.record.learner, ws.assignment, ".eml")).write_bytes(bytes(draft))
            if smtp is None:
                done.append(row)
                continue
            if (row.record.learner, digest) in sent_before:
                again.append(row)
                continue
            try:
                smtp.send_message(mail)
            except (smtplib.SMTPException, OSError, socket.timeout) as exc:
                failed.append((row, str(exc)))
                continue
            _note_sent(log, row, digest, args.smtp)
            done.append(row)
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
    verb = f"Sent through {args.smtp}" if smtp is not None else "E-mail drafts (.eml) written"
    print(f"{verb}: {len(done)} learner(s). Pages and drafts: {outbox}")
    if again:
        print(f"{len(again)} already had this same page (not sent twice): " + ", ".join(r.name for r in again))
    if held:
        print(f"{len(held)} held back, written answers not marked yet (mark them with `socialkit mark`, or add "
              "--include-unmarked): " + ", ".join(r.name for r in held))
    if no_email:
        print(f"{len(no_email)} without an e-mail address in the roster (their page is in the outbox): "
              + ", ".join(r.name for r in no_email))
    for row, problem in failed:
        print(f"Not sent to {row.name} <{row.email}>: {problem}")
    return 1 if failed else 0
