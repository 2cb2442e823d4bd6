"""Goes after the other processes of its sandbox's machine: the fork server it was
forked from and another student process forked from it (the exercise's provided code
runs beside the student's). ``look`` lists the processes it can see; ``attack`` tries
PTRACE_ATTACH and /proc/<pid>/mem on each of them, then sends SIGKILL to every pid up
to 65536 but its own (and to -1), and returns what worked: the processes it traced or
whose memory it opened, and those it killed (that are gone afterwards).
``children(n)`` starts n sleeping children and returns how many the limit let start."""

import contextlib
import ctypes
import os
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long


def look():
    return sorted(int(entry) for entry in os.listdir("/proc") if entry.isdigit())


def attack():
    me, worked = os.getpid(), []
    for pid in look():
        if pid != me and libc.ptrace(16, pid, None, None) == 0:  # PTRACE_ATTACH
            worked.append(f"ptrace {pid}")
        with contextlib.suppress(OSError), open(f"/proc/{pid}/mem", "rb"):
            if pid != me:
                worked.append(f"mem {pid}")
    with open("/proc/sys/kernel/pid_max") as handle:
        highest = min(int(handle.read()), 1 << 16)
    signalled = []
    for pid in range(1, highest):
        if pid != me:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
                signalled.append(pid)
    with contextlib.suppress(OSError):
        os.kill(-1, 9)
    time.sleep(0.2)
    return worked + [f"killed {pid}" for pid in signalled if not os.path.exists(f"/proc/{pid}")]


def children(count):
    started = 0
    for _ in range(count):
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            os.setsid()
            time.sleep(60)
            os._exit(0)
        started += 1
    return started
