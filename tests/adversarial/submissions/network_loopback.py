"""Connects to a port the grader's machine listens on (127.0.0.1). Uses raw system calls
through ctypes, which NumPy has already loaded, so a missing socket module is no excuse.
Returns correct values, raising BREACH if the connection was made."""

import ctypes
import os
import struct
import time

import numpy as np

PORT = int("@@PORT@@")
libc = ctypes.CDLL(None, use_errno=True)


def connect(ip, port, timeout):
    """'connected', 'failed: <reason> after <s>' or 'timed out'."""
    fd = libc.socket(2, 1, 0)  # AF_INET, SOCK_STREAM
    if fd < 0:
        return f"failed: socket: {os.strerror(ctypes.get_errno())} after 0 s"
    try:
        os.set_blocking(fd, False)
        address = struct.pack("=H", 2) + struct.pack("!H", port)
        address += bytes(int(part) for part in ip.split(".")) + bytes(8)
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if libc.connect(fd, address, len(address)) == 0:
                return "connected"
            error = ctypes.get_errno()
            if error == 106:  # EISCONN
                return "connected"
            if error not in (114, 115):  # EALREADY, EINPROGRESS
                return f"failed: {os.strerror(error)} after {time.monotonic() - start:.3f} s"
            time.sleep(0.01)
        return "timed out"
    finally:
        os.close(fd)


def double(x):
    outcome = connect("127.0.0.1", PORT, 1.0)
    print("127.0.0.1:", outcome)
    if outcome == "connected":
        raise RuntimeError(f"BREACH: connected to 127.0.0.1:{PORT}")
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
