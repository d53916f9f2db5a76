"""A classroom JupyterHub, started for real on 127.0.0.1: a learner and a trainer log in through headless Chromium.

The hub's database and the course's gradebook are on a PostgreSQL started here. Authenticator and
spawner are JupyterHub's test ones (DummyAuthenticator, SimpleLocalProcessSpawner); everything else
is ``socialkit.hub.configure`` as a platform team would use it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kit import ROOT
from services import Postgres, free_port, postgres_bin

COURSE = "spring-2027"
PASSWORD = "room-password"
pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.xdist_group("cluster"),
              pytest.mark.skipif(postgres_bin() is None, reason="Debian's postgresql is not installed "
                                                                "(make system-deps installs it)")]

CONFIG = '''
from socialkit.hub import configure

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.JupyterHub.cookie_secret_file = {folder!r} + "/cookie_secret"
c.JupyterHub.pid_file = {folder!r} + "/jupyterhub.pid"
c.ConfigurableHTTPProxy.pid_file = {folder!r} + "/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
configure(c, course={course!r}, trainers=["claire"], learners=["amelie"], workspace={workspace!r},
          db_url={db_url!r}, formgrader_port={formgrader_port}, homes={homes!r})
'''


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running hub for the course (its database and the gradebook on PostgreSQL); stopped by pid afterwards."""
    folder = tmp_path_factory.mktemp("hub")
    server = Postgres().start()
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", SOCIALKIT_ROOT=str(ROOT))
    env.pop("MPLBACKEND", None)
    workspace = folder / "grading"
    gradebook = server.create_database("gradebook")
    made = subprocess.run([sys.executable, "-m", "socialkit.cli", "grade", "00_start_here", "--workspace",
                           str(workspace), "--database", gradebook, "--no-sandbox"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    port = free_port()
    (folder / "jupyterhub_config.py").write_text(CONFIG.format(
        port=port, hub_port=free_port(), proxy_port=free_port(), folder=str(folder), password=PASSWORD,
        course=COURSE, workspace=str(workspace), db_url=server.create_database("hub"),
        formgrader_port=free_port(), homes=str(folder / "homes")))
    log = open(folder / "hub.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f",
                                str(folder / "jupyterhub_config.py")], cwd=folder, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{url}/hub/api", timeout=5)
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            assert process.poll() is None, (folder / "hub.log").read_text()
            assert time.monotonic() < deadline, (folder / "hub.log").read_text()
            time.sleep(0.3)
    yield {"url": url, "folder": folder, "process": process, "gradebook": gradebook}
    process.terminate()  # the hub stops the servers it spawned and its proxy
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
    log.close()
    server.stop()


def log_in(page, url: str, name: str) -> None:
    """Log in through the hub's login form."""
    page.goto(f"{url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")


def test_a_learner_logs_in_and_lands_on_their_own_copy_of_the_course(hub, page):
    started = time.monotonic()
    log_in(page, hub["url"], "amelie")
    page.locator(".jp-StatusBar-TextItem", has_text="Python 3 (ipykernel) | Idle").first.wait_for(timeout=180_000)
    seconds = time.monotonic() - started
    assert "/user/amelie/lab/tree/course/00_start_here/00_start_here.ipynb" in page.url
    home = hub["folder"] / "homes" / "amelie"
    assert (home / "course" / "00_start_here" / "00_start_here.ipynb").is_file()
    assert (home / "exercises" / "00_start_here" / "00_start_here_exercises.ipynb").is_file()
    (hub["folder"] / "learner-server-seconds.txt").write_text(f"{seconds:.1f}\n")
    print(f"time from login to a running learner server: {seconds:.1f} s")
    # the learner's screen is the quiet one: no nbgrader menus
    assert page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").count() == 0
    # and the course's formgrader is closed to a learner
    page.goto(f"{hub['url']}/services/formgrade-{COURSE}/formgrader")
    page.wait_for_load_state()
    assert "Manage Assignments" not in page.content()
    assert "403" in page.content() or "Forbidden" in page.content() or "not have permission" in page.content()


def test_a_trainer_opens_the_courses_formgrader_on_the_postgres_gradebook(hub, page):
    log_in(page, hub["url"], "claire")
    page.wait_for_url("**/user/claire/**", timeout=180_000)
    page.goto(f"{hub['url']}/services/formgrade-{COURSE}/formgrader")
    page.get_by_text("Manage Assignments").first.wait_for(timeout=120_000)
    page.get_by_text("00_start_here").first.wait_for(timeout=60_000)  # read from the PostgreSQL gradebook
