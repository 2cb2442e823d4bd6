"""relu that converts z to floats, then zeroes its negative entries in place

np.asarray(z, dtype=float) makes a copy only when z is not already float64: a float z is
modified in place (relu-in-place), an integer z is copied and comes back as floats. So it
must be told that it changes its input, and never that it returns integers.

Expected: relu-in-place
"""


def relu(z):
    z = np.asarray(z, dtype=float)  # noqa: F821
    z[z < 0] = 0
    return z
