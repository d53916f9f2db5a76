"""Real servers the tests start on 127.0.0.1 and stop by pid: PostgreSQL (Debian's) and a Dask cluster."""

from __future__ import annotations

import contextlib
import glob
import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin() -> Path | None:
    """Debian's PostgreSQL programs folder (``make system-deps`` installs the package), if present."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


class Postgres:
    """A throw-away PostgreSQL cluster: ``initdb`` + ``pg_ctl start`` as the ``postgres`` user when run as root."""

    def __init__(self):
        """Create the cluster's folder (owned by the server's user) and choose a port."""
        self.bin = postgres_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="socialkit-pg-"))
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres")

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        """Run a server program, as ``postgres`` if we are root (initdb and pg_ctl refuse root)."""
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return subprocess.run(prefix + list(command), capture_output=True, text=True, timeout=120, check=True)

    def start(self) -> Postgres:
        """initdb (trust auth, local only) and start the server on 127.0.0.1 with a private socket folder."""
        data = self.folder / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-w", "-l", str(self.folder / "log"), "-o",
                  f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=60 "
                  "-c fsync=off", "start")
        self.pid = int((data / "postmaster.pid").read_text().split()[0])
        return self

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        subprocess.run([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                        name], check=True, capture_output=True, timeout=60)
        return self.url(name)

    def stop(self) -> None:
        """Stop the server by its pid and delete its folder."""
        with contextlib.suppress(ProcessLookupError, AttributeError):
            os.kill(self.pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                os.kill(self.pid, 0)
                time.sleep(0.1)
        shutil.rmtree(self.folder, ignore_errors=True)


class DaskCluster:
    """A real ``dask scheduler`` and worker processes (one thread each, no nanny) on 127.0.0.1."""

    def __init__(self, env: dict[str, str] | None = None):
        """Choose the scheduler's port and a folder for its address file."""
        self.folder = Path(tempfile.mkdtemp(prefix="socialkit-dask-"))
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.env = env or dict(os.environ)
        self.scheduler: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    def _dask(self, *args: str, env: dict[str, str] | None = None, log: str = "") -> subprocess.Popen:
        """Start a ``dask`` command of this venv, its log in the cluster's folder."""
        out = open(self.folder / f"{log}.log", "w")  # noqa: SIM115 - closed with the process
        return subprocess.Popen([str(Path(sys.executable).parent / "dask"), *args], env=env or self.env,
                                stdout=out, stderr=subprocess.STDOUT)

    def start(self, workers: int = 2) -> DaskCluster:
        """Start the scheduler, then ``workers`` workers, and wait until they have all joined."""
        self.scheduler = self._dask("scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                    "--dashboard-address", "127.0.0.1:0", "--no-show", log="scheduler")
        for _ in range(workers):
            self.add_worker()
        self.wait_for_workers(workers)
        return self

    def add_worker(self, env: dict[str, str] | None = None) -> subprocess.Popen:
        """Start one more worker (``env``: e.g. another kit on PYTHONPATH)."""
        worker = self._dask("worker", self.address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1",
                            "--dashboard-address", "127.0.0.1:0", env=env, log=f"worker{len(self.workers)}")
        self.workers.append(worker)
        return worker

    def wait_for_workers(self, count: int, timeout: float = 60) -> None:
        """Block until ``count`` workers are connected to the scheduler."""
        from distributed import Client

        with Client(self.address, timeout=timeout, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=timeout)

    def worker_pids(self) -> dict[str, int]:
        """Each connected worker's address and process id."""
        from distributed import Client

        with Client(self.address, timeout=30, set_as_default=False) as client:
            return client.run(os.getpid)

    def stop(self) -> None:
        """Kill the workers and the scheduler by pid; delete the folder."""
        for process in [*self.workers, self.scheduler]:
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def logs(self) -> str:
        """Every log of the cluster, to explain a failure."""
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}" for p in self.folder.glob("*.log"))


def json_file(path: Path) -> dict:
    """A JSON file's content."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _open_at_once(url: str, barrier, results, index: int, guarded: bool) -> None:
    """One of several processes opening the same fresh gradebook at the same instant."""
    try:
        from nbgrader.api import Gradebook

        from socialkit.grading import gradebook

        barrier.wait(60)
        if guarded:
            gradebook.create(url)
        with Gradebook(url) as gb:
            gb.update_or_create_student(f"learner{index}")
        results[index] = "ok"
    except Exception as problem:  # reported to the caller
        text = str(problem).strip()
        results[index] = f"{type(problem).__name__}: {text.splitlines()[0] if text else ''}"


def open_at_once(url: str, processes: int = 6, guarded: bool = True) -> list[str]:
    """Open a fresh gradebook from ``processes`` processes released together (socialkit's way, or nbgrader's own).

    Returns each process's outcome: "ok" or the error it met.
    """
    import nbgrader.api  # noqa: F401 - imported once here, so the forked processes start together

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(processes)
    with context.Manager() as manager:
        results = manager.dict()
        workers = [context.Process(target=_open_at_once, args=(url, barrier, results, n, guarded))
                   for n in range(processes)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        return [results.get(n, "did not finish") for n in range(processes)]
