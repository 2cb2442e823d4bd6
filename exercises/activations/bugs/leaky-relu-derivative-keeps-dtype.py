"""leaky_relu_derivative fills np.ones_like(z) with alpha, so an integer z loses alpha

np.ones_like(z) has the dtype of z. For a float z that is right, but for an integer z
the array holds integers, and writing alpha = 0.01 into it stores int(0.01) = 0: the
slope on the negative side silently becomes 0. Ask for floats, np.ones_like(z,
dtype=float), or write np.where(z > 0, 1.0, alpha).
"""


def leaky_relu_derivative(z, alpha=0.01):
    d = np.ones_like(z)
    d[np.asarray(z) <= 0] = alpha
    return d
