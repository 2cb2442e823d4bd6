"""Honest, and it needs its scratch folder: at import it writes 8 MiB there and reads
it back (a notebook saving a figure or a checkpoint does as much)."""

import numpy as np

with open("checkpoint.bin", "wb") as _handle:
    _handle.write(b"\1" * (8 << 20))
with open("checkpoint.bin", "rb") as _handle:
    assert len(_handle.read()) == 8 << 20


def double(x):
    return 2.0 * np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
