"""leaky_relu and its derivative ignore the alpha they are given (0.01 is hard-coded)

alpha is a parameter: a caller who passes alpha=0.25 must get a slope of 0.25 on the
negative side. Use the argument alpha in the body instead of the fixed number 0.01: a
number written in the body is the same slope for every caller, whatever alpha they pass.

Forms: 0.01 as 0.001, 0.02, 0.05, 0.1, 0.2, 0.3
"""


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, 0.01 * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, 0.01)
