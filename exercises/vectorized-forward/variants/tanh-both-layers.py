"""tanh in both layers, with np.dot, as the planar-data notebooks write it

Two catalogued mistakes for this exercise (the lecture's network is ReLU, then sigmoid):
the feedback names both and nothing else.

Expected: tanh-hidden, tanh-output
"""


def forward(X, params):  # noqa: F811
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    Z1 = np.dot(W1, X) + b1  # noqa: F821
    A1 = np.tanh(Z1)  # noqa: F821
    Z2 = np.dot(W2, A1) + b2  # noqa: F821
    A2 = np.tanh(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
