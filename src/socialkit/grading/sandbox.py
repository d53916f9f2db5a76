"""Run one learner's kernel inside bubblewrap: no network, no view of the grader's files, hard limits.

The grader stays outside; the kernel runs inside a fresh mount namespace whose root is an empty
tmpfs with only the system folders, the Python installation, the kit's package source and
``datasets/`` bound back read-only, the learner's working folder as a size-capped tmpfs filled with
a copy of their files (so their writes never reach the grader's disk), and a private runtime folder that holds the kernel's IPC sockets (TCP cannot cross ``--unshare-net``).
Inside, ``setpriv`` drops to an unprivileged uid and ``prlimit`` caps memory, CPU time, file size,
processes and open files; ``timeout -s KILL`` outside bounds the kernel's whole life.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

# Each concurrent kernel gets its own uid so that RLIMIT_NPROC (counted per uid, system-wide)
# stops one learner's fork bomb without starving another learner's kernel of threads — including
# the kernels of another grading run on the same machine: each run takes a block of uids by its pid.
SANDBOX_UID_BASE = 3_100_000
UIDS_PER_RUN = 64  # also the most workers a run may have
SANDBOX_GID = 65534  # nogroup
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")
RUNTIME_PREFIX = "socialkit-kernel-"  # + the grader's pid: lets a later run remove a killed run's leftovers
SUBMISSION_COPY = "/var/lib/socialkit-submission"
FILL_FOLDER = f'cp -R -p {SUBMISSION_COPY}/. . && chown -R "$0" . && exec "$@"'
INSTALL_HINT = (
    "bubblewrap is not installed, and grading runs each learner's code inside it. "
    "Install it with `sudo apt-get install bubblewrap` (Debian/Ubuntu) or `sudo dnf install "
    "bubblewrap` (Fedora), or pass --no-sandbox if you trust every submission."
)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one learner kernel (prlimit values and the outer wall-clock bound)."""

    memory_bytes: int = 3 * 1024**3
    cpu_seconds: int = 600
    file_bytes: int = 64 * 1024**2
    processes: int = 64
    open_files: int = 256
    wall_seconds: int = 900
    folder_bytes: int = 256 * 1024**2  # the learner's working folder and /tmp are size-capped tmpfs


def sandbox_uid(slot: int, grader_pid: int | None = None) -> int:
    """The unprivileged uid of worker ``slot`` in the grading run ``grader_pid`` (default: this process)."""
    pid = os.getpid() if grader_pid is None else grader_pid
    return SANDBOX_UID_BASE + (pid % 65536) * UIDS_PER_RUN + slot % UIDS_PER_RUN


def _die_with_grader(libc, grader_pid: int) -> None:
    """Run in the forked child before exec: SIGKILL it when the grader dies, or exit if that already happened.

    bwrap's own --die-with-parent leaves a gap between fork and its prctl call; a grader killed
    in that gap would leave a sandbox running until its time limit.
    """
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != grader_pid:
        os._exit(1)


def sandbox_tools_missing() -> list[str]:
    """Names of the programs the sandbox needs that are not on PATH (empty when all are there)."""
    return [tool for tool in ("bwrap", "setpriv", "prlimit", "timeout") if shutil.which(tool) is None]


def read_only_paths() -> list[Path]:
    """The host folders a learner kernel must see read-only: Python, the venv, the package, the data."""
    from socialkit import paths

    python_home = Path(sys.base_prefix).resolve()
    venv = Path(sys.prefix)
    package_parent = paths.PACKAGE_DIR.parent  # src/ for an editable install, site-packages otherwise
    found = [python_home, venv, package_parent]
    try:
        found.append(paths.datasets_dir())
    except FileNotFoundError:
        pass
    real = Path(sys.executable).resolve().parent
    if not any(real.is_relative_to(p) for p in found):
        found.append(real.parent)
    return [p for p in dict.fromkeys(found) if p.exists()]


