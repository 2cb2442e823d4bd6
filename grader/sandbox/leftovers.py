"""What a sandbox uid leaves outside its scratch folder, found by owner and removed.

Under root without namespaces (the process backend) a submission runs as a leased uid
and shares the machine's world-writable directories and System V IPC with everything
else. When its lease ends, whatever that uid owns there is deleted: files and folders
in every world-writable directory (found by one walk of the machine's file systems per
boot, remembered in the cache), and its shared memory segments, semaphore sets and
message queues. POSIX message queues cannot be created at all (RLIMIT_MSGQUEUE is 0).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import stat
import time
from collections.abc import Iterator

from grader import cache
from grader.sandbox.runtime.cleanup import remove_tree

KNOWN_SHARED = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock")
WALK_SECONDS = 20.0  # a walk of the machine that takes longer keeps what it found
WRITABLE_DIRS = "writable-dirs"  # the cache's kind for the walk's findings

# File systems with nothing a process can leave files in (or too slow to walk).
_SKIPPED_TYPES = {
    "proc", "sysfs", "cgroup", "cgroup2", "debugfs", "tracefs", "securityfs", "pstore",
    "bpf", "configfs", "fusectl", "binfmt_misc", "autofs", "devpts", "mqueue", "hugetlbfs",
    "nfs", "nfs4", "cifs", "smb3", "fuse", "fuse.sshfs", "9p", "efivarfs", "nsfs", "ramfs",
}  # fmt: skip
IPC_RMID = 0


def remove_files_of(uid: int) -> None:
    """Delete what ``uid`` owns in the machine's world-writable directories."""
    for directory in writable_directories():
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in list(entries):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_uid == uid:
                        remove_tree(entry.path)  # however deep; bounded, never raises


def writable_directories() -> list[str]:
    """Every directory anyone may write in, on the machine's local file systems."""
    key = f"{_boot_id()}\0{_mounts_digest()}"
    for line in cache.recall(WRITABLE_DIRS):
        found, _, paths = line.partition("\n")
        if found == key:
            return paths.split("\n") if paths else []
    directories = sorted(set(_walk_writable()) | {d for d in KNOWN_SHARED if _writable(d)})
    cache.store(WRITABLE_DIRS, ["\n".join([key, *directories])])
    return directories


def _walk_writable() -> Iterator[str]:
    deadline = time.monotonic() + WALK_SECONDS
    for mount in _local_mounts():
        device = _device(mount)
        stack = [mount]
        while stack and time.monotonic() < deadline:
            folder = stack.pop()
            with contextlib.suppress(OSError), os.scandir(folder) as entries:
                for entry in entries:
                    with contextlib.suppress(OSError):
                        info = entry.stat(follow_symlinks=False)
                        if not stat.S_ISDIR(info.st_mode) or info.st_dev != device:
                            continue
                        if info.st_mode & stat.S_IWOTH:
                            yield entry.path
                        stack.append(entry.path)
        if _writable(mount):
            yield mount


def _writable(path: str) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and bool(info.st_mode & stat.S_IWOTH)


def _device(path: str) -> int:
    try:
        return os.lstat(path).st_dev
    except OSError:
        return -1


def _local_mounts() -> list[str]:
    mounts = []
    with contextlib.suppress(OSError), open("/proc/self/mountinfo") as handle:
        for line in handle:
            fields = line.split()
            if " - " not in line or len(fields) < 5:
                continue
            kind = line.split(" - ", 1)[1].split()[0]
            point = fields[4].replace("\\040", " ")
            if kind not in _SKIPPED_TYPES and not point.startswith(("/proc", "/sys")):
                mounts.append(point)
    return mounts


def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id") as handle:
            return handle.read().strip()
    except OSError:
        return "unknown boot"


def _mounts_digest() -> str:
    return cache.fingerprint(*_local_mounts())


def remove_ipc_of(uid: int) -> None:
    """Delete the System V IPC objects ``uid`` created or owns (in this IPC namespace)."""
    libc = _libc()
    if libc is None:
        return
    calls = {"shm": libc.shmctl, "sem": libc.semctl, "msg": libc.msgctl}
    for kind, call in calls.items():
        for ident in _ipc_of(kind, uid):
            # shmctl(id, IPC_RMID, NULL), semctl(id, 0, IPC_RMID), msgctl(id, IPC_RMID, NULL)
            arguments = (0, IPC_RMID) if kind == "sem" else (IPC_RMID, None)
            call(ident, *arguments)


def _ipc_of(kind: str, uid: int) -> list[int]:
    """The ids of ``kind`` objects (shm, sem, msg) whose owner or creator is ``uid``."""
    try:
        with open(f"/proc/sysvipc/{kind}") as handle:
            header, *rows = handle.read().splitlines()
    except (OSError, ValueError):
        return []
    names = header.split()
    found = []
    for row in rows:
        values = dict(zip(names, row.split(), strict=False))
        with contextlib.suppress(KeyError, ValueError):
            if uid in (int(values["uid"]), int(values["cuid"])):
                found.append(int(values[{"shm": "shmid", "sem": "semid", "msg": "msqid"}[kind]]))
    return found


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
