"""tanh_derivative computed as 1 - z**2: the formula for the activation, applied to z

1 - a**2 is the derivative of tanh written in terms of its OUTPUT a = tanh(z). Many
courses pass the cached activation to the derivative, and then 1 - a**2 is right;
this exercise passes the pre-activation z. That is a clash of conventions, not of
calculus: compute t = np.tanh(z) first and return 1 - t**2.
"""


def tanh_derivative(z):
    return 1 - z**2
