"""double recurses without end (RecursionError); Accumulator.add raises the recursion
limit and recurses through C (map), so the C stack overflows and the process crashes."""

import sys


def double(x):
    return double(x)


class Accumulator:
    def __init__(self, n):
        self.n = n

    def add(self, x):
        sys.setrecursionlimit(10**8)

        def down(depth):
            return next(map(down, (depth + 1,)))

        return down(0)
