"""relu_derivative as np.zeros_like(z) with ones where z > 0, as much real code writes it

np.zeros_like keeps the dtype of z: right for floats, integers for an integer z. On the
integer check it does exactly what np.where(z > 0, 1, 0) does too, but that one returns
integers for float z as well, which this code does not: only the dtype-keeping bug fits.

Expected: relu-derivative-keeps-dtype
"""


def relu_derivative(z):
    d = np.zeros_like(z)  # noqa: F821
    d[z > 0] = 1
    return d
