"""leaky_relu and its derivative ignore the alpha they are given (0.01 is hard-coded)

alpha is a parameter: a caller who passes alpha=0.2 must get a slope of 0.2 on the
negative side. Use the argument alpha in the body instead of the number 0.01,
which is only its default value.
"""


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, 0.01 * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, 0.01)
