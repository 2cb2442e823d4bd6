"""double returns a column instead of an array of the input's shape."""

import numpy as np


def double(x):
    return (2.0 * np.asarray(x, dtype=float)).reshape(-1, 1)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
