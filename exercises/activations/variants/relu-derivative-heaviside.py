"""relu_derivative as np.heaviside(z, 0): the step function, 0 at z == 0, as floats

Expected: none
"""


def relu_derivative(z):
    return np.heaviside(z, 0.0)
