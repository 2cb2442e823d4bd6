"""the output is the pre-activation Z2, without the sigmoid

A2 = sigmoid(Z2): the output layer's activation turns scores into probabilities in
(0, 1). Returning Z2 itself gives unbounded scores, which the cost (log A2) cannot use.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = Z2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
