"""forward that leaves out both biases, written with np.dot and an inline sigmoid

Expected: no-biases
"""


def forward(X, params):  # noqa: F811
    W1, W2 = params["W1"], params["W2"]
    Z1 = np.dot(W1, X)
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(W2, A1)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
