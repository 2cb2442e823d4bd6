# source: kennyjung0223/neural_networks, xor_nn.py, 1d35e3a486545e9fc1926e4a4590eeca8dc34849
# truth: buggy
# named: numpy-has-no-sigmoid, output-from-input, tanh-hidden, cache-without-pre-activations
# An XOR network in the deeplearning.ai style: tanh hidden layer, Z2 computed from X instead of A1, np.sigmoid at the output, and a cache of A1 and A2 only.

import numpy as np


def sigmoid(z):
    # the repository's own sigmoid (forward_prop does not call it)
    return 1.0 / (1 + np.exp(-z))


def forward_prop(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, X) + b2
    A2 = np.sigmoid(Z2)

    cache = {"A1": A1, "A2": A2}
    return A2, cache


def forward(X, params):
    # the repository calls it forward_prop
    return forward_prop(X, params)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for relu, forward_loop.
def relu(z):
    """max(0, z) element-wise; a new float array."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def forward_loop(X, params):
    """for i = 1 to m: z1 = W1 x(i) + b1, a1 = relu(z1), z2 = W2 a1 + b2, a2 = sigmoid(z2)."""
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    m = X.shape[1]
    n_h, n_y = W1.shape[0], W2.shape[0]
    Z1, A1 = np.zeros((n_h, m)), np.zeros((n_h, m))
    Z2, A2 = np.zeros((n_y, m)), np.zeros((n_y, m))
    for i in range(m):
        x = X[:, i : i + 1]  # (n_x, 1): example i as a column
        z1 = W1 @ x + b1  # (n_h, 1)
        a1 = relu(z1)
        z2 = W2 @ a1 + b2  # (n_y, 1)
        a2 = sigmoid(z2)
        Z1[:, i : i + 1], A1[:, i : i + 1] = z1, a1
        Z2[:, i : i + 1], A2[:, i : i + 1] = z2, a2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
