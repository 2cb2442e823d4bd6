"""double returns its input (wrong) as an ndarray subclass that claims equality with
everything, lies about its shape, and offers the right values through __array__."""

import numpy as np


class Liar(np.ndarray):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array__(self, dtype=None, copy=None):
        return 2.0 * self.view(np.ndarray)

    @property
    def shape(self):
        return (3, 4)


def double(x):
    return np.asarray(x, dtype=float).copy().view(Liar)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
