"""Writes its own frames on the reply pipe instead of returning: garbage bytes, a frame
announcing a 1 TB buffer, an array header with an impossible shape, and a reply whose
fields have the wrong types. Every check must end in a protocol error."""

import json
import os
import struct
import time

import numpy as np


def _reply_pipe():
    """The write end of a pipe that is not stdout or stderr: the grader's reply channel."""
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        try:  # (the descriptor listdir itself used is gone by now)
            if fd <= 2 or not os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                continue
            with open(f"/proc/self/fdinfo/{fd}") as info:
                flags = int(info.read().split("flags:")[1].split()[0], 8)
        except OSError:
            continue
        if flags & 0o3 == 0o1:  # O_WRONLY
            return fd
    raise SystemExit("no reply pipe")


FD_OUT = _reply_pipe()


def frame(header, buffers=()):
    text = json.dumps(header).encode()
    lengths = struct.pack(f"<{len(buffers)}Q", *(len(b) for b in buffers))
    head = struct.pack("<4sII", b"GRD2", len(text), len(buffers))
    return head + lengths + text + b"".join(buffers)


def forge(data):
    os.write(FD_OUT, data)
    time.sleep(30)  # never answer for real


def double(x):
    x = np.asarray(x)
    if x.shape == (2,):
        forge(b"NOPE" + os.urandom(64))
    if x.shape == (3, 4):
        forge(struct.pack("<4sII", b"GRD2", 2, 1) + struct.pack("<Q", 1 << 40) + b"{}")
    impossible = {"$nd": 0, "dtype": "<f8", "shape": [2**62, 2**62, 0]}
    forge(frame({"ok": True, "value": impossible, "args": [impossible]}, [b""]))


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        forge(frame({"ok": True, "value": 1.0, "args": 5, "kwargs": [1]}))
