"""Prints megabytes of output; results are right."""

import sys

import numpy as np

print("x" * (4 * 1024 * 1024))
sys.stderr.write("e" * (4 * 1024 * 1024))


def double(x):
    print("y" * (1024 * 1024))
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
