"""double calls sys.exit; Accumulator is correct."""

import sys

import numpy as np


def double(x):
    sys.exit(0)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
