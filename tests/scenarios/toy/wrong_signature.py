"""double takes two arguments; Accumulator is right."""

import numpy as np


def double(x, factor):
    return factor * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
