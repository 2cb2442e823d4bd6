"""What the student process sees under bubblewrap: the read-only trees it needs, with
every import path but the standard library's covered, the packages it may import bound
in, and nothing else.

Also where the grader's own packages are, which the unshare backend hides as root.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import sysconfig
from pathlib import Path

RUNTIME = Path(__file__).resolve().parent / "runtime"
# Inside bubblewrap the submission sees only these paths, besides the system's.
INNER_RUNTIME = "/opt/grade/runtime"
INNER_SITE = "/opt/grade/site"
INNER_SCRATCH = "/submission"


@functools.cache
def grader_paths() -> tuple[Path, ...]:
    """Where the grader's own package lives, and, in a clone of its repository, the
    clone itself (which is a course folder: the demo course's solutions and reference)."""
    found: list[Path] = []
    try:
        spec = importlib.util.find_spec("grader")
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location).resolve()
        if path.is_dir() and path not in found:
            found.append(path)
            if (path.parent / "course.toml").is_file():  # a source tree: the demo course
                found.append(path.parent)
    return tuple(found)


def _ancestors(path: Path) -> list[Path]:
    return [p for p in reversed(path.parents) if str(p) != "/"]


def _bind_with_parents(source: Path, target: Path, made: set[Path]) -> list[str]:
    args: list[str] = []
    for parent in _ancestors(target):
        if parent not in made and not str(parent).startswith("/usr"):
            args += ["--perms", "0755", "--dir", str(parent)]
            made.add(parent)
    return [*args, "--ro-bind", str(source), str(target)]


def _is_stdlib(path: Path) -> bool:
    for key in ("stdlib", "platstdlib"):
        stdlib = Path(sysconfig.get_paths()[key]).resolve()
        if path.is_relative_to(stdlib):
            inner = path.relative_to(stdlib).parts
            return not inner or inner[0] not in ("site-packages", "dist-packages")
    return False


def _hidden_in(roots: list[Path]) -> list[Path]:
    """Directories inside the bound trees that the submission must not see: every
    import path except the standard library, and the grader's own packages."""
    candidates = [Path(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")]
    candidates += [Path(p) for p in sys.path if p]
    candidates += grader_paths()
    hidden: list[Path] = []
    interpreter = Path(sys.executable).resolve()
    for candidate in candidates:
        path = candidate.resolve()
        if not path.is_dir() or _is_stdlib(path) or path in hidden:
            continue
        if interpreter.is_relative_to(path):  # e.g. the bin/ of a console script's sys.path[0]
            continue
        if any(path.is_relative_to(root) for root in roots):
            hidden.append(path)
    return hidden


def bwrap_prefix(
    scratch_bytes: int,
    private: tuple[str, ...],
    packages: tuple[Path, ...],
    fork_server: bool = False,
) -> list[str]:
    """bwrap's arguments up to the command; ``private`` folders under the bound trees are
    covered by empty unreadable mounts too. A ``fork_server`` run without root is root
    of its user namespace and keeps its capabilities there, which its forks drop."""
    args = ["bwrap", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts"]
    args += ["--unshare-cgroup-try", "--die-with-parent", "--new-session"]
    args += ["--hostname", "sandbox"]
    if os.geteuid() != 0:
        args += ["--unshare-user"]
        if fork_server:  # one user namespace, root in it (not bwrap's nested one)
            args += ["--uid", "0", "--gid", "0", "--cap-add", "ALL"]
    args += ["--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev"]
    roots = [Path("/usr")]
    for name in ("bin", "lib", "lib64", "lib32", "sbin"):
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), str(host)]
        elif host.is_dir():
            args += ["--ro-bind", str(host), str(host)]
            roots.append(host)
    made: set[Path] = set()
    prefix = Path(sys.base_prefix).resolve()
    if not prefix.is_relative_to("/usr"):
        args += _bind_with_parents(prefix, prefix, made)
        roots.append(prefix)
    executable = Path(sys.executable).resolve()  # a venv's python links to the base one
    if not any(executable.is_relative_to(root) for root in roots):
        args += _bind_with_parents(executable, executable, made)
    # Hide every site-packages directory and the grader itself; show NumPy alone.
    covered = _hidden_in(roots)
    covered += [p for p in map(Path, private) if any(p.is_relative_to(r) for r in roots)]
    for path in covered:
        args += ["--perms", "0000", "--size", "4096", "--tmpfs", str(path)]
    args += ["--perms", "0755", "--tmpfs", "/opt"]
    args += ["--perms", "0755", "--dir", "/opt/grade", "--perms", "0755", "--dir", INNER_SITE]
    for path in packages:  # NumPy and what the course lets it import, each read-only
        args += ["--ro-bind", str(path), f"{INNER_SITE}/{path.name}"]
    if any(path.name == "matplotlib" for path in packages):
        # fontconfig's (public) setup, in an /etc the sandbox uid may enter
        args += ["--perms", "0755", "--dir", "/etc", "--ro-bind-try", "/etc/fonts", "/etc/fonts"]
    args += ["--ro-bind", str(RUNTIME), INNER_RUNTIME]
    # The scratch directory is a small tmpfs of its own: nothing the submission writes
    # reaches the host's disk, and it vanishes with the sandbox.
    args += ["--perms", "0700", "--size", str(scratch_bytes), "--tmpfs", INNER_SCRATCH]
    return [*args, "--chdir", INNER_SCRATCH]
