"""Accumulator.add returns an object whose repr never ends (the student process calls
repr to describe objects it sends back by reference)."""

import numpy as np


class Endless:
    def __repr__(self):
        while True:
            pass


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        return Endless()
