"""Finding and killing what a student process left behind, and leasing sandbox uids.

Under root every live sandbox runs as its own uid (61000-61999), leased through a lock
file shared by every grader on the machine, so that everything a submission started can
be found and killed by uid, however it detached itself. Without root, leftovers are
found by the scratch directory they work in or were started for.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path

from grader.errors import SandboxError
from grader.sandbox.backends import SANDBOX_UID, SANDBOX_UIDS
from grader.sandbox.procfs import descendants_of, process_table, processes_of

DYING_SECONDS = 30.0  # how long a killed sandbox's processes may take to exit


def mount_namespace() -> int | None:
    try:
        return os.stat("/proc/self/ns/mnt").st_ino
    except OSError:
        return None


def _lease_directory() -> Path:
    for base in ("/run", tempfile.gettempdir()):
        directory = Path(base) / "grade-sandbox-uids"
        with contextlib.suppress(OSError):
            directory.mkdir(mode=0o700, exist_ok=True)
            info = os.lstat(directory)
            if stat.S_ISDIR(info.st_mode) and info.st_uid == 0 and not info.st_mode & 0o077:
                return directory
    raise SandboxError("no safe directory for the sandbox uid locks (/run/grade-sandbox-uids)")


def lease_uid() -> tuple[int, int] | None:
    """A sandbox uid locked for this process's lifetime, and the lock's descriptor.

    The lock (flock on a file per uid) is shared by every grader on the machine, so
    two submissions graded at once never share a uid and cannot signal each other.
    """
    if os.geteuid() != 0:
        return None
    directory = _lease_directory()
    start = os.getpid() % SANDBOX_UIDS
    for step in range(SANDBOX_UIDS):
        uid = SANDBOX_UID + (start + step) % SANDBOX_UIDS
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(directory / f"{uid}.lock", flags, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        return uid, fd
    raise SandboxError(f"all {SANDBOX_UIDS} sandbox uids are in use")


def kill_uid(uid: int) -> None:
    """Kill every process running as ``uid``, however it detached itself.

    The processes found are killed one by one first: that ends an ordinary submission
    at once. When some are still there after that (a fork bomb outrunning the scan),
    ``kill(-1, SIGKILL)`` sent *as* that uid reaches all of them in one atomic sweep.
    """
    killer = shutil.which("kill", path="/usr/bin:/bin")
    # A killed process can take seconds to exit (freeing a tmpfs of a million files):
    # wait for it, so that nothing of a submission outlives its grading.
    deadline = time.monotonic() + DYING_SECONDS
    for attempt in itertools.count():
        pids = processes_of(uid)
        if not pids or time.monotonic() > deadline:
            return
        if killer is not None and attempt > 0:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(
                    [killer, "-9", "-1"],
                    user=uid,
                    group=uid,
                    extra_groups=[],
                    env={},
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=5,
                    check=False,
                )
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(min(0.001 * 2 ** min(attempt, 6), 0.05))  # dying processes need a moment


def kill_marked(scratch: str) -> None:
    """Without root: kill our own processes that work in, or were started for, ``scratch``.

    This finds daemons that left the process group unless they also changed their
    directory and environment on purpose (a limitation listed in SECURITY.md).
    """
    marker = scratch.encode()
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            cwd = os.readlink(f"/proc/{entry}/cwd")
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                cmdline = handle.read()
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environ = handle.read()
        except OSError:
            continue
        if (
            cwd == scratch
            or cwd.startswith(scratch + "/")
            or marker in cmdline
            or marker in environ
        ):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry), signal.SIGKILL)


def kill_tree(pid: int) -> None:
    """Kill ``pid`` and every process below it, however it detached itself from the
    process group or the session (the tree is read before anything is killed)."""
    for member in [*reversed(descendants_of(pid)), pid]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(member, signal.SIGKILL)


def kill_adopted(ours: set[int], since: int) -> None:
    """Kill what this process adopted as a subreaper since ``since`` (clock ticks since
    boot): children it never started are orphans a submission left (a daemon that
    double-forked), whatever they did to their directory, environment or dumpability."""
    me = os.getpid()
    for info in process_table().values():
        if info.parent == me and info.pid not in ours and info.start >= since:
            for member in [*reversed(descendants_of(info.pid)), info.pid]:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(member, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(info.pid, 0)
