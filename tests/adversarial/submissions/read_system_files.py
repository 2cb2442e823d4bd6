"""Reads files outside the scratch folder. /etc/passwd is public on the host; root's
secrets (/etc/shadow, the environment of pid 1, root's home) must stay out of reach."""

import os

import numpy as np

SECRET = ["/etc/shadow", "/root/.bash_history", "/root/.ssh"]


def _probe():
    stolen = []
    # PID 1's environment: the machine's init, or, in a PID namespace, the sandbox's own
    # init (bubblewrap's, or this process), started with the scrubbed environment. It
    # counts as stolen when it holds what the grader's environment holds.
    try:
        with open("/proc/1/environ", "rb") as handle:
            if b"GRADE_SECRET" in handle.read():
                stolen.append("/proc/1/environ")
    except OSError:
        pass
    for path in SECRET:
        try:
            if os.path.isdir(path):
                os.listdir(path)
            else:
                with open(path, "rb") as handle:
                    handle.read(1)
            stolen.append(path)
        except OSError:
            pass
    try:
        with open("/etc/passwd") as handle:
            print("passwd: readable,", len(handle.read()), "bytes")
    except OSError as error:
        print("passwd:", type(error).__name__)
    return stolen


def double(x):
    stolen = _probe()
    if stolen:
        raise RuntimeError("BREACH: read " + ", ".join(stolen))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
