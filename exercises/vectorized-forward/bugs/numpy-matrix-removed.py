r"""forward multiplies numpy.mat matrices, which NumPy 2 no longer has

np.mat (and the numpy.matrix class it makes, whose * is a matrix product) belongs to
old NumPy: np.mat was removed in NumPy 2.0, so the code fails with an AttributeError
before it computes anything; with an older NumPy, it would return matrices, not arrays.
Work with plain arrays and the @ operator (or np.dot): W1 @ X + b1.

Repair: \b(np|numpy)\.mat\( => \1.asmatrix(
"""


def forward(X, params):  # noqa: F811
    Z1 = np.mat(params["W1"]) * np.mat(X) + params["b1"]  # noqa: F821
    A1 = relu(Z1)
    Z2 = np.mat(params["W2"]) * np.mat(A1) + params["b2"]  # noqa: F821
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
