"""Hardening of the student process: everything between "NumPy is imported" and
"student code may run". Loaded by path by ``child.py``; imports nothing of the grader.

In a private mount namespace (the unshare backend, as root or as root of its own user
namespace, and every fork of a fork server) it covers the grader and the course with
empty unreadable mounts, gives /tmp and its like fresh small ones, and makes every other
mount read-only: nothing outside those stays writable. A fork of a fork server run
without root then enters a user namespace of its own. It sets the resource limits and
no_new_privs; then, as root, it drops to the sandbox uid with no groups and no
capabilities, and in a user namespace it drops every capability, so that nothing it set
up can be undone. It takes keyrings of its own: nothing a submission put in a keyring
reaches the next. The interpreter's files stay reachable through descriptors opened
before anything was hidden.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno as _errno
import importlib.util
import os
import resource
import sys
from typing import Any


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("effective", "permitted", "inheritable")]


def _set_limits(limits: dict[str, int], uid: int | None) -> int | None:
    """Set the resource limits. Without a uid of its own (the process backend without
    root) the process limit counts every process of the grader's user: it is then raised
    by as many as that user already runs, which is returned."""
    table = {
        "memory_bytes": resource.RLIMIT_AS,
        "cpu_seconds": resource.RLIMIT_CPU,
        "processes": resource.RLIMIT_NPROC,
        "file_bytes": resource.RLIMIT_FSIZE,
        "open_files": resource.RLIMIT_NOFILE,
    }
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_MSGQUEUE, (0, 0))  # no POSIX message queues
    already = None
    for key, which in table.items():
        if key in limits:
            value = int(limits[key])
            if which == resource.RLIMIT_NPROC and uid is None and os.getuid() != 0:
                already = _tasks_of(os.getuid())
                value += already
            _, hard = resource.getrlimit(which)
            new_hard = value + 1 if which == resource.RLIMIT_CPU else value
            if hard != resource.RLIM_INFINITY:
                new_hard = min(new_hard, hard)  # a limit can only be lowered here
            resource.setrlimit(which, (min(value, new_hard), new_hard))
    return already


def _tasks_of(uid: int) -> int:
    """How many processes and threads run as ``uid`` (what RLIMIT_NPROC counts)."""
    count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{entry}/status") as handle:
                fields = dict(line.split(":", 1) for line in handle if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                count += int(fields.get("Threads", "1").strip())
    return count


class _Libc:
    """The few system calls the standard library does not offer (Linux only)."""

    PR_SET_PDEATHSIG = 1
    PR_CAPBSET_DROP = 24
    PR_SET_SECUREBITS = 28
    PR_SET_NO_NEW_PRIVS = 38
    MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
    MS_NOATIME, MS_NODIRATIME, MS_RELATIME, MS_REMOUNT, MS_BIND = 1024, 2048, 2097152, 32, 4096

    def __init__(self) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.libc.prctl.argtypes = [ctypes.c_int] + [ctypes.c_ulong] * 4
        self.libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]

    def _check(self, result: int, what: str) -> None:
        if result != 0:
            errno = ctypes.get_errno()
            raise SystemExit(f"sandbox setup failed: {what}: {os.strerror(errno)}")

    def prctl(self, option: int, arg: int, what: str) -> None:
        self._check(self.libc.prctl(option, arg, 0, 0, 0), what)

    def unshare(self, flags: int, what: str) -> None:
        self._check(self.libc.unshare(flags), what)

    def mount_tmpfs(self, target: str, flags: int, options: str) -> None:
        result = self.libc.mount(b"tmpfs", target.encode(), b"tmpfs", flags, options.encode())
        self._check(result, f"mount a tmpfs on {target}")

    def read_only(self, target: str, options: str) -> bool:
        """Make the mount at ``target`` read-only (keeping its other flags)."""
        flags = self.MS_REMOUNT | self.MS_BIND | self.MS_RDONLY
        for option in options.split(","):
            flags |= _MOUNT_FLAGS.get(option, 0)
        return bool(self.libc.mount(None, target.encode(), None, flags, None) == 0)

    def drop_capabilities(self) -> None:
        """No capability left, none to regain by exec (in a user namespace: root there
        could otherwise undo the mounts that hide the grader and keep files read-only)."""
        for cap in range(_last_cap() + 1):
            self.libc.prctl(self.PR_CAPBSET_DROP, cap, 0, 0, 0)
        # SECBIT_NOROOT, _NO_SETUID_FIXUP and _KEEP_CAPS_LOCKED, each locked: exec as root
        # grants nothing.
        self.prctl(self.PR_SET_SECUREBITS, 0x2F, "lock the securebits")
        header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
        self._check(self.libc.capset(ctypes.byref(header), data), "drop the capabilities")


# The flags of a mount that a read-only remount must keep (user namespaces lock them).
_MOUNT_FLAGS = {
    "nosuid": _Libc.MS_NOSUID,
    "nodev": _Libc.MS_NODEV,
    "noexec": _Libc.MS_NOEXEC,
    "noatime": _Libc.MS_NOATIME,
    "nodiratime": _Libc.MS_NODIRATIME,
    "relatime": _Libc.MS_RELATIME,
}


def _last_cap() -> int:
    with contextlib.suppress(OSError, ValueError), open("/proc/sys/kernel/cap_last_cap") as f:
        return int(f.read())
    return 40


def _mounts() -> list[tuple[str, str]]:
    """(mount point, mount options) of every mount this process sees, outermost first."""
    found = []
    with open("/proc/self/mountinfo") as handle:
        for line in handle:
            fields = line.split()
            point = fields[4].encode().decode("unicode_escape")
            found.append((point, fields[5]))
    return sorted(found, key=lambda m: m[0].count("/"))


def _isolate_files(libc: _Libc, config: dict[str, Any]) -> None:
    """In a private mount namespace (unshare backend, forks of a fork server): cover the
    grader and the course with empty unreadable tmpfs mounts, give /tmp and its like
    fresh small ones, and make every other mount read-only."""
    hide, private = config.get("hide") or [], config.get("private_dirs") or []
    if not hide and not private and not config.get("read_only"):
        return
    if os.geteuid() != 0:
        raise SystemExit("sandbox setup failed: hiding files needs root")
    host = config.get("host_mount_ns")
    if host is None or os.stat("/proc/self/ns/mnt").st_ino == host:
        raise SystemExit("sandbox setup failed: not in a private mount namespace")
    quiet = libc.MS_NOSUID | libc.MS_NODEV | libc.MS_NOEXEC
    fresh = [path for path in private if os.path.isdir(path)]
    for point, options in _mounts():  # before the fresh ones: they stay writable
        if point not in fresh and not point.startswith(("/proc", "/sys")):
            libc.read_only(point, options)  # best effort: some pseudo-filesystems refuse
    for path in hide:
        if os.path.isdir(path):
            libc.mount_tmpfs(path, quiet | libc.MS_RDONLY, "mode=000,size=4k,nr_inodes=16")
    size = int(config.get("scratch_bytes", 64 << 20))
    for path in fresh:
        options = f"mode=1777,size={size},nr_inodes=16384"
        libc.mount_tmpfs(path, libc.MS_NOSUID | libc.MS_NODEV, options)
    # The scratch folder: a small tmpfs of its own, the one place left to write in.
    os.makedirs(config["scratch"], mode=0o700, exist_ok=True)
    options = f"mode=0700,size={size},nr_inodes=65536"
    libc.mount_tmpfs(config["scratch"], libc.MS_NOSUID | libc.MS_NODEV, options)


def _enter_user_namespace(libc: _Libc) -> None:
    """A user namespace of its own, as root of it (a fork of a fork server run without
    root, which shares the server's): its processes, and its keyrings, are counted apart
    from those of the server and of the other forks."""
    libc.unshare(CLONE_NEWUSER, "a user namespace of its own")
    for name, text in (("setgroups", "deny"), ("uid_map", "0 0 1"), ("gid_map", "0 0 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def _own_keyrings(libc: _Libc, leased: bool) -> None:
    """With a uid of its own (leased again later), empty its user keyrings of what an
    earlier submission left there; then join a new session keyring, so that none is
    shared with the grader and the other submissions. Where the kernel or a seccomp
    filter refuses keyctl, the submission cannot use keyrings either."""
    call = _KEYCTL.get(os.uname().machine)
    if call is None:
        return
    if leased:
        for keyring in (-4, -5):  # KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING
            libc.libc.syscall(call, 7, keyring)  # KEYCTL_CLEAR
    if libc.libc.syscall(call, 1, None) < 0:  # KEYCTL_JOIN_SESSION_KEYRING, anonymous
        errno = ctypes.get_errno()
        if errno not in (_errno.ENOSYS, _errno.EPERM, _errno.EACCES):
            raise SystemExit(f"sandbox setup failed: a session keyring: {os.strerror(errno)}")


CLONE_NEWUSER = 0x10000000
_KEYCTL = {"x86_64": 250, "aarch64": 219, "riscv64": 219}  # the keyctl system call


def _drop_privileges(libc: _Libc, uid: int, gid: int) -> None:
    """Become the sandbox uid for good: no groups, no capabilities, no way back."""
    for cap in range(_last_cap() + 1):  # best effort: no-new-privs already bars regaining them
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
    be entered (before anything is hidden or the uid changes)."""
    roots: dict[str, int] = {}
    for entry in (entry for paths in _import_lists() for entry in paths):
        if entry and entry not in roots and os.path.isdir(entry):
            with contextlib.suppress(OSError):
                roots[entry] = os.open(entry, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    return roots


def _reach_imports_through(roots: dict[str, int]) -> None:
    """Reach the import paths that can no longer be entered (an interpreter installed
    below a private folder, such as /root/.pyenv, or below /tmp, which a private tmpfs
    now covers) through the descriptors opened before: ``/proc/self/fd/N`` leads into
    that folder alone."""
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


def harden(config: dict[str, Any]) -> dict[str, Any]:
    """Everything between "NumPy is imported" and "student code may run"; what the
    grader should know of it (a raised process limit)."""
    libc = _Libc()
    parent = os.getppid()
    roots = _open_import_roots()
    _isolate_files(libc, config)
    if config.get("user_namespace"):
        _enter_user_namespace(libc)
    uid: int | None = config.get("uid")
    gid: int = config.get("gid") or uid or 0
    if uid is not None:
        os.chown(config["scratch"], uid, gid)
    already = _set_limits(config.get("limits", {}), uid)
    # No setuid binary, file capability or exec can give the submission more rights.
    libc.prctl(libc.PR_SET_NO_NEW_PRIVS, 1, "set no_new_privs")
    if uid is not None:
        _drop_privileges(libc, uid, gid)
    elif config.get("drop_capabilities"):
        libc.drop_capabilities()
    _own_keyrings(libc, leased=uid is not None)
    _reach_imports_through(roots)
    # Die with the grader (set after the uid change, which clears it).
    libc.prctl(libc.PR_SET_PDEATHSIG, 9, "set the parent-death signal")
    if os.getppid() != parent:
        raise SystemExit("the grader is gone")
    return {} if already is None else {"processes_already": already}


def close_other_fds(keep: set[int]) -> None:
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
