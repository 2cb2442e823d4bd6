"""softmax at the output layer instead of sigmoid

With one sigmoid output unit per class, each A2 entry is an independent probability
sigmoid(Z2). Softmax normalises each column to sum to 1; over a single output unit it
even returns 1 for every example. This network's output layer is A2 = sigmoid(Z2).
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    E = np.exp(Z2 - Z2.max(axis=0, keepdims=True))
    A2 = E / E.sum(axis=0, keepdims=True)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
