"""Loops forever while the module is loaded."""

import numpy as np

while True:
    pass


def double(x):
    return 2.0 * np.asarray(x, dtype=float)
