"""b1 flattened to shape (n_h,)

A bias of shape (n_h,) is broadcast along the last axis, across the m examples instead
of down the n_h hidden units: W1 @ X + b1 raises a shape error when m != n_h, and when
m == n_h it silently adds b1[j] to column j instead of to row j. Keep b1 a (n_h, 1) column.
"""


def forward(X, params):  # noqa: F811
    b1 = params["b1"].ravel()  # (n_h,)
    Z1 = params["W1"] @ X + b1
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
