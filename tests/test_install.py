"""Installing on a company laptop: the Python version checked first, a stale .venv rebuilt, a route without make,
an offline bundle installed with the network to pip cut off, and `socialkit start --ip` for serving the room."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from socialkit import server

ROOT = Path(__file__).resolve().parents[1]
INSTALL = ROOT / "scripts" / "install.py"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def runs(python: Path) -> bool:
    """True when ``python`` starts (a pyenv shim may stand for a Python that is not selected)."""
    return subprocess.run([str(python), "-c", "pass"], capture_output=True).returncode == 0


OLD_PYTHONS = [p for p in sorted({*Path("/root/.pyenv/versions").glob("3.10*/bin/python3"),
                                  *(Path(p) for p in filter(None, [shutil.which("python3.10")]))}) if runs(p)]
needs_old_python = pytest.mark.skipif(not OLD_PYTHONS, reason="no Python 3.10 on this machine to play the old one")
# pip with no index, no configuration file (this machine's names local indexes) and an index address that refuses
NO_NETWORK_PIP = {"PIP_CONFIG_FILE": os.devnull, "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
                  "PIP_EXTRA_INDEX_URL": "", "PIP_FIND_LINKS": "", "PIP_NO_INDEX": "1", "PIP_NO_COMPILE": "1"}


def kit_copy(folder: Path) -> Path:
    """The install files of the kit (no .venv) in ``folder``: enough for the version check and make."""
    for name in ("Makefile", "pyproject.toml", "scripts/install.py"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, folder / name)
    return folder


def run(command: list[str], folder: Path, path: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """Run ``command`` in ``folder`` with a plain environment (no make flags of a surrounding `make test`)."""
    base = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV")}
    base["PATH"] = path or base["PATH"]
    return subprocess.run(command, cwd=folder, env={**base, **env}, capture_output=True, text=True, timeout=900)


# --------------------------------------------------------------------------- the Python version, first


@needs_old_python
def test_reading_a_notebook_builds_no_iri_parsers():
    """Every Jupyter, Voilà, nbgrader and socialkit command imports nbformat: it must not pull in rfc3987-syntax,
    which builds 39 parsers at import (1.8 s per command, python-jsonschema/jsonschema#1428)."""
    code = "import sys, nbformat, jsonschema; print('rfc3987_syntax' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False", "jsonschema ≥ 4.25 is installed: pyproject.toml asks for < 4.25"


def test_an_old_python_is_told_which_python_to_install_and_nothing_is_made(tmp_path):
    old = str(OLD_PYTHONS[0])
    kit = kit_copy(tmp_path)
    alone = run([old, "scripts/install.py"], kit, path=f"{Path(old).parent}:/usr/bin:/bin")
    assert alone.returncode == 1
    said = alone.stderr
    assert said.startswith("This course kit needs Python 3.11 to 3.13; this is Python 3.10")
    assert "Traceback" not in said
    if "A newer Python is already installed here" not in said:  # /usr/bin may hold a python3.11
        for system in ("Windows:", "macOS:", "Linux:", "py -3.12 scripts/install.py --start",
                       "make start PYTHON=python3.12"):
            assert system in said
    assert not (kit / ".venv").exists()


@needs_old_python
def test_make_start_checks_the_python_first(tmp_path):
    old = str(OLD_PYTHONS[0])
    kit = kit_copy(tmp_path)
    done = run(["make", "start", f"PYTHON={old}"], kit)
    assert done.returncode != 0
    assert "needs Python 3.11 to 3.13; this is Python 3.10" in done.stderr
    assert "make start PYTHON=python3.1" in done.stderr  # a Python found here, or the one to install
    assert "pip" not in done.stdout + done.stderr and not (kit / ".venv").exists()


@needs_old_python
def test_an_old_python_on_path_keeps_a_working_venv_made_by_a_good_one(tmp_path):
    kit = kit_copy(tmp_path)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(kit / ".venv")], check=True)
    for stamp in (".installed", ".installed-test"):
        (kit / ".venv" / stamp).touch()
    done = run([str(OLD_PYTHONS[0]), "scripts/install.py"], kit)
    assert done.returncode == 0, done.stderr
    assert "The kit is installed" in done.stdout


