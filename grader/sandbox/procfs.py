"""Reading the process table from /proc: who runs, as whom, under which parent.

One reader for the sandbox's clean-up and for the tests that check it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
from dataclasses import dataclass

PR_SET_CHILD_SUBREAPER = 36  # Linux prctl: adopt orphaned descendants


@dataclass(frozen=True)
class ProcessInfo:
    """One process, as /proc shows it."""

    pid: int
    parent: int
    state: str  # R, S, D, Z (zombie), X (dead), ...
    uid: int  # the effective uid: the owner of /proc/<pid>
    cmdline: str  # the command line, arguments joined by spaces (at most 300 characters)

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
    return ProcessInfo(pid, int(fields[1]), fields[0].decode(), owner, cmdline)


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


def set_subreaper(on: bool) -> bool:
    """Adopt (or stop adopting) orphaned descendants, so that a process a grading run
    leaves behind stays a descendant of this one. False where Linux refuses."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False
