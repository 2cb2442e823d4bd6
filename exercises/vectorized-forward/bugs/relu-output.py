"""ReLU at the output instead of sigmoid

The output is a probability, A2 = sigmoid(Z2), between 0 and 1; ReLU is the hidden
layer's activation only.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = relu(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
