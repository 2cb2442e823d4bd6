"""Correct, and prints who it runs as (for the privilege checks)."""

import numpy as np

with open("/proc/self/status") as handle:
    for line in handle:
        if line.split(":")[0] in ("Uid", "Gid", "Groups", "CapEff", "CapBnd", "NoNewPrivs"):
            print(line.strip())


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
