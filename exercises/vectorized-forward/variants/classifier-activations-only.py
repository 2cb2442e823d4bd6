"""a softmax classifier's forward pass: sigmoid hidden layer, softmax output, and only the
activations kept

Three catalogued mistakes at once for this exercise; each changes its own line, so the
feedback names the three, and nothing else.

Expected: sigmoid-hidden, softmax-output, cache-without-pre-activations
"""


def forward(X, params):  # noqa: F811
    A1 = 1.0 / (1.0 + np.exp(-(params["W1"] @ X + params["b1"])))  # noqa: F821
    scores = np.exp(params["W2"] @ A1 + params["b2"])  # noqa: F821
    A2 = scores / scores.sum(axis=0, keepdims=True)
    return A2, {"A1": A1, "A2": A2}
