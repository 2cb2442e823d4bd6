"""the output layer reads the hidden pre-activation Z1 instead of the activation A1

Z2 = W2 @ A1 + b2: the output layer sees the hidden layer after its ReLU. Feeding it
Z1 skips the non-linearity, so the two layers collapse into one linear map followed
by a sigmoid.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ Z1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