def test_the_install_script_agrees_with_pyproject_and_the_readme():
    script = INSTALL.read_text(encoding="utf-8")
    oldest = re.search(r"OLDEST = \((\d+), (\d+)\)", script).groups()
    newest = re.search(r"NEWEST_TESTED = \((\d+), (\d+)\)", script).groups()
    assert f'requires-python = ">={".".join(oldest)}"' in (ROOT / "pyproject.toml").read_text()
    section = README[README.index("## Installing"):]
    assert f"Python {'.'.join(oldest)} to {'.'.join(newest)}" in section
    for words in ("Windows", "macOS", "Linux", "py scripts/install.py", "python3 scripts/install.py",
                  "--offline", "make start PYTHON=python3.12", "make start IP=0.0.0.0"):
        assert words in section, words


@pytest.mark.parametrize("python", sorted(Path("/root/.pyenv/versions").glob("3.[6-9]*/bin/python3")), ids=str)
def test_the_install_script_runs_on_old_pythons_to_say_so(python, tmp_path):
    done = run([str(python), str(kit_copy(tmp_path) / "scripts" / "install.py")], tmp_path,
               path=f"{python.parent}:/bin")
    assert done.returncode == 1 and done.stderr.startswith("This course kit needs Python 3.11"), done.stderr


def test_make_start_runs_the_install_script_then_the_course(tmp_path):
    done = run(["make", "-n", "start", "IP=0.0.0.0", "PORT=8890"], kit_copy(tmp_path))
    assert done.stdout.splitlines() == ["python3 scripts/install.py",
                                        ".venv/bin/socialkit start --port 8890 --ip 0.0.0.0"], done.stdout


def test_the_install_script_refuses_an_empty_wheels_folder(tmp_path):
    kit = kit_copy(tmp_path)
    (kit / "empty").mkdir()
    done = run([sys.executable, "scripts/install.py", "--offline", "empty"], kit)
    assert done.returncode == 1 and "There are no wheels in" in done.stderr
    assert not (kit / ".venv").exists()


def kit_with_venv(folder: Path) -> Path:
    """A kit copy whose ``.venv`` holds the kit the way ``pip install -e`` does: a ``.pth`` to ``src/`` and a
    ``socialkit`` command whose ``#!`` line names the venv's Python; installed after pyproject.toml changed."""
    kit = kit_copy(folder)
    (kit / "src" / "socialkit").mkdir(parents=True)
    (kit / "src" / "socialkit" / "__init__.py").write_text("")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(kit / ".venv")], check=True)
    site = next((kit / ".venv" / "lib").glob("python3.*/site-packages"))
    (site / "_socialkit.pth").write_text(f"{kit / 'src'}\n")
    for stamp in (".installed", ".installed-test"):
        (kit / ".venv" / stamp).touch()
    return kit


def moved_from(kit: Path) -> str:
    """What the kit's own install script says of its .venv: the folder it was made for, or "" if made here."""
    code = ("import sys; sys.path.insert(0, 'scripts'); import install; "
            "print(install.venv_moved_from() or '')")
    return run([sys.executable, "-c", code], kit).stdout.strip()


def test_a_venv_made_here_is_kept_and_a_copied_one_is_known_by_its_kit_and_commands(tmp_path):
    kit = kit_with_venv(tmp_path / "first")
    assert moved_from(kit) == ""
    copy = tmp_path / "copy"
    shutil.copytree(kit, copy, symlinks=True)
    assert moved_from(copy) == str(kit)  # its kit (the .pth) is the first folder's code
    command = copy / ".venv" / "bin" / "socialkit"
    command.write_text(f"#!{kit}/.venv/bin/python\nimport sys\n")
    (next((copy / ".venv" / "lib").glob("python3.*/site-packages")) / "_socialkit.pth").write_text(f"{copy / 'src'}\n")
    assert moved_from(copy) == str(kit)  # its command starts the first folder's Python
    command.write_text(f"#!/bin/sh\n\'\'\'exec' \"{kit}/.venv/bin/python\" \"$0\" \"$@\"\n' \'\'\'\n")
    assert moved_from(copy) == str(kit)  # pip's form for long paths
    command.write_text(f"#!{copy}/.venv/bin/python3\nimport sys\n")
    assert moved_from(copy) == ""  # both its kit and its command are its own now


