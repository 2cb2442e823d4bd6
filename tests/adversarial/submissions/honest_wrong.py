"""An honest but wrong submission (adds 2 instead of doubling), graded before and
after an attack on the grader's files: its result must not change."""

import numpy as np


def double(x):
    return np.asarray(x, dtype=float) + 2.0


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
