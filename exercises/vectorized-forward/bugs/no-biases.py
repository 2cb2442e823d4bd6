"""no biases: Z1 = W1 @ X and Z2 = W2 @ A1, without b1 and b2

Each layer is an affine map, W @ A + b. Without the bias every unit's decision
boundary is forced through the origin. The column vectors b1 (n_h, 1) and b2 (n_y, 1)
broadcast over the m columns: add them.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
