"""sigmoid_derivative returns s * (1 - z): the sigmoid s mixed with its input z

The slope of the sigmoid is s * (1 - s), both factors the sigmoid's output s =
sigmoid(z). s * (1 - z) puts the input z in the second factor: it is right only at
z = 0 by chance, and for z > 1 it is even negative, which no slope of the increasing
sigmoid can be. Compute s once and use it in both places.
"""


def sigmoid_derivative(z):
    s = sigmoid(z)  # noqa: F821
    return s * (1.0 - z)
