"""Accumulator.add calls os._exit; double is correct."""

import os

import numpy as np


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        os._exit(1)
