"""W1 * X instead of W1 @ X

`*` multiplies entry by entry; the layer needs the matrix product `@` (np.dot). With
shapes that happen to broadcast, W1 * X runs and gives wrong numbers.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] * X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] * A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
