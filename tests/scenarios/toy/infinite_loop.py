"""double loops forever on 2x5 inputs only (the "leaves its input alone" check)."""

import numpy as np


def double(x):
    x = np.asarray(x, dtype=float)
    if x.shape == (2, 5):
        while True:
            pass
    return 2.0 * x


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
