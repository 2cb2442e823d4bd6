"""tanh_derivative as 1 / cosh(z)**2, the textbook sech squared

np.cosh overflows to inf for |z| above about 710, but 1 / inf is 0, the right slope: this
form is correct everywhere (NumPy only warns), and must not be told that it overflows
like tanh written out with np.exp.

Expected: none
"""


def tanh_derivative(z):
    return 1.0 / np.cosh(z) ** 2  # noqa: F821
