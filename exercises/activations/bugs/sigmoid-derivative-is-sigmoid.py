"""sigmoid_derivative returns sigmoid(z) instead of s * (1 - s)

The slope of the sigmoid is s * (1 - s) with s = sigmoid(z): at most 1/4 (at z = 0)
and close to 0 for large |z|, where the sigmoid saturates. Returning sigmoid(z)
itself gives 1/2 at z = 0 and almost 1 for large z.
"""


def sigmoid_derivative(z):
    return sigmoid(z)
