"""Every command the README gives works as typed in a new terminal after `make start` and the activation step
it names: the options exist, and the program is found with nothing but the system's PATH."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from socialkit.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# the commands of the README's tables (first column), optional parts such as "[MODULE]" left out
COMMANDS = sorted({re.sub(r"\s*\[[A-Z]+\]", "", c) for c in re.findall(r"^\| `((?:socialkit|make) [^`]+)`", README, re.M)})
ACTIVATE = "source .venv/bin/activate"


def test_the_readme_names_the_activation_step_before_its_commands():
    assert ACTIVATE in README
    assert README.index(ACTIVATE) < README.index("`socialkit present 01_listen`")
    assert README.index("## For graders") < README.index(ACTIVATE, README.index("## For graders"))
    assert "nbgrader formgrader" not in README  # not a command (it printed nbgrader's subcommands)


@pytest.mark.parametrize("command", [c for c in COMMANDS if c.startswith("socialkit ")])
def test_every_socialkit_command_in_the_readme_parses_as_typed(command):
    build_parser().parse_args(shlex.split(command)[1:])  # an unknown option or module exits with an error


@pytest.mark.slow
def test_the_commands_are_found_in_a_new_terminal_after_the_activation_step():
    if not (ROOT / ".venv" / "bin" / "activate").is_file():
        pytest.skip("no .venv here: this checkout was not installed with `make`")
    subcommands = sorted({shlex.split(c)[1] for c in COMMANDS if c.startswith("socialkit ")})
    assert {"grade", "mark", "report", "send", "present", "bundle"} <= set(subcommands)
    script = f"cd {shlex.quote(str(ROOT))} && {ACTIVATE} && " + " && ".join(
        f"socialkit {sub} --help > /dev/null" for sub in subcommands) + " && nbgrader --version && echo ALL-FOUND"
    clean = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], env=clean, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "ALL-FOUND" in done.stdout, done.stderr
    without = subprocess.run(["bash", "--noprofile", "--norc", "-c", f"cd {shlex.quote(str(ROOT))} && socialkit --help"],
                             env=clean, capture_output=True, text=True, timeout=60)
    assert without.returncode == 127  # what the review saw: without the step, "command not found"
