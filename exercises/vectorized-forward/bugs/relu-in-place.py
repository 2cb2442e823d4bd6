"""ReLU applied to Z1 in place: the cached Z1 is A1

Clipping Z1 in place (np.maximum(Z1, 0, out=Z1), or Z1[Z1 < 0] = 0) and calling the
result A1 leaves one array under two names, so cache["Z1"] holds A1 and the negative
pre-activations the backward pass needs are gone. Compute A1 = relu(Z1) as a new array.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.maximum(Z1, 0.0, out=Z1)  # the same array as Z1
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
