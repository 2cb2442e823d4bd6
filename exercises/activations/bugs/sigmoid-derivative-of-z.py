"""sigmoid_derivative computed as z * (1 - z) instead of s * (1 - s)

The formula s * (1 - s) is written in terms of the sigmoid's OUTPUT s = sigmoid(z),
not its input z. z * (1 - z) is only right if you are handed the activation
a = sigmoid(z); here the argument is z, so compute s = sigmoid(z) first.
"""


def sigmoid_derivative(z):
    return z * (1 - z)
