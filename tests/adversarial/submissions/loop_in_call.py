"""Accumulator.add never returns; everything else is correct."""

import numpy as np


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        while True:
            pass
