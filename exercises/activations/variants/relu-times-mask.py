"""relu as z * (z > 0)

Right for float input, integers for an integer z (relu-integer-dtype), and a new array.

Expected: relu-integer-dtype
"""


def relu(z):
    return z * (z > 0)
