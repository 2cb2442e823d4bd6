"""Reading the process table from /proc: who runs, as whom, under which parent.

One reader for the sandbox's clean-up and for the tests that check it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import time
from dataclasses import dataclass

PR_SET_CHILD_SUBREAPER = 36  # Linux prctl: adopt orphaned descendants
PR_GET_CHILD_SUBREAPER = 37
PR_SET_DUMPABLE = 4


@dataclass(frozen=True)
class ProcessInfo:
    """One process, as /proc shows it."""

    pid: int
    parent: int
    state: str  # R, S, D, Z (zombie), X (dead), ...
    uid: int  # the effective uid: the owner of /proc/<pid>
    cmdline: str  # the command line, arguments joined by spaces (at most 300 characters)
    start: int = 0  # when it started, in clock ticks since boot

    @property
    def alive(self) -> bool:
        return self.state not in ("Z", "X")


def process_info(pid: int) -> ProcessInfo | None:
    """One process, or None if it is gone."""
    try:
        owner = os.stat(f"/proc/{pid}").st_uid
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()  # the name may hold spaces
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            raw = handle.read(4096)
    except (OSError, IndexError):
        return None
    cmdline = raw.replace(b"\0", b" ").decode("utf-8", errors="replace").strip()[:300]
    start = int(fields[19]) if len(fields) > 19 else 0
    return ProcessInfo(pid, int(fields[1]), fields[0].decode(), owner, cmdline, start)


def process_table() -> dict[int, ProcessInfo]:
    """Every process this one can see."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = process_info(int(entry))
            if info is not None:
                table[info.pid] = info
    return table


def processes_of(uid: int) -> list[int]:
    """Live (not zombie) processes whose effective uid is ``uid``.

    The owner of /proc/<pid> is always the effective uid (unlike the files in it), and
    under no_new_privs a sandbox process cannot change its uids.
    """
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError):
            if os.stat(f"/proc/{entry}").st_uid != uid:
                continue
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
            if state not in (b"Z", b"X"):
                found.append(int(entry))
    return found


def descendants_of(pid: int, table: dict[int, ProcessInfo] | None = None) -> list[int]:
    """Every live process below ``pid``, deepest last."""
    table = process_table() if table is None else table
    children: dict[int, list[int]] = {}
    for info in table.values():
        children.setdefault(info.parent, []).append(info.pid)
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found and table[child].alive:
                found.append(child)
                stack.append(child)
    return found


def tree_of(pid: int) -> dict[int, int]:
    """``pid`` and every live process below it, each with its start time (which tells
    it from a later process that reuses its pid)."""
    table = process_table()
    return {
        member: table[member].start
        for member in [pid, *descendants_of(pid, table)]
        if member in table and table[member].alive
    }


def wait_gone(tree: dict[int, int], seconds: float) -> bool:
    """Wait until every process of ``tree`` (from ``tree_of``) has exited; False if
    some still run after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        left = {}
        for pid, start in tree.items():
            info = process_info(pid)
            if info is not None and info.alive and info.start == start:
                left[pid] = start
        if not left:
            return True
        if time.monotonic() > deadline:
            return False
        tree = left
        time.sleep(0.02)


def boot_ticks() -> int:
    """Now, in the clock ticks since boot that ``ProcessInfo.start`` counts."""
    with open("/proc/uptime") as handle:
        return int(float(handle.read().split()[0]) * os.sysconf("SC_CLK_TCK"))


def set_undumpable() -> None:
    """Make this process non-dumpable: a process of the same user (a submission run
    without a uid of its own) can then neither trace it nor read or write its memory."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def is_subreaper() -> bool:
    """Whether this process adopts its orphaned descendants."""
    try:
        flag = ctypes.c_int(0)
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_GET_CHILD_SUBREAPER, ctypes.byref(flag), 0, 0, 0) == 0 and flag)
    except (OSError, AttributeError):
        return False


def set_subreaper(on: bool) -> bool:
    """Adopt (or stop adopting) orphaned descendants, so that a process a grading run
    leaves behind stays a descendant of this one. False where Linux refuses."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False
