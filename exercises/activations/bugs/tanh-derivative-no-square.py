"""tanh_derivative computed as 1 - tanh(z), without the square

The slope of tanh is 1 - tanh(z)**2. Without the square the result is wrong
everywhere except at z = 0: for negative z it even exceeds 1, the largest slope
tanh has.
"""


def tanh_derivative(z):
    return 1 - np.tanh(z)
