"""double raises; Accumulator is right."""

import numpy as np


def double(x):
    raise ValueError("not done yet")


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