def test_a_copied_venv_is_rebuilt_with_a_plain_message(tmp_path):
    kit = kit_with_venv(tmp_path / "first")
    copy = tmp_path / "copy"
    shutil.copytree(kit, copy, symlinks=True)
    (copy / "wheels").mkdir()
    (copy / "wheels" / "not_a_kit-1.0-py3-none-any.whl").write_bytes(b"not a wheel")
    done = run([sys.executable, "scripts/install.py", "--offline", "wheels"], copy, **NO_NETWORK_PIP)
    assert f"The .venv folder was made for the kit in {kit} (the folder was copied or moved): rebuilding it here" \
        in done.stdout, done.stdout + done.stderr
    assert "Creating .venv" in done.stdout
    assert not list((copy / ".venv" / "lib").glob("python3.*/site-packages/_socialkit.pth"))  # the old one is gone
    assert (kit / ".venv" / ".installed").exists()  # the first folder is left as it was
    assert done.returncode == 1 and "pip could not install the kit from" in done.stderr  # the bogus wheel


def test_start_with_a_command_that_cannot_run_says_what_to_do(tmp_path):
    kit = kit_with_venv(tmp_path)  # installed, but its socialkit command is missing
    done = run([sys.executable, "scripts/install.py", "--start"], kit)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith("Could not open the course: No such file or directory")
    assert "python3 scripts/install.py --start" in done.stderr and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- serving the room


def test_start_listens_where_it_is_told():
    command = server.lab_command(ROOT, 8888, "t0ken", open_browser=False, ip="0.0.0.0")
    assert "--ServerApp.ip=0.0.0.0" in command
    assert "--ServerApp.ip=127.0.0.1" in server.lab_command(ROOT, 8888, "t0ken", open_browser=False)


@pytest.mark.slow
def test_socialkit_start_with_ip_serves_the_room(tmp_path):
    """`socialkit start --ip 0.0.0.0` answers on this machine's network address and prints that address."""
    from browser_support import free_port, stop_process
    from socialkit.lan import lan_address

    address = lan_address()
    if address.startswith("127."):
        pytest.skip("this machine has no network address besides 127.0.0.1")
    port = free_port()
    log = tmp_path / "start.out"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "JUPYTER_DATA_DIR": str(tmp_path / "data"),
           "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"), "IPYTHONDIR": str(tmp_path / "ipy")}
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "socialkit.cli", "start", "--ip", "0.0.0.0", "--port",
                                    str(port), "--no-browser"], stdout=out, stderr=subprocess.STDOUT, env=env,
                                   cwd=ROOT)
    try:
        import time
        import urllib.request

        deadline = time.monotonic() + 120
        while "The course is ready" not in log.read_text() and time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            time.sleep(0.5)
        printed = log.read_text()
        url = re.search(rf"http://{re.escape(address)}:{port}/lab/tree/\S+\?token=(\w+)", printed)
        assert url, printed
        assert "Anyone on the network with this address" in printed
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        request = urllib.request.Request(f"http://{address}:{port}/api/status",
                                         headers={"Authorization": f"token {url.group(1)}"})
        with direct.open(request, timeout=10) as response:
            assert response.status == 200
    finally:
        stop_process(process, timeout=30)


# --------------------------------------------------------------------------- the offline bundle, for real


