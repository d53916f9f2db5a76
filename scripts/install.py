"""Install the course kit in ``.venv`` without ``make``: ``py scripts/install.py`` (Windows), ``python3 scripts/install.py``.

It checks the Python version first and says what to install; rebuilds a ``.venv`` made by another
Python instead of reusing it; installs the kit (``--offline``: from the ``wheels/`` folder of a
facilitator's offline bundle, with no network); ``--start`` then opens the course. ``make start``
runs it too. Written for any Python 3, so that an old one still gets a clear message.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
WHEELS = ROOT / "wheels"
OLDEST = (3, 11)  # pyproject.toml's requires-python
NEWEST_TESTED = (3, 13)
STAMP, TEST_STAMP = ".installed", ".installed-test"
WINDOWS = os.name == "nt"


def version_text(version):
    """``(3, 12)`` → ``"3.12"``."""
    return ".".join(str(part) for part in version[:2])


def other_pythons():
    """Commands of supported Pythons found on this computer, newest first (``python3.12``, ``py -3.12``)."""
    found = []
    for minor in range(NEWEST_TESTED[1], OLDEST[1] - 1, -1):
        command = ["py", "-3.%d" % minor] if WINDOWS else ["python3.%d" % minor]
        if not shutil.which(command[0]):
            continue
        try:  # run it: a launcher or a pyenv shim may exist for a Python that is not there
            done = subprocess.run(command + ["-c", "pass"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError:
            continue
        if done.returncode == 0:
            found.append(" ".join(command))
    return found


def too_old_message():
    """What to do when this Python is older than the kit needs: which Python to install, and how to rerun."""
    lines = ["This course kit needs Python %s to %s; this is Python %s (%s)."
             % (version_text(OLDEST), version_text(NEWEST_TESTED), version_text(sys.version_info), sys.executable)]
    found = other_pythons()
    if found:
        lines.append("A newer Python is already installed here. Run: %s scripts/install.py --start   "
                     "(or: make start PYTHON=%s)" % (found[0], found[0].replace(" ", "")))
    else:
        lines += ["Install Python 3.12, then run this again with it:",
                  "  Windows: the installer from https://www.python.org/downloads/ (tick \"Add python.exe to PATH\"),"
                  " or ask IT for Python 3.12 from the Microsoft Store or Company Portal; then: py -3.12 scripts/install.py --start",
                  "  macOS:   the installer from https://www.python.org/downloads/ or `brew install python@3.12`;"
                  " then: make start PYTHON=python3.12",
                  "  Linux:   `sudo apt install python3.12 python3.12-venv` (Debian 13, Ubuntu 24.04) or"
                  " `sudo dnf install python3.12`; then: make start PYTHON=python3.12"]
    return "\n".join(lines)


def venv_python(venv=VENV):
    """The Python inside a virtual environment folder."""
    return venv / ("Scripts/python.exe" if WINDOWS else "bin/python")


def venv_version(venv=VENV):
    """The (major, minor) Python version that made ``venv``, read from its ``pyvenv.cfg``; None if none or broken."""
    try:
        text = (venv / "pyvenv.cfg").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("version_info", "version"):
            parts = value.strip().split(".")
            try:
                return int(parts[0]), int(parts[1])
            except (IndexError, ValueError):
                return None
    return None


def venv_works(venv=VENV):
    """True when the environment's own Python starts (its base Python may have been removed by an upgrade)."""
    python = venv_python(venv)
    if not python.exists():
        return False
    done = subprocess.run([str(python), "-c", "import sys"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return done.returncode == 0


WHERE_IS_IT = ("import sys, importlib.util\n"
               "spec = importlib.util.find_spec('socialkit')\n"
               "print(sys.prefix)\n"
               "print(spec.origin if spec and spec.origin else '')")


def script_python(script):
    """The Python a command installed by pip starts: its ``#!`` line, or pip's ``exec`` line for long paths."""
    try:
        with open(str(script), "rb") as opened:
            head = opened.read(1024).decode("utf-8", "replace").splitlines()[:2]
    except OSError:
        return None
    found = re.match(r'#!\s*"?([^"]*?python[0-9.]*)"?\s*$', head[0]) if head else None
    if found is None and len(head) == 2:  # "#!/bin/sh", then: '''exec' "/folder/.venv/bin/python" "$0" "$@"
        found = re.match(r"'''exec' \"?([^\"]*?python[0-9.]*)\"? ", head[1])
    return Path(found.group(1)) if found else None


def venv_moved_from(venv=VENV):
    """Where ``venv`` was made, when it was copied or moved from another folder (else None).

    A copied ``.venv`` still starts, but its commands (``socialkit``, ``jupyter``) start the Python of the old
    folder and its kit is the old folder's code: it must be rebuilt here.
    """
    interpreter = None if WINDOWS else script_python(venv / "bin" / "socialkit")
    if interpreter is not None and interpreter.parent.resolve() != (venv / "bin").resolve():
        return str(interpreter.parents[2])  # <old folder>/.venv/bin/python
    done = subprocess.run([str(venv_python(venv)), "-c", WHERE_IS_IT], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, universal_newlines=True)
    lines = done.stdout.splitlines() + ["", ""]
    prefix, kit = lines[0], lines[1]
    if prefix and Path(prefix).resolve() != venv.resolve():
        return prefix
    src = venv.resolve().parent / "src"
    if kit and src not in Path(kit).resolve().parents:
        return str(Path(kit).resolve().parents[2])  # <old folder>/src/socialkit/__init__.py
    return None


def supported(version):
    return version is not None and tuple(version) >= OLDEST


def stamp_is_fresh(name):
    """True when the kit was installed in ``.venv`` after ``pyproject.toml`` last changed."""
    stamp = VENV / name
    return stamp.exists() and stamp.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime


def make_venv():
    """Create ``.venv`` with this Python; on Debian/Ubuntu say which package the ``venv`` module needs."""
    print("Creating .venv with Python %s …" % version_text(sys.version_info), flush=True)
    done = subprocess.run([sys.executable, "-m", "venv", str(VENV)])
    if done.returncode != 0 or not venv_python().exists():
        shutil.rmtree(str(VENV), ignore_errors=True)
        raise SystemExit("Could not create .venv with %s. On Debian or Ubuntu install the venv module: "
                         "sudo apt install python%s-venv (then run this again)." % (sys.executable,
                                                                                  version_text(sys.version_info)))


def pip_install(extra, offline):
    """``pip install -e .`` (or ``.[test]``) into ``.venv``; offline, from ``wheels/`` with no index at all."""
    target = "." + ("[test]" if extra else "")
    command = [str(venv_python()), "-m", "pip", "install", "--quiet", "-e", target]
    if offline:
        command[4:4] = ["--no-index", "--find-links", str(offline)]
    else:
        subprocess.run([str(venv_python()), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], cwd=str(ROOT))
    print("Installing the course kit%s (a few minutes the first time) …" % (" from " + str(offline) if offline else ""),
          flush=True)
    done = subprocess.run(command, cwd=str(ROOT))
    if done.returncode != 0:
        if offline:
            raise SystemExit("pip could not install the kit from %s (see its messages above): the bundle was made "
                             "for another system or Python. Ask your facilitator for a bundle made for Python %s on "
                             "this system." % (offline, version_text(sys.version_info)))
        raise SystemExit("pip could not install the kit (see its messages above). Check the internet connection; "
                         "on a company network ask IT for the proxy and set HTTPS_PROXY, or install from a "
                         "facilitator's offline bundle: python scripts/install.py --offline")


def ensure_installed(test=False, offline=None):
    """Make ``.venv`` right for this kit: version checked, stale environment rebuilt, kit installed once."""
    found = venv_version()
    healthy = found is not None and venv_works()
    moved_from = venv_moved_from() if healthy else None
    if moved_from is not None:
        print("The .venv folder was made for the kit in %s (the folder was copied or moved): rebuilding it here, "
              "which takes a few minutes …" % moved_from, flush=True)
        shutil.rmtree(str(VENV))
        found, healthy = None, False
    if not supported(sys.version_info):
        if healthy and supported(found) and stamp_is_fresh(TEST_STAMP if test else STAMP):
            return  # an older `python3` on PATH, but .venv was made with a good one: keep using it
        raise SystemExit(too_old_message())
    if found is not None and (not healthy or found != tuple(sys.version_info[:2])):
        why = "does not start any more" if not healthy else "was made with Python %s" % version_text(found)
        print("The .venv folder %s: rebuilding it for Python %s …" % (why, version_text(sys.version_info)), flush=True)
        shutil.rmtree(str(VENV))
    elif VENV.exists() and found is None:
        print("The .venv folder is not a working environment: rebuilding it …", flush=True)
        shutil.rmtree(str(VENV))
    if sys.version_info[:2] > NEWEST_TESTED:
        print("Note: the kit is tested with Python %s to %s; Python %s may work."
              % (version_text(OLDEST), version_text(NEWEST_TESTED), version_text(sys.version_info)))
    if not VENV.exists():
        make_venv()
    for stamp, extra in ((STAMP, False), (TEST_STAMP, True)):
        if extra and not test:
            break
        if not stamp_is_fresh(stamp):
            pip_install(extra, offline)
            (VENV / stamp).touch()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Install the course kit in .venv (and open it with --start).")
    parser.add_argument("--offline", nargs="?", const=str(WHEELS), default=None, metavar="WHEELS",
                        help="install from a folder of wheels with no network (default: the bundle's wheels/)")
    parser.add_argument("--test", action="store_true", help="also install the test tools (what `make test` needs)")
    parser.add_argument("--start", action="store_true", help="then open the course in JupyterLab")
    parser.add_argument("--port", type=int, default=8888, help="with --start: the port (default 8888)")
    parser.add_argument("--ip", default=None, help="with --start: serve the room, e.g. 0.0.0.0 (default: this computer)")
    args = parser.parse_args(argv)
    offline = Path(args.offline).resolve() if args.offline else None
    if offline is None and not args.test and any(WHEELS.glob("*.whl")):
        offline = WHEELS  # an offline bundle: its wheels are made for this kit, no network needed
    if offline is not None and not any(offline.glob("*.whl")):
        raise SystemExit("There are no wheels in %s: --offline needs the wheels/ folder of an offline bundle "
                         "(socialkit bundle --offline)." % offline)
    ensure_installed(args.test, offline)
    socialkit = VENV / ("Scripts/socialkit.exe" if WINDOWS else "bin/socialkit")
    if not args.start:
        print("The kit is installed. Open the course with: %s start" % socialkit.relative_to(ROOT))
        return 0
    command = [str(socialkit), "start", "--port", str(args.port)] + (["--ip", args.ip] if args.ip else [])
    try:
        return subprocess.run(command, cwd=str(ROOT)).returncode
    except KeyboardInterrupt:
        return 0
    except OSError as error:  # e.g. a command of a .venv copied from elsewhere whose Python is gone
        raise SystemExit("Could not open the course: %s (%s). Delete the .venv folder and run this again: "
                         "python3 scripts/install.py --start" % (error.strerror or error, socialkit))


if __name__ == "__main__":
    sys.exit(main())
