"""leaky_relu_derivative filling a float array of ones with alpha where z <= 0

np.ones_like(z, dtype=float) asks for floats, so an integer z keeps alpha: right for
every input, and it must not be told that it loses alpha (leaky-relu-derivative-keeps-dtype)
or hard-codes a slope (leaky-relu-ignores-alpha).

Expected: none
"""


def leaky_relu_derivative(z, alpha=0.01):
    d = np.ones_like(z, dtype=float)
    d[np.asarray(z) <= 0] = alpha
    return d
