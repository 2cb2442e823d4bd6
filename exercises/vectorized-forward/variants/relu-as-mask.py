"""forward with the hidden ReLU written as Z1 * (Z1 > 0)

The mask is 1 where Z1 > 0 and 0 elsewhere, so Z1 * (Z1 > 0) is max(0, Z1): right, and
it must not be told it has a leaky or no hidden activation.

Expected: none
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = Z1 * (Z1 > 0)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
