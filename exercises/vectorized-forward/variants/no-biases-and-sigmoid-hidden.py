"""a from-scratch forward with no biases and a sigmoid in both layers, as tutorials often write it

Two catalogued mistakes at once: the feedback names both, and nothing else.

Expected: no-biases, sigmoid-hidden
"""


def forward(X, params):  # noqa: F811
    W1, W2 = params["W1"], params["W2"]
    A1 = 1 / (1 + np.exp(-np.dot(W1, X)))  # noqa: F821
    Z1 = np.dot(W1, X)  # noqa: F821
    Z2 = np.dot(W2, A1)  # noqa: F821
    A2 = 1 / (1 + np.exp(-Z2))  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
