"""Correct, and at import it looks for what ``leave_traces.py`` left before it, printing
BREACH for each thing it finds (one student's result must never depend on another's)."""

import ctypes
import os
import socket

import numpy as np

TAG = "@@TAG@@"
FOLDERS = (".", os.environ.get("HOME", "."), "..", "/tmp", "/var/tmp", "/dev/shm",
           "/run/lock", "/dev/mqueue", "/", "/opt", "/dev", "/submission")  # fmt: skip
KEYRINGS = {"session": -3, "user": -4, "user-session": -5}
KEYCTL = {"x86_64": 250, "aarch64": 219}.get(os.uname().machine)
libc = ctypes.CDLL(None, use_errno=True)

for _folder in FOLDERS:
    if os.path.exists(os.path.join(_folder, TAG)):
        print("BREACH: a file in", _folder)
if libc.shmget(0x47520010, 0, 0) >= 0:
    print("BREACH: shared memory")
for _name, _ring in KEYRINGS.items():
    if KEYCTL is not None and libc.syscall(KEYCTL, 10, _ring, b"user", TAG.encode(), 0) > 0:
        print("BREACH: a key in the", _name, "keyring")  # KEYCTL_SEARCH found it
try:
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).connect("\0" + TAG)
    print("BREACH: the socket answered")
except OSError:
    pass
print("looked")


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
