"""Run the grader's one pure step — a notebook in a sandboxed kernel — on the workers of a Dask cluster.

Only the notebook and a copy of the learner's folder travel to a worker; the executed notebook and
how the run ended come back. Recording grades stays on the coordinator's single thread, so the
gradebook keeps one writer. A worker that dies mid-run loses nothing: the scheduler gives its
notebook to another worker, and the coordinator records each learner once, when a result arrives.
Dask distributed: https://distributed.dask.org (``Client.get_executor`` is a concurrent.futures Executor).
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import queue
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from socialkit.grading.runner import RunResult, RunSetup
from socialkit.grading.sandbox import UIDS_PER_RUN

MAX_FOLDER_BYTES = 64 * 1024**2  # a learner folder bigger than this is not sent over the network


def kit_fingerprint() -> str:
    """The kit's version and a digest of its code: coordinator and workers must grade with the same kit."""
    import socialkit

    root = Path(socialkit.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{getattr(socialkit, '__version__', '0')}+{digest.hexdigest()[:12]}"


def worker_report(sandbox: bool) -> dict:
    """What a worker says about itself before grading: its kit, and whether its sandbox works."""
    problem = ""
    if sandbox:
        from socialkit.grading.sandbox import INSTALL_HINT, Limits, preflight, sandbox_tools_missing

        missing = sandbox_tools_missing()
        if missing:
            problem = f"{INSTALL_HINT} (missing: {', '.join(missing)})"
        else:
            try:
                preflight(Limits())
            except RuntimeError as error:
                problem = str(error)
    return {"kit": kit_fingerprint(), "problem": problem}


# ---- on the worker ----------------------------------------------------------------------------
_SLOTS: queue.SimpleQueue[int] | None = None
_SLOTS_LOCK = threading.Lock()
_FONT_CACHE: dict[str, str | None] = {}


def _free_slots() -> queue.SimpleQueue[int]:
    """This worker process's sandbox slots (each concurrent kernel needs its own uid)."""
    global _SLOTS
    with _SLOTS_LOCK:
        if _SLOTS is None:
            _SLOTS = queue.SimpleQueue()
            for slot in range(UIDS_PER_RUN):
                _SLOTS.put(slot)
        return _SLOTS


def _font_cache() -> str | None:
    """matplotlib's font list, built once per worker process (kernels then start in about a second)."""
    with _SLOTS_LOCK:
        if "path" not in _FONT_CACHE:
            from socialkit.grading.sandbox import build_font_cache, remove_stale_runtime_dirs

            remove_stale_runtime_dirs()
            folder = Path(tempfile.gettempdir()) / f"socialkit-fonts-{os.getpid()}"
            built = build_font_cache(folder)
            _FONT_CACHE["path"] = str(built) if built else None
        return _FONT_CACHE["path"]


def run_job(notebook_json: str, files: dict[str, bytes], setup: RunSetup) -> tuple[str, RunResult]:
    """On a worker: rebuild the learner's folder, run the notebook in the sandbox, return it executed and how it ended."""
    import nbformat

    from socialkit.grading.runner import run_notebook

    if setup.sandbox:
        setup = RunSetup(setup.cell_timeout, setup.sandbox, setup.limits, setup.titles, _font_cache())
    nb = nbformat.reads(notebook_json, as_version=4)
    slots = _free_slots()
    slot = slots.get()
    workdir = Path(tempfile.mkdtemp(prefix="socialkit-job-"))
    try:
        for name, content in files.items():
            target = workdir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        result = asyncio.run(run_notebook(nb, workdir, slot, setup))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        slots.put(slot)
    return nbformat.writes(nb), result


# ---- on the coordinator -----------------------------------------------------------------------
def folder_files(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (links left out, as when the folder was made), by relative path."""
    files, total = {}, 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            if total > MAX_FOLDER_BYTES:
                raise ValueError(f"{folder} holds more than {MAX_FOLDER_BYTES // 1024**2} MB; "
                                 "it is too big to send to a grading worker.")
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


class Cluster:
    """A connection to a Dask scheduler whose workers run the same kit (checked when connecting)."""

    def __init__(self, client, workers: dict[str, dict]):
        """Wrap a connected client and what its workers reported."""
        self.client = client
        self.workers = workers
        self.executor = client.get_executor(pure=False)

    @classmethod
    def connect(cls, address: str, tls: dict[str, str] | None = None, sandbox: bool = True,
                timeout: float = 10) -> Cluster:
        """Connect to the scheduler at ``address`` and check every worker; raise one plain sentence on trouble."""
        from distributed import Client

        security = _security(address, tls)
        try:
            refused = _refused_at_once(address)
            if refused:  # nothing listens there: say so now rather than after Dask's retries for `timeout` seconds
                raise refused
            client = Client(address, security=security, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, asyncio.TimeoutError) as problem:
            raise RuntimeError(
                f"The Dask scheduler at {address} did not answer ({_first_line(problem)}). Check that it is running "
                "(`dask scheduler`) and the address, or grade on this machine by leaving out --scheduler.") from None
        try:
            reports = client.run(worker_report, sandbox)
            if not reports:
                raise RuntimeError(f"The Dask scheduler at {address} has no workers. Start some with "
                                   f"`dask worker {address} --nthreads 1`, then run the same command again.")
            cls._check(reports, address)
        except BaseException:
            client.close()
            raise
        return cls(client, reports)

    @staticmethod
    def _check(reports: dict[str, dict], address: str) -> None:
        """Refuse workers with another kit or a broken sandbox, naming them."""
        mine = kit_fingerprint()
        other = sorted(worker for worker, report in reports.items() if report["kit"] != mine)
        if other:
            raise RuntimeError(
                f"{len(other)} of the {len(reports)} workers of {address} run another version of socialkit "
                f"({', '.join(other)}: {reports[other[0]]['kit']}; this machine: {mine}). Install the same version "
                "on every worker and restart them, so every learner is graded the same way.")
        broken = sorted(worker for worker, report in reports.items() if report["problem"])
        if broken:
            raise RuntimeError(f"The grading sandbox does not work on worker {broken[0]}: "
                               f"{reports[broken[0]]['problem']}")

    def describe(self) -> str:
        """``2 workers, 2 threads``: what the run will use."""
        threads = sum(self.client.nthreads().values())
        return f"{len(self.workers)} workers, {threads} threads"

    async def run(self, nb, workdir: Path, setup: RunSetup):
        """Run one notebook on a worker; return (how it ended, the executed notebook)."""
        import nbformat

        future = self.executor.submit(run_job, nbformat.writes(nb), folder_files(workdir), setup)
        executed, result = await asyncio.wrap_future(future)
        return result, nbformat.reads(executed, as_version=4)

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self.client.close()

    def __enter__(self) -> Cluster:
        """Use as a context manager: closed on the way out."""
        return self

    def __exit__(self, *exc) -> None:
        """Disconnect."""
        self.close()


def _security(address: str, tls: dict[str, str] | None):
    """Dask's TLS settings from the ca/cert/key files (required for a ``tls://`` address)."""
    if not address.startswith("tls://"):
        if tls:
            raise ValueError(f"TLS files were given but {address} is not a tls:// address; write tls://{address.split('://')[-1]}.")
        return None
    files = tls or {}
    missing = [name for name in ("ca", "cert", "key") if not files.get(name)]
    if missing:
        raise ValueError(f"A tls:// scheduler needs --tls-ca, --tls-cert and --tls-key (missing: "
                         f"{', '.join('--tls-' + m for m in missing)}).")
    for name, path in files.items():
        if not Path(path).is_file():
            raise FileNotFoundError(f"The TLS file given with --tls-{name} does not exist: {path}")
    from distributed.security import Security

    return Security(tls_ca_file=files["ca"], tls_client_cert=files["cert"], tls_client_key=files["key"],
                    require_encryption=True)


def _refused_at_once(address: str) -> ConnectionRefusedError | None:
    """The refusal of one TCP connection to a ``tcp://`` or ``tls://`` scheduler address, if it is refused at once."""
    scheme, _, rest = address.rpartition("://")
    host, _, port = rest.rpartition(":")
    if scheme not in ("", "tcp", "tls") or not port.isdigit():
        return None
    try:
        socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=2).close()
    except ConnectionRefusedError as refused:
        return refused
    except OSError:  # a slow or unknown host: Dask's own connection attempts decide
        return None
    return None


def _first_line(problem: BaseException) -> str:
    """The first line of an error, or its type when it has no text."""
    text = str(problem).strip()
    return text.splitlines()[0] if text else type(problem).__name__
