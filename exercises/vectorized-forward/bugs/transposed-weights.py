"""W1.T @ X instead of W1 @ X

In logistic regression w is a column and the product is w.T @ X. Here W1 already has
shape (n_h, n_x), one row per hidden unit, so the product is W1 @ X with no transpose.
W1.T @ X only runs when n_x == n_h, and then it gives wrong numbers.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"].T @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
