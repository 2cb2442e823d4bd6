"""Accumulator asks for an 80 GB array; everything else is correct."""

import numpy as np


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.ones((100_000, 100_000))  # 1e10 float64: 80 GB

    def add(self, x):
        self.total = self.total + x
        return self.total
