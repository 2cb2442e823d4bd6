"""Examples as rows: X.T @ W1.T instead of W1 @ X

X.T @ W1.T + b1.T computes the right numbers in the row convention (one example per row),
so every result comes out transposed: A2 of shape (m, n_y) instead of (n_y, m). In this
course the examples are the columns of X: Z1 = W1 @ X + b1.
"""


def forward(X, params):  # noqa: F811
    Z1 = X.T @ params["W1"].T + params["b1"].T  # (m, n_h)
    A1 = relu(Z1)
    Z2 = A1 @ params["W2"].T + params["b2"].T  # (m, n_y)
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