@pytest.mark.slow
@pytest.mark.offline_bundle
def test_the_offline_bundle_installs_with_no_network_and_rebuilds_a_stale_venv(tmp_path):
    """`socialkit bundle --offline` (its wheels cached between runs), unzipped, installed by `scripts/install.py`
    into a fresh .venv with pip cut off from every index; a .venv left by Python 3.10 is rebuilt first."""
    out = tmp_path / "kit.zip"
    made = run([sys.executable, "-m", "socialkit.cli", "bundle", "--out", str(out), "--offline"], ROOT)
    assert made.returncode == 0, made.stdout + made.stderr
    size_mb = out.stat().st_size / 1e6
    assert re.search(rf"Wrote .*kit\.zip \(\d+ files and \d+ wheels, \d+ KB = {size_mb:.0f} MB\)", made.stdout)
    stated = re.search(r"about (\d+) MB for Linux and Python 3\.11, measured", README)
    if sys.platform == "linux" and sys.version_info[:2] == (3, 11):
        assert stated and abs(int(stated.group(1)) - size_mb) <= 0.15 * size_mb, (stated, size_mb)  # README's figure
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    kit = tmp_path / "social-media-for-managers"
    wheels = [n.rsplit("/", 1)[1] for n in names if "/wheels/" in n]
    assert any(w.startswith("setuptools-") for w in wheels) and any(w.startswith("pandas-") for w in wheels)
    assert not any(w.startswith("socialkit-") for w in wheels) and "scripts/install.py" in "\n".join(names)
    if OLD_PYTHONS:
        subprocess.run([str(OLD_PYTHONS[0]), "-m", "venv", "--without-pip", str(kit / ".venv")], check=True)
    done = run([sys.executable, "scripts/install.py"], kit, **NO_NETWORK_PIP)  # wheels/ present: offline by itself
    assert done.returncode == 0, done.stdout + done.stderr
    if OLD_PYTHONS:
        assert "The .venv folder was made with Python 3.10: rebuilding it for Python 3." in done.stdout
    assert f"Installing the course kit from {kit / 'wheels'}" in done.stdout
    probe = run([str(kit / ".venv" / "bin" / "python"), "-c",
                 "import jupyterlab, nbgrader, voila, socialkit.checks as c\n"
                 "try:\n    c.check('01_listen.q1', ...)\nexcept c.CheckFailed:\n    print('checked')"], kit)
    assert probe.stdout.startswith("⏳ Not attempted yet") and "checked" in probe.stdout, probe.stderr
    assert run([str(kit / ".venv" / "bin" / "socialkit"), "--version"], kit).stdout.strip() == "socialkit 0.1.0"


# --------------------------------------------------------------------------- wheels for another system


def fake_wheel(folder: Path, name: str, *requires: str) -> None:
    """A real wheel file (a zip with its METADATA) that declares ``requires``; nothing else in it."""
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as archive:
        archive.writestr(f"{name}-1.0.dist-info/METADATA", metadata)


def test_wheels_for_windows_include_the_dependencies_only_windows_needs(tmp_path):
    """`pip download --platform` skips them (pip issue #4304): the bundle adds what the target's markers ask for."""
    from socialkit.release import missing_dependencies, target_environment

    fake_wheel(tmp_path, "terminado", "ptyprocess; os_name != 'nt'", "pywinpty>=2.0.3; os_name == 'nt'",
               "tornado>=6.1")
    fake_wheel(tmp_path, "tornado")
    fake_wheel(tmp_path, "ipython", "appnope; sys_platform == 'darwin'", "colorama; sys_platform == 'win32'",
               "pytest; extra == 'test'", "exceptiongroup; python_version < '3.11'")
    windows = target_environment("win_amd64", "3.12")
    assert (windows["sys_platform"], windows["os_name"], windows["platform_machine"]) == ("win32", "nt", "AMD64")
    assert missing_dependencies(tmp_path, windows) == ["colorama", "pywinpty>=2.0.3"]
    assert missing_dependencies(tmp_path, target_environment("macosx_11_0_arm64", "3.12")) == ["appnope", "ptyprocess"]
    assert missing_dependencies(tmp_path, target_environment("manylinux2014_x86_64", "3.10")) == [
        "exceptiongroup", "ptyprocess"]
