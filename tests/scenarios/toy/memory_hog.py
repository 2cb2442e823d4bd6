"""double eats memory without bound on 2x5 inputs; everything else is right."""

import numpy as np


def double(x):
    x = np.asarray(x, dtype=float)
    if x.shape == (2, 5):
        hog = []
        while True:
            hog.append(np.empty(50 * 1024 * 1024 // 8))  # address space, fast to take
    return 2.0 * x


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
