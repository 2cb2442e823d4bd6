"""forward computed with examples as rows, then transposed back to columns

Expected: none
"""


def forward(X, params):  # noqa: F811
    Z1 = (X.T @ params["W1"].T + params["b1"].T).T
    A1 = relu(Z1)
    Z2 = (A1.T @ params["W2"].T + params["b2"].T).T
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
