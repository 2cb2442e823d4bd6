"""sigmoid_derivative computed as z * (1 - z): the formula for the activation, applied to z

s * (1 - s) is the derivative of the sigmoid written in terms of its OUTPUT s =
sigmoid(z). Many courses pass the cached activation to the derivative, and then
a * (1 - a) is right; this exercise passes the pre-activation z, so the same formula
gives nonsense (negative slopes, values far above 1/4). That is a clash of conventions,
not of calculus: compute s = sigmoid(z) first, then return s * (1 - s).
"""


def sigmoid_derivative(z):
    return z * (1 - z)
