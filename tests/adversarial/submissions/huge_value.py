"""double returns a 1e9-element array that costs no memory in the student process (a
broadcast view) but 8 GB once copied to be sent."""

import numpy as np


def double(x):
    return np.broadcast_to(np.float64(0.0), (10**9,))


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
