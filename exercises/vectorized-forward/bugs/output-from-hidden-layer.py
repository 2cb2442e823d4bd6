"""A2 computed from Z1 instead of Z2

The output layer applies sigmoid to its own pre-activation, A2 = sigmoid(Z2) with
Z2 = W2 @ A1 + b2; sigmoid(Z1) has the hidden layer's shape (n_h, m), not (n_y, m).
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z1)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
