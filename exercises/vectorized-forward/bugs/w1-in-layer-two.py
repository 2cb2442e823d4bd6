"""W1 used again in the output layer instead of W2

Each layer has its own weights: Z2 = W2 @ A1 + b2. Using W1 there multiplies the
hidden activations by the first layer's weights, which only works at all when the
shapes happen to agree (n_h == n_x), and then gives wrong outputs.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W1"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
