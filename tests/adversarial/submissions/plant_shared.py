"""Correct, but at import it leaves things where every user may write: a file, a
hidden file, a folder with a file and a FIFO in each world-writable folder of the
machine it can find, and System V shared memory, a semaphore set and a message queue
(keys 0x4752xxxx); it also tries to create a POSIX message queue. Prints what it made.
Nothing of it may outlive the grading."""

import ctypes
import os

import numpy as np

TAG = "grade-adversarial-plant-@@MARKER@@"
KEYS = (0x47520001, 0x47520002, 0x47520003)
libc = ctypes.CDLL(None, use_errno=True)


def _writable_folders():
    found = []
    for top in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock", "/run", "/var"):
        for folder in (top, *(os.path.join(top, n) for n in _names(top))):
            if os.path.isdir(folder) and os.access(folder, os.W_OK):
                found.append(folder)
    return sorted(set(found))


def _names(folder):
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _plant(folder):
    made = []
    for name in (TAG, "." + TAG):
        try:
            with open(os.path.join(folder, name), "w") as handle:
                handle.write("planted")
            made.append(name)
        except OSError:
            pass
    try:
        inner = os.path.join(folder, TAG + "-dir")
        os.makedirs(inner, exist_ok=True)
        with open(os.path.join(inner, "inside"), "w") as handle:
            handle.write("planted")
        os.mkfifo(os.path.join(inner, "fifo"))
        made.append(TAG + "-dir")
    except OSError:
        pass
    return made


for _folder in _writable_folders():
    print("planted in", _folder, _plant(_folder))
print("shm", libc.shmget(KEYS[0], 4096, 0o1600))  # IPC_CREAT | 0600
print("sem", libc.semget(KEYS[1], 1, 0o1600))
print("msg", libc.msgget(KEYS[2], 0o1600))
try:
    _rt = ctypes.CDLL("librt.so.1", use_errno=True)
    _rt.mq_open.restype = ctypes.c_int
    queue = _rt.mq_open(b"/" + TAG.encode(), os.O_CREAT | os.O_RDWR, 0o600, None)
    print("mq", "created" if queue >= 0 else "refused")
except OSError:
    print("mq", "no librt")


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