def _ancestors_args(path: Path, made: set[Path]) -> list[str]:
    """bwrap arguments creating every missing parent folder of ``path`` as world-traversable."""
    args: list[str] = []
    for parent in reversed(path.parents):
        if parent == Path("/") or parent in made or str(parent) in SYSTEM_FOLDERS:
            continue
        made.add(parent)
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def bwrap_command(
    inner: list[str],
    workdir: Path,
    runtime_dir: Path,
    uid: int,
    limits: Limits,
    env: dict[str, str],
) -> list[str]:
    """The full argv that runs ``inner`` sandboxed, with ``workdir`` as its only writable folder."""
    cmd = ["bwrap", "--die-with-parent", "--new-session",
           "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
           "--hostname", "sandbox", "--clearenv"]
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    for folder in SYSTEM_FOLDERS:
        cmd += ["--ro-bind-try", folder, folder]
    size = str(limits.folder_bytes)
    cmd += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--size", size, "--tmpfs", "/tmp",
            "--perms", "1777", "--size", str(64 * 1024**2), "--tmpfs", "/dev/shm",
            "--ro-bind", str(workdir), SUBMISSION_COPY]
    made: set[Path] = {Path("/tmp"), Path("/dev")}
    mounts = [(p, "--ro-bind") for p in read_only_paths()]
    mounts += [(runtime_dir, "--bind"), (workdir, "--tmpfs")]
    for path, how in sorted(mounts, key=lambda item: len(item[0].parts)):
        cmd += _ancestors_args(path, made)
        if how == "--tmpfs":  # the learner's folder: a fresh, size-capped copy; writes never reach the disk
            cmd += ["--perms", "0755", "--size", size, "--tmpfs", str(path)]
        else:
            cmd += [how, str(path), str(path)]
        made.add(path)
    # Still root inside the namespace: fill the learner's folder, hand it to the sandbox uid, then
    # timeout (the namespace's first process: when it kills the kernel, forks go too; bwrap itself
    # dies with the grader, --die-with-parent) and setpriv, which drops root for good.
    cmd += ["--chdir", str(workdir), "--", "/bin/sh", "-c", FILL_FOLDER, f"{uid}:{SANDBOX_GID}",
            "timeout", "-s", "KILL", str(limits.wall_seconds),
            "setpriv", f"--reuid={uid}", f"--regid={SANDBOX_GID}", "--clear-groups",
            "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs",
            "prlimit", f"--as={limits.memory_bytes}", f"--cpu={limits.cpu_seconds}",
            f"--fsize={limits.file_bytes}", f"--nproc={limits.processes}",
            f"--nofile={limits.open_files}", "--core=0", "--"]
    return cmd + inner


