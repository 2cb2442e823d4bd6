"""leaky_relu_derivative returns leaky_relu itself (z and alpha * z) instead of 1 and alpha

The derivative of leaky ReLU is a step that only takes two values: 1 where z > 0
and alpha where z < 0. np.where(z > 0, z, alpha * z) is the function, not its slope.
"""


def leaky_relu_derivative(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * z)
