"""double returns a plain list of 10^7 floats."""

import numpy as np


def double(x):
    return [0.5] * 10**7


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
