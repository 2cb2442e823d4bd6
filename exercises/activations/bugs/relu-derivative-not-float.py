"""relu_derivative returns booleans (z > 0) instead of floats

A comparison such as z > 0 gives an array of True/False. NumPy will often treat
True as 1 in arithmetic, but the derivative is a number: return a float array of
0.0 and 1.0, for example (z > 0).astype(float).
"""


def relu_derivative(z):
    return z > 0
