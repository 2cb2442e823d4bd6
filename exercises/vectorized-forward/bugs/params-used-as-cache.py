"""The cache is written into params

`cache = params` does not copy the dict: it is a second name for it, so storing Z1, A1,
Z2 and A2 in the cache adds them to the caller's params. Make a new dict for the cache.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    cache = params  # not a copy
    cache["Z1"], cache["A1"], cache["Z2"], cache["A2"] = Z1, A1, Z2, A2
    return A2, cache
