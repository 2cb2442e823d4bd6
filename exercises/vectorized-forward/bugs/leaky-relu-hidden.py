"""A leaky ReLU in the hidden layer (slope 0.01 for negative Z1) instead of ReLU

This network's hidden layer is a plain ReLU, A1 = max(0, Z1): 0 for every negative
pre-activation. A leaky ReLU keeps a small slope there (0.01 * Z1 below 0), a different
activation with different outputs. Use relu(Z1), as the exercise specifies.

Forms: 0.01 as 0.001, 0.02, 0.05, 0.1, 0.2, 0.3
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.maximum(0.01 * Z1, Z1)  # noqa: F821
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