def kernel_env(runtime_dir: Path) -> dict[str, str]:
    """A minimal environment for the learner kernel: nothing inherited from the grader's shell.

    ``SOCIALKIT_ROOT`` / ``SOCIALKIT_DATASETS`` point ``socialkit.data.load`` at the read-only data,
    since the kit folder the package would look for is mostly hidden inside the sandbox.
    """
    from socialkit import paths

    located = {}
    try:
        located["SOCIALKIT_DATASETS"] = str(paths.datasets_dir())
        located["SOCIALKIT_ROOT"] = str(paths.kit_root())
    except FileNotFoundError:
        pass
    return located | {
        "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(runtime_dir / "mpl"),
        "IPYTHONDIR": "/tmp/ipython",
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "NBGRADER_EXECUTION": "autograde",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def processes_using(folder: Path) -> list[int]:
    """Pids of live processes whose command line names ``folder`` (every sandbox names its runtime folder)."""
    needle = str(folder).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if needle in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def remove_stale_runtime_dirs() -> None:
    """Kill the sandboxes and delete the runtime folders left by graders that were killed (their pid is gone).

    PR_SET_PDEATHSIG and bwrap's --die-with-parent take a kernel down with its grader, except in the
    instant between bwrap's own fork and its child's prctl: a kernel started then outlives a SIGKILLed
    grader. The next run ends it here instead of leaving it to its wall-clock limit.
    """
    for folder in Path(tempfile.gettempdir()).glob(f"{RUNTIME_PREFIX}*-*"):
        pid = folder.name[len(RUNTIME_PREFIX):].split("-", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            for leftover in processes_using(folder):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(leftover, signal.SIGKILL)
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:
            pass  # alive, someone else's


def preflight(limits: Limits, uid: int | None = None) -> None:
    """Start Python once in the sandbox, so a broken setup fails once, clearly, before any learner's turn.

    Raises RuntimeError with bubblewrap's own message and what to try.
    """
    with tempfile.TemporaryDirectory(prefix="socialkit-preflight-") as scratch:
        folder, runtime = Path(scratch) / "learner", Path(scratch) / "runtime"
        folder.mkdir()
        runtime.mkdir()
        cmd = bwrap_command([sys.executable, "-c", "import socialkit"], folder, runtime, uid or sandbox_uid(0), limits,
                            kernel_env(runtime))
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            raise RuntimeError("The grading sandbox did not start within 60 s.") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        who = "" if os.geteuid() == 0 else (" The sandbox switches each kernel to an unprivileged user, "
                                            "which needs root: run the command with sudo.")
        raise RuntimeError(f"The grading sandbox does not work on this machine ({detail[0]}).{who} "
                           "If you trust every submission, --no-sandbox grades without it.")


class SandboxedKernelManager(AsyncKernelManager):
    """An AsyncKernelManager whose kernel runs under bubblewrap, talking over IPC sockets.

    Set ``workdir``, ``sandbox_uid`` and ``limits`` before starting; ``cleanup_runtime()``
    removes the private runtime folder after shutdown.
    """

    def __init__(self, workdir: Path, sandbox_uid: int, limits: Limits, font_cache: Path | None = None,
                 **kwargs):
        """Prepare a private runtime folder (sockets, connection file, matplotlib cache) for one kernel."""
        self.runtime_dir = Path(tempfile.mkdtemp(prefix=f"{RUNTIME_PREFIX}{os.getpid()}-"))
        super().__init__(transport="ipc", ip=str(self.runtime_dir / "kernel"),
                         connection_file=str(self.runtime_dir / "connection.json"), **kwargs)
        from jupyter_client.kernelspec import KernelSpec

        self._kernel_spec = KernelSpec(
            argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            display_name="Python 3 (sandboxed)", language="python", interrupt_mode="message",
        )
        self.workdir = Path(workdir).resolve()
        self.sandbox_uid = sandbox_uid
        self.limits = limits
        mpl = self.runtime_dir / "mpl"
        if font_cache and font_cache.is_dir():
            shutil.copytree(font_cache, mpl)
        else:
            mpl.mkdir()
        for path in (self.runtime_dir, mpl, *mpl.iterdir()):
            os.chown(path, sandbox_uid, SANDBOX_GID)
        os.chmod(self.runtime_dir, 0o700)

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        """The kernel's own command wrapped in timeout + bwrap + setpriv + prlimit."""
        inner = super().format_kernel_cmd(extra_arguments)
        # the kernel reads its connection file as the sandbox uid
        os.chown(self.connection_file, self.sandbox_uid, SANDBOX_GID)
        return bwrap_command(inner, self.workdir, self.runtime_dir, self.sandbox_uid, self.limits,
                             kernel_env(self.runtime_dir))

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        """Launch tied to the grader's life, with the kernel's output discarded (its banner is noise here)."""
        import ctypes

        kw["stdout"] = kw["stderr"] = kw["stdin"] = subprocess.DEVNULL
        kw["preexec_fn"] = functools.partial(_die_with_grader, ctypes.CDLL(None), os.getpid())
        await super()._async_launch_kernel(kernel_cmd, **kw)

    def cleanup_runtime(self) -> None:
        """Remove the runtime folder (sockets, connection file)."""
        shutil.rmtree(self.runtime_dir, ignore_errors=True)


class QuietKernelManager(AsyncKernelManager):
    """The unsandboxed kernel of ``--no-sandbox``, with its banner and warnings kept off the grader's screen."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        """Launch with the kernel's own output discarded."""
        kw["stdout"] = kw["stderr"] = kw["stdin"] = subprocess.DEVNULL
        await super()._async_launch_kernel(kernel_cmd, **kw)


def build_font_cache(target: Path) -> Path | None:
    """Build matplotlib's font list once into ``target`` so each kernel need not rebuild it.

    Without it, every sandboxed kernel that imports matplotlib would spend a second scanning fonts.
    """
    if any(target.glob("fontlist-*.json")):
        return target
    target.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, MPLCONFIGDIR=str(target), MPLBACKEND="Agg")
    done = subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env,
                          capture_output=True, timeout=120)
    return target if done.returncode == 0 and any(target.glob("fontlist-*.json")) else None
