"""forward with np.dot instead of the @ operator

Expected: none
"""


def forward(X, params):  # noqa: F811
    Z1 = np.dot(params["W1"], X) + params["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(params["W2"], A1) + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
