"""tanh at the output layer instead of sigmoid

tanh gives values in (-1, 1), not probabilities: the output layer of this network is
A2 = sigmoid(Z2), in (0, 1), which the cross-entropy cost needs.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = np.tanh(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
