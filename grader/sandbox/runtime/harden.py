"""Hardening of the student process: everything between "NumPy is imported" and
"student code may run". Loaded by path by ``child.py``; imports nothing of the grader.

As root in a private mount namespace it hides the grader's files; it sets the resource
limits and no_new_privs, and drops to the sandbox uid with no groups and no
capabilities, keeping the interpreter's files reachable through descriptors opened
before the drop.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import resource
import sys
from typing import Any


def _set_limits(limits: dict[str, int]) -> None:
    table = {
        "memory_bytes": resource.RLIMIT_AS,
        "cpu_seconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "file_bytes": resource.RLIMIT_FSIZE,
        "open_files": resource.RLIMIT_NOFILE,
    }
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for key, which in table.items():
        if key in limits:
            value = int(limits[key])
            hard = value + 1 if which == resource.RLIMIT_CPU else value
            resource.setrlimit(which, (value, hard))


class _Libc:
    """The few system calls the standard library does not offer (Linux only)."""

    PR_SET_PDEATHSIG = 1
    PR_CAPBSET_DROP = 24
    PR_SET_NO_NEW_PRIVS = 38
    MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8

    def __init__(self) -> None:
        import ctypes

        self.ctypes = ctypes
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.libc.prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
        self.libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]

    def _check(self, result: int, what: str) -> None:
        if result != 0:
            errno = self.ctypes.get_errno()
            raise SystemExit(f"sandbox setup failed: {what}: {os.strerror(errno)}")

    def prctl(self, option: int, arg: int, what: str) -> None:
        self._check(self.libc.prctl(option, arg, 0, 0, 0), what)

    def mount_tmpfs(self, target: str, flags: int, options: str) -> None:
        result = self.libc.mount(b"tmpfs", target.encode(), b"tmpfs", flags, options.encode())
        self._check(result, f"mount a tmpfs on {target}")


def _isolate_files(libc: _Libc, config: dict[str, Any]) -> None:
    """Root in a private mount namespace (unshare backend): cover the grader's packages
    with empty unreadable tmpfs mounts and give /tmp and friends fresh small ones."""
    hide, private = config.get("hide") or [], config.get("private_dirs") or []
    if not hide and not private:
        return
    if os.geteuid() != 0:
        raise SystemExit("sandbox setup failed: hiding files needs root")
    host = config.get("host_mount_ns")
    if host is None or os.stat("/proc/self/ns/mnt").st_ino == host:
        raise SystemExit("sandbox setup failed: not in a private mount namespace")
    quiet = libc.MS_NOSUID | libc.MS_NODEV | libc.MS_NOEXEC
    for path in hide:
        if os.path.isdir(path):
            libc.mount_tmpfs(path, quiet | libc.MS_RDONLY, "mode=000,size=4k,nr_inodes=16")
    size = int(config.get("scratch_bytes", 64 << 20))
    for path in private:
        if os.path.isdir(path):
            options = f"mode=1777,size={size},nr_inodes=16384"
            libc.mount_tmpfs(path, libc.MS_NOSUID | libc.MS_NODEV, options)
    os.makedirs(config["scratch"], mode=0o700, exist_ok=True)


def _drop_privileges(libc: _Libc, uid: int, gid: int) -> None:
    """Become the sandbox uid for good: no groups, no capabilities, no way back."""
    last_cap = 40
    with contextlib.suppress(OSError, ValueError), open("/proc/sys/kernel/cap_last_cap") as f:
        last_cap = int(f.read())
    for cap in range(last_cap + 1):  # best effort: no-new-privs already bars regaining them
        libc.libc.prctl(libc.PR_CAPBSET_DROP, cap, 0, 0, 0)
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid) or os.getgroups():
        raise SystemExit("sandbox setup failed: could not drop privileges")
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise SystemExit("refusing to run student code as root")


def _import_lists() -> list[list[str]]:
    """``sys.path`` and the folder lists of the import finders that keep their own
    (the child's site-packages finder)."""
    lists = [sys.path]
    for finder in sys.meta_path:
        folders = getattr(finder, "folders", None)
        if type(folders) is list:
            lists.append(folders)
    return lists


def _open_import_roots() -> dict[str, int]:
    """A descriptor of every import path, opened while the folders above it can still
    be entered."""
    roots: dict[str, int] = {}
    for entry in (entry for paths in _import_lists() for entry in paths):
        if entry and entry not in roots and os.path.isdir(entry):
            with contextlib.suppress(OSError):
                roots[entry] = os.open(entry, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    return roots


def _reach_imports_through(roots: dict[str, int]) -> None:
    """After the privilege drop, reach the import paths the sandbox uid cannot enter
    (an interpreter installed below a private folder, such as /root/.pyenv) through the
    descriptors opened before it: ``/proc/self/fd/N`` leads into that folder alone."""
    moved: dict[str, str] = {}
    for entry, fd in roots.items():
        inside = any(entry.startswith(old + os.sep) for old in moved)
        if inside or os.access(entry, os.R_OK | os.X_OK):
            os.close(fd)  # reachable as it is, or through the folder it is in
        else:
            moved[entry] = f"/proc/self/fd/{fd}"
    if not moved:
        return

    def move(path: str) -> str:
        for old, new in moved.items():
            if path == old or path.startswith(old + os.sep):
                return new + path[len(old) :]
        return path

    for folders in _import_lists():
        folders[:] = [move(path) for path in folders]
    for module in list(sys.modules.values()):
        paths = getattr(module, "__path__", None)
        if type(paths) is list:
            paths[:] = [move(path) if isinstance(path, str) else path for path in paths]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()


def harden(config: dict[str, Any]) -> None:
    """Everything between "NumPy is imported" and "student code may run"."""
    libc = _Libc()
    parent = os.getppid()
    _isolate_files(libc, config)
    uid: int | None = config.get("uid")
    gid: int = config.get("gid") or uid or 0
    if uid is not None:
        os.chown(config["scratch"], uid, gid)
    _set_limits(config.get("limits", {}))
    # No setuid binary, file capability or exec can give the submission more rights.
    libc.prctl(libc.PR_SET_NO_NEW_PRIVS, 1, "set no_new_privs")
    if uid is not None:
        roots = _open_import_roots()
        _drop_privileges(libc, uid, gid)
        _reach_imports_through(roots)
    # Die with the grader (set after the uid change, which clears it).
    libc.prctl(libc.PR_SET_PDEATHSIG, 9, "set the parent-death signal")
    if os.getppid() != parent:
        raise SystemExit("the grader is gone")


def close_other_fds(keep: set[int]) -> None:
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
