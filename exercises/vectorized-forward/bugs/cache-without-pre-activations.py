"""The cache holds only the activations A1 and A2, not the pre-activations Z1 and Z2

Backpropagation needs Z1 as well as A1: the slope of the hidden activation is taken at
the pre-activation (relu'(Z1) is 1 where Z1 > 0). Keep all four: return A2 and the cache
{"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"A1": A1, "A2": A2}
