"""leaky_relu_derivative is 0 for negative z: alpha is forgotten

This is the ReLU derivative, not the leaky one. The whole point of leaky ReLU is a
small slope alpha on the negative side, so that a unit with negative z still
passes some gradient back and cannot "die": the derivative is alpha there, not 0.
"""


def leaky_relu_derivative(z, alpha=0.01):
    return (np.asarray(z) > 0).astype(float)
