"""Accumulator.add calls sys.exit(); double is right."""

import sys

import numpy as np


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        sys.exit(3)
