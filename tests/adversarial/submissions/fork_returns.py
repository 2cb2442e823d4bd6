"""Correct, but each call forks and both copies return: a child that forgets
``os._exit`` (or whose exec failed) goes on as if it were the student process, and
would answer the grader's requests too."""

import os

import numpy as np


def double(x):
    os.fork()
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        os.fork()
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
