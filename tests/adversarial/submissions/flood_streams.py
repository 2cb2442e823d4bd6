"""Correct, but the first call writes 100 MB to stdout and 100 MB to stderr."""

import os
import sys

import numpy as np

FLOODED = []
CHUNK = b"x" * (1 << 20)


def double(x):
    if not FLOODED:
        FLOODED.append(True)
        for _ in range(100):
            sys.stdout.write("y" * (1 << 20))
            os.write(2, CHUNK)
        sys.stdout.flush()
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
