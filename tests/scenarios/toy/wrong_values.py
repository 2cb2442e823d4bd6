"""double adds 2 instead of doubling (the catalogued bug "double-adds")."""

import numpy as np


def double(x):
    return np.asarray(x, dtype=float) + 2.0


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
