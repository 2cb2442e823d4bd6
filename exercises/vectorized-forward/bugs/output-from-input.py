"""The output layer multiplies W2 by the input X instead of the hidden activations A1

Each layer takes the previous layer's output: Z2 = W2 @ A1 + b2. W2 has shape (n_y, n_h),
so W2 @ X (X is (n_x, m)) only runs when n_x happens to equal n_h, and then it skips the
hidden layer altogether. Feed A1, the hidden layer's output, to the output layer.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)  # noqa: F821
    Z2 = params["W2"] @ X + params["b2"]
    A2 = sigmoid(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
