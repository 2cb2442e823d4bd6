"""double returns a list nested 10000 levels deep."""

import numpy as np


def double(x):
    value = [2.0 * np.asarray(x, dtype=float)]
    for _ in range(10_000):
        value = [value]
    return value


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
