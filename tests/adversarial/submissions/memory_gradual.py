"""Accumulator.add grows memory 1 MB at a time until something gives."""

import numpy as np

HOARD = []


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        while True:
            HOARD.append(bytearray(1 << 20))
