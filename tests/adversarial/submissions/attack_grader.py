"""Goes after the grader's process: SIGKILL to the parent, to every process it may
signal (kill -1), to every process that looks like the grader; ptrace attach and
/proc/<pid>/mem of each. Returns correct values, raising BREACH if anything worked."""

import contextlib
import ctypes
import os
import time

import numpy as np

SIGKILL = 9
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long


def _grader_pids():
    pids = set()
    if os.getppid() > 1:
        pids.add(os.getppid())
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                cmdline = handle.read()
        except OSError:
            continue
        if b"grade" in cmdline or b"pytest" in cmdline:
            pids.add(int(entry))
    return sorted(pids)


def _gone(pid):
    time.sleep(0.1)
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except OSError:
        return True


def _attack():
    breaches = []
    targets = _grader_pids()
    print("targets:", targets)
    for pid in targets:
        if libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH
            breaches.append(f"ptrace attached to {pid}")
            libc.ptrace(17, pid, None, None)  # PTRACE_DETACH
        try:
            with open(f"/proc/{pid}/mem", "rb"):
                breaches.append(f"opened /proc/{pid}/mem")
        except OSError:
            pass
        try:
            with open(f"/proc/{pid}/environ", "rb") as handle:
                if handle.read():
                    breaches.append(f"read /proc/{pid}/environ")
        except OSError:
            pass
    for pid in targets:
        try:
            os.kill(pid, SIGKILL)
        except OSError:
            continue
        if _gone(pid):  # PID 1 of a namespace ignores it from inside: no breach then
            breaches.append(f"killed {pid}")
    with contextlib.suppress(OSError):
        os.kill(-1, SIGKILL)  # every process this uid may signal (not itself)
    return breaches


def double(x):
    breaches = _attack()
    if breaches:
        raise RuntimeError("BREACH: " + "; ".join(breaches))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
