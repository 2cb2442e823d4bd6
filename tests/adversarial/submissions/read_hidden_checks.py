"""Reads the hidden checks: of the exercise being graded, and of the toy fixture in the
repository. Returns correct values, raising BREACH if any could be read."""

import os

import numpy as np

TARGETS = ["@@EXERCISE@@/checks/hidden.py", "@@FIXTURE@@/checks/hidden.py"]


def _read():
    stolen = []
    for path in TARGETS:
        try:
            with open(path) as handle:
                if "def " in handle.read():
                    stolen.append(path)
        except OSError as error:
            print(path, "->", type(error).__name__)
    try:
        print("exercise folder:", os.listdir("@@EXERCISE@@"))
    except OSError as error:
        print("exercise folder ->", type(error).__name__)
    return stolen


def double(x):
    stolen = _read()
    if stolen:
        raise RuntimeError("BREACH: read " + ", ".join(stolen))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
