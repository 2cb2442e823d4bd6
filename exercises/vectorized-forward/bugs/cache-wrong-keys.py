"""Cache keys in lower case

The cache's keys are "Z1", "A1", "Z2" and "A2", with capital letters as in the lecture:
the backward pass looks them up by these names.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"z1": Z1, "a1": A1, "z2": Z2, "a2": A2}
