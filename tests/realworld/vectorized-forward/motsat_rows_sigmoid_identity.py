# source: motsat/deep-learning-from-scratch, network.py, 328f3aab921ad2a164cef7afc540e9c88660857e
# truth: buggy
# named: sigmoid-hidden, no-output-activation
# A "Deep Learning from Scratch" ch. 3 script: one example per row, A1 = X @ W1 + B1, Z1 = sigmoid(A1), A2 = Z1 @ W2 + B2 and the identity function as the output, Z2 = A2 (A for the pre-activations, Z for the activations).

import numpy as np


def _script_sigmoid(x):
    # the script's own sigmoid
    return 1 / (1 + np.exp(-x))


def identity_function(x):
    return x


def two_layers(X, W1, B1, W2, B2):
    # the script's lines, with its hard-coded X, W1, B1, W2, B2 as arguments
    A1 = np.dot(X, W1) + B1
    Z1 = _script_sigmoid(A1)
    A2 = np.dot(Z1, W2) + B2
    Z2 = identity_function(A2)
    return A1, Z1, A2, Z2


def forward(X, params):
    # one example per row in the script, 1-D biases; its A is the pre-activation and Z the activation
    A1, Z1, A2, Z2 = two_layers(X.T, params["W1"].T, params["b1"].ravel(), params["W2"].T, params["b2"].ravel())
    return Z2.T, {"Z1": A1.T, "A1": Z1.T, "Z2": A2.T, "A2": Z2.T}


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, relu, forward_loop.
def sigmoid(z):
    """1 / (1 + exp(-z)) element-wise, without overflow for large |z|; a new float array."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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
