"""Returns (cache, A2): the pair in the wrong order

forward returns A2 first and the cache second, `return A2, cache`: a caller writes
`A2, cache = forward(X, params)` and would otherwise get the dictionary as A2.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)  # noqa: F821
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)  # noqa: F821
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}, A2
