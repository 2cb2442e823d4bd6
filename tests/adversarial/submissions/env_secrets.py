"""Looks for the grader's secrets (GRADE_SECRET) in its own environment, in the grader's
(/proc/<ppid>/environ) and in every process's. Returns correct values, raising BREACH
if the secret was found."""

import os

import numpy as np

NAME = b"GRADE_SECRET"


def _hunt():
    found = []
    if any(NAME.decode() in key for key in os.environ):
        found.append("os.environ")
    for entry in ["self", str(os.getppid()), *os.listdir("/proc")]:
        if not (entry == "self" or entry.isdigit()):
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                if NAME in handle.read():
                    found.append(f"/proc/{entry}/environ")
        except OSError:
            pass
    print("environment:", sorted(os.environ))
    return found


def double(x):
    found = _hunt()
    if found:
        raise RuntimeError("BREACH: secret in " + ", ".join(found[:5]))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
