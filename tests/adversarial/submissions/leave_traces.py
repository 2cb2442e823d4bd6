"""Correct, but at import it leaves what the next submission could pick up: a file in
every folder it can write to (its own scratch folder, its home, /tmp and its like, /,
/opt, /dev), System V shared memory anyone may read, a key in each keyring it can reach,
and a daemon listening on an abstract Unix socket. Prints where it left something."""

import ctypes
import os
import socket
import time

import numpy as np

TAG = "@@TAG@@"
FOLDERS = (".", os.environ.get("HOME", "."), "..", "/tmp", "/var/tmp", "/dev/shm",
           "/run/lock", "/dev/mqueue", "/", "/opt", "/dev", "/submission")  # fmt: skip
KEYRINGS = {"session": -3, "user": -4, "user-session": -5}
KEYCTL = {"x86_64": 250, "aarch64": 219}.get(os.uname().machine)
ADD_KEY = {"x86_64": 248, "aarch64": 217}.get(os.uname().machine)
libc = ctypes.CDLL(None, use_errno=True)
left = []

for _folder in FOLDERS:
    try:
        with open(os.path.join(_folder, TAG), "w") as _handle:
            _handle.write(TAG)
        left.append(_folder)
    except OSError:
        pass
_shm = libc.shmget(0x47520010, 4096, 0o1666)  # IPC_CREAT | 0666
if _shm >= 0:
    libc.shmat.restype = ctypes.c_void_p
    _address = libc.shmat(_shm, None, 0)
    if _address not in (None, ctypes.c_void_p(-1).value):
        ctypes.memmove(_address, TAG.encode(), len(TAG))
        left.append("shm")
for _name, _ring in KEYRINGS.items():
    if ADD_KEY is not None and libc.syscall(ADD_KEY, b"user", TAG.encode(), b"x", 1, _ring) > 0:
        left.append(f"keyring {_name}")
_listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
_listener.bind("\0" + TAG)
_listener.listen(8)
if os.fork() == 0:  # the daemon keeps the socket open
    os.setsid()
    if os.fork() == 0:
        time.sleep(120)
    os._exit(0)
os.wait()
left.append("socket")
print("left:", ", ".join(left))


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
