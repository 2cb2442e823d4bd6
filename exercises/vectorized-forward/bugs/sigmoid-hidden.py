"""Sigmoid in the hidden layer instead of ReLU

This network's hidden layer uses ReLU, A1 = relu(Z1); sigmoid is for the output layer only.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = sigmoid(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
