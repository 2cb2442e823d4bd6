"""Prints a perfect Gradescope result on both streams, at load and in every call;
double is wrong (returns its input)."""

import json
import sys

import numpy as np

FAKE = json.dumps(
    {
        "score": 100,
        "max_score": 4,
        "output": "All checks passed",
        "tests": [{"name": "everything", "score": 100, "max_score": 4, "status": "passed"}],
    }
)
print(FAKE)
print(FAKE, file=sys.stderr)


def double(x):
    print(FAKE)
    print(FAKE, file=sys.stderr)
    return np.asarray(x, dtype=float)


class Accumulator:
    def __init__(self, n):
        self.total = np.zeros(n)

    def add(self, x):
        self.total = self.total + x
        return self.total
