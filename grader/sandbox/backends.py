"""How the student process is isolated: bubblewrap, unshare, or a plain process.

Each backend turns the command that starts the student process into the command
that starts it isolated. All of them share the in-process hardening done by
``runtime/child.py`` (resource limits, privilege drop, import blocker).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import numpy

RUNTIME = Path(__file__).resolve().parent / "runtime"
SANDBOX_UID = 61000  # base of the unprivileged uids student code runs as under root
NAMES = ("bwrap", "unshare", "process")

# Inside bubblewrap the submission sees only these paths.
_INNER_RUNTIME = "/opt/grade/runtime"
_INNER_SITE = "/opt/grade/site"
_INNER_SCRATCH = "/submission"


@dataclass(frozen=True)
class Launch:
    """A command that starts the student process, and what it runs in."""

    argv: list[str]
    scratch: str  # the working directory as the student process sees it
    site: list[str]  # where NumPy is, as the student process sees it
    runtime: str  # where child.py is, as the student process sees it
    pid_namespace: bool


@dataclass(frozen=True)
class Backend:
    """One isolation method."""

    name: str
    description: str
    isolates_files: bool
    isolates_network: bool

    def launch(self, scratch: Path) -> Launch:
        python = [str(Path(sys.executable).resolve()), "-I", "-S"]
        if self.name == "bwrap":
            return Launch(
                _bwrap_prefix(scratch) + python,
                _INNER_SCRATCH,
                [_INNER_SITE],
                _INNER_RUNTIME,
                True,
            )
        site = [str(Path(numpy.__file__).resolve().parent.parent)]
        if self.name == "unshare":
            prefix = ["unshare", "--fork", "--pid", "--mount-proc", "--net", "--ipc", "--uts"]
            prefix += ["--kill-child"] if _unshare_has_kill_child() else []
            if os.geteuid() != 0:
                prefix.insert(1, "--map-root-user")
                prefix.insert(1, "--user")
            return Launch(prefix + python, str(scratch), site, str(RUNTIME), True)
        return Launch(python, str(scratch), site, str(RUNTIME), False)


BACKENDS = {
    "bwrap": Backend(
        "bwrap",
        "bubblewrap: own PID, network, IPC and mount namespaces; read-only runtime, "
        "only NumPy and the scratch directory visible",
        isolates_files=True,
        isolates_network=True,
    ),
    "unshare": Backend(
        "unshare",
        "unshare: own PID, network and IPC namespaces; files visible read-only by permission",
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


def _ancestors(path: Path) -> list[Path]:
    return [p for p in reversed(path.parents) if str(p) != "/"]


def _bind_with_parents(source: Path, target: Path, made: set[Path]) -> list[str]:
    args: list[str] = []
    for parent in _ancestors(target):
        if parent not in made and not str(parent).startswith("/usr"):
            args += ["--perms", "0755", "--dir", str(parent)]
            made.add(parent)
    return [*args, "--ro-bind", str(source), str(target)]


def _bwrap_prefix(scratch: Path) -> list[str]:
    args = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    args += ["--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    if os.geteuid() != 0:
        args += ["--unshare-user"]
    args += ["--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev"]
    for name in ("bin", "lib", "lib64", "lib32", "sbin"):
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), str(host)]
        elif host.is_dir():
            args += ["--ro-bind", str(host), str(host)]
    made: set[Path] = set()
    prefix = Path(sys.base_prefix).resolve()
    if not str(prefix).startswith("/usr/"):
        args += _bind_with_parents(prefix, prefix, made)
    executable = Path(sys.executable).resolve()  # a venv's python links to the base one
    if not str(executable).startswith((str(prefix), "/usr/")):
        args += _bind_with_parents(executable, executable, made)
    # Hide every site-packages directory; show NumPy alone.
    for site in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        if Path(site).exists() and Path(site).resolve().is_relative_to(prefix):
            args += ["--tmpfs", str(Path(site).resolve())]
    numpy_dir = Path(numpy.__file__).resolve().parent
    args += ["--perms", "0755", "--tmpfs", "/opt"]
    args += ["--perms", "0755", "--dir", "/opt/grade", "--perms", "0755", "--dir", _INNER_SITE]
    args += ["--ro-bind", str(numpy_dir), f"{_INNER_SITE}/numpy"]
    libs = numpy_dir.parent / "numpy.libs"
    if libs.is_dir():
        args += ["--ro-bind", str(libs), f"{_INNER_SITE}/numpy.libs"]
    args += ["--ro-bind", str(RUNTIME), _INNER_RUNTIME]
    args += ["--bind", str(scratch), _INNER_SCRATCH, "--chdir", _INNER_SCRATCH]
    return args


@functools.cache
def _unshare_has_kill_child() -> bool:
    result = subprocess.run(["unshare", "--help"], capture_output=True, text=True, check=False)
    return "--kill-child" in result.stdout


@functools.cache
def available(name: str) -> bool:
    """Whether a backend works on this machine (tried once per process)."""
    if name == "process":
        return True
    tool = "bwrap" if name == "bwrap" else "unshare"
    if shutil.which(tool) is None:
        return False
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    launch = BACKENDS[name].launch(scratch)
    probe = [*launch.argv, "-c", "pass"]
    try:
        result = subprocess.run(probe, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def choose(requested: str = "auto") -> Backend:
    """The strongest backend that works here, or the one requested."""
    if requested != "auto":
        if requested not in BACKENDS:
            raise ValueError(f"unknown sandbox {requested!r}; choose from {', '.join(NAMES)}")
        return BACKENDS[requested]
    for name in NAMES:
        if available(name):
            return BACKENDS[name]
    return BACKENDS["process"]  # pragma: no cover - "process" is always available
