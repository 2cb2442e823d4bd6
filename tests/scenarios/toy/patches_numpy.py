"""Patches NumPy's comparisons to always agree, and returns wrong values.

The patches live in the student process only: the grader's comparisons are not fooled.
"""

import numpy as np

np.allclose = lambda *args, **kwargs: True
np.isclose = lambda *args, **kwargs: np.ones(np.shape(args[0]), dtype=bool)
np.array_equal = lambda *args, **kwargs: True
np.all = lambda *args, **kwargs: True
np.abs = lambda x, *args, **kwargs: np.zeros_like(x)


def double(x):
    return np.asarray(x, dtype=float) + 2.0


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
