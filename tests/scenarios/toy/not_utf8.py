"""Café: saved as Latin-1, not UTF-8."""


def double(x):
    return 2 * x
