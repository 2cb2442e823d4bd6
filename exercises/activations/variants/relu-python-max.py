"""relu as Python's max(0, z), written for one number

It fails on every array with more than one entry; the feedback names relu-scalar-code
(which covers max, if/else and comprehensions) and nothing about modifying its input.

Expected: relu-scalar-code
"""


def relu(z):
    return max(0, z)
