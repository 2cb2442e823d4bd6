"""W1 used again in the output layer, written with np.dot

Unless n_h == n_x the product np.dot(W1, A1) has mismatched sizes: np.dot words that error
differently from @ ("shapes ... not aligned"), and it is still the same mistake, named on
every check it breaks.

Expected: w1-in-layer-two
"""


def forward(X, params):  # noqa: F811
    Z1 = np.dot(params["W1"], X) + params["b1"]  # noqa: F821
    A1 = relu(Z1)  # noqa: F821
    Z2 = np.dot(params["W1"], A1) + params["b2"]  # noqa: F821
    A2 = sigmoid(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
