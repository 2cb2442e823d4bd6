"""tanh_derivative returns tanh(z) itself instead of its slope 1 - tanh(z)**2

The derivative of a function is its slope, not the function again. tanh's slope is
1 - tanh(z)**2: 1 at z = 0, where tanh is steepest, and close to 0 for large |z|, where
tanh flattens out at -1 and 1. tanh(z) itself is 0 at z = 0 and negative for negative z,
and no slope of an increasing function is ever negative.
"""


def tanh_derivative(z):
    return np.tanh(z)
