r"""np.heaviside called with one argument: it needs the value to take at 0 too

np.heaviside(z, h0) is the step function, and its second argument h0 says what it gives
where z == 0 exactly: np.heaviside(z) alone raises "heaviside() takes from 2 to 3
positional arguments but 1 was given". The ReLU derivative may take either value at 0:
np.heaviside(z, 0.0) (or 1.0) is a correct relu_derivative, and z * np.heaviside(z, 0.0)
a correct relu.

Repair: \bheaviside\(([^,()]+)\) => heaviside(\1, 0.0)
"""


def relu(z):
    return z * np.heaviside(z)  # noqa: F821


def relu_derivative(z):
    return np.heaviside(z)  # noqa: F821
