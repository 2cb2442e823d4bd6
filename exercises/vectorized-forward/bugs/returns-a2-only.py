"""Returns A2 alone, without the cache

forward returns a pair, `return A2, cache`: the backward pass needs the cached Z1, A1
and A2.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2
