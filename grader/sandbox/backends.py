"""How the student process is isolated: bubblewrap, unshare, or a plain process.

Each backend turns the command that starts the student process into the command
that starts it isolated. All of them share the in-process hardening done by
``runtime/child.py`` (resource limits, no new privileges, privilege drop under root,
import blocker). What each backend does and does not guarantee is in SECURITY.md.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy

from grader import cache
from grader.errors import SandboxError
from grader.sandbox.mounts import (
    INNER_RUNTIME,
    INNER_SCRATCH,
    INNER_SITE,
    RUNTIME,
    bwrap_prefix,
    grader_paths,
)
from grader.sandbox.packages import Packages, allowed_packages

SANDBOX_UID = 61000  # base of the unprivileged uids student code runs as under root
SANDBOX_UIDS = 1000  # uids SANDBOX_UID .. SANDBOX_UID + 999 are reserved for sandboxes
VERDICTS = "sandbox-works"  # cache kind: fingerprints of backends that worked here
NAMES = ("bwrap", "unshare", "process")
SCRATCH_BYTES = 64 * 1024 * 1024  # size of the scratch tmpfs when a backend makes one

# World-writable directories that a private mount namespace replaces by an empty tmpfs.
_SHARED_TMP = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue")


@dataclass(frozen=True)
class Launch:
    """A command that starts the student process, and what it runs in."""

    argv: list[str]
    scratch: str  # the working directory as the student process sees it
    site: list[str]  # where the packages it may import are, as the student process sees it
    runtime: str  # where child.py is, as the student process sees it
    pid_namespace: bool
    allowed: tuple[str, ...] = ("numpy",)  # the top-level packages it may import from site
    # Set up by child.py while still root in its own mount namespace (unshare backend):
    hide: tuple[str, ...] = ()  # directories covered by an empty, unreadable tmpfs
    private_dirs: tuple[str, ...] = ()  # directories replaced by a fresh, small tmpfs
    drop_capabilities: bool = False  # root of its own user namespace: drop every capability


@dataclass(frozen=True)
class Backend:
    """One isolation method."""

    name: str
    description: str
    isolates_files: bool
    isolates_network: bool

    def launch(
        self,
        scratch: Path,
        scratch_bytes: int = SCRATCH_BYTES,
        private: tuple[str, ...] = (),
        packages: Packages | None = None,
        *,
        fork_server: bool = False,
    ) -> Launch:
        """How to start the student process. ``private``: folders it must not see (the
        course's), wherever the backend can hide them; ``packages``: what it may import
        besides the standard library (NumPy alone by default); ``fork_server``: start
        the zygote instead, which keeps the capabilities its forks need to make their
        namespaces (grader/sandbox/zygote.py)."""
        packages = packages or allowed_packages(())
        python = [str(Path(sys.executable).resolve()), "-I", "-S"]
        names = packages.names
        if self.name == "bwrap":
            prefix = bwrap_prefix(scratch_bytes, private, packages.paths, fork_server)
            return Launch(prefix + python, INNER_SCRATCH, [INNER_SITE], INNER_RUNTIME, True, names)
        site = sorted({str(p.parent) for p in packages.paths})
        if self.name != "unshare":
            return Launch(python, str(scratch), site, str(RUNTIME), False, names)
        # setpriv makes unshare die with the grader; --kill-child makes the namespace's
        # init (child.py) die with unshare, and everything with it.
        prefix = ["setpriv", "--pdeathsig", "KILL"] if shutil.which("setpriv") else []
        prefix += ["unshare", "--fork", "--pid", "--mount", "--mount-proc"]
        prefix += ["--propagation", "private", "--net", "--ipc", "--uts"]
        prefix += ["--kill-child"] if _unshare_has_kill_child() else []
        user = os.geteuid() != 0
        if user:
            prefix += ["--user", "--map-root-user"]
        # child.py hides the grader and the course, gives the submission its own /tmp and
        # makes every other mount read-only, then drops to the sandbox uid (as root) or
        # drops every capability (as root of its own user namespace).
        return Launch(
            prefix + python,
            str(scratch),
            site,
            str(RUNTIME),
            True,
            names,
            hide=(*(str(p) for p in grader_paths()), *private),
            private_dirs=tuple(d for d in _SHARED_TMP if Path(d).is_dir()),
            drop_capabilities=user,
        )


def scrubbed_environment(home: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": home,
        "TMPDIR": home,
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
    }


BACKENDS = {
    "bwrap": Backend(
        "bwrap",
        "bubblewrap: own PID, network, IPC, UTS and mount namespaces; read-only runtime, "
        "only the standard library, NumPy and an empty scratch directory visible",
        isolates_files=True,
        isolates_network=True,
    ),
    "unshare": Backend(
        "unshare",
        "unshare: own PID, network, IPC, UTS and mount namespaces; the grader's packages "
        "hidden and /tmp private; other files as the sandbox uid's permissions allow",
        isolates_files=False,
        isolates_network=True,
    ),
    "process": Backend(
        "process",
        "plain child process with resource limits: does NOT isolate files or network",
        isolates_files=False,
        isolates_network=False,
    ),
}


@functools.cache
def _unshare_has_kill_child() -> bool:
    result = subprocess.run(["unshare", "--help"], capture_output=True, text=True, check=False)
    return "--kill-child" in result.stdout


def _fingerprint(name: str, tool: str) -> str:
    """What a verdict depends on: the tool, the interpreter, NumPy, the kernel, the user."""
    info = os.stat(tool)
    return cache.fingerprint(
        name,
        tool,
        str(info.st_mtime_ns),
        str(info.st_size),
        sys.executable,
        numpy.__version__,
        numpy.__file__,
        str(RUNTIME),
        os.uname().release,
        str(os.geteuid()),
    )


def forget(name: str) -> None:
    """Drop the verdict that ``name`` works (its sandbox failed to start)."""
    unavailable_reason.cache_clear()
    tool = shutil.which(name) if name != "process" else None
    if tool is not None:
        cache.remember(VERDICTS, _fingerprint(name, tool), holds=False)


@functools.cache
def unavailable_reason(name: str) -> str | None:
    """Why a backend does not work on this machine, or None if it does.

    Tried once per process, and remembered on disk once it has worked."""
    if name not in BACKENDS:
        return f"unknown sandbox {name!r}; choose from {', '.join(NAMES)}"
    if name == "process":
        return None
    tool = shutil.which(name)
    if tool is None:
        hint = "apt-get install bubblewrap" if name == "bwrap" else "apt-get install util-linux"
        return f"the {name!r} command is not installed ({hint})"
    if cache.known(VERDICTS, _fingerprint(name, tool)):
        return None  # worked before; a stale verdict shows as a missing ready signal
    reason = _probe(name)
    cache.remember(VERDICTS, _fingerprint(name, tool), holds=reason is None)
    return reason


def _probe(name: str) -> str | None:
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    launch = BACKENDS[name].launch(scratch)
    probe = [*launch.argv, "-c", f"import sys; sys.path[:0] = {launch.site!r}; import numpy"]
    try:
        result = subprocess.run(probe, capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{name} could not be started: {exc}"
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[-1][:300] if lines else f"exit code {result.returncode}"
        return f"{name} does not work here (namespaces not permitted?): {detail}"
    return None


def available(name: str) -> bool:
    """Whether a backend works on this machine (tried once per process)."""
    return unavailable_reason(name) is None


def choose(requested: str = "auto") -> Backend:
    """The strongest backend that works here, or the one requested.

    Raises SandboxError when the requested backend is unknown or does not work here,
    so that a misconfigured grader stops before grading anything.
    """
    if requested != "auto":
        if requested not in BACKENDS:
            raise SandboxError(f"unknown sandbox {requested!r}; choose from {', '.join(NAMES)}")
        reason = unavailable_reason(requested)
        if reason is not None:
            raise SandboxError(f"sandbox {requested!r} is not available: {reason}")
        return BACKENDS[requested]
    for name in NAMES:
        if available(name):
            return BACKENDS[name]
    return BACKENDS["process"]  # pragma: no cover - "process" is always available
