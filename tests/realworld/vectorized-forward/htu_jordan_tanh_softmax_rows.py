# source: HTU-Jordan/latex-templates, assignment-template-filled/latex_python.py, a2518c920c2f76a5555891f276e0e8be82f7d03b
# truth: buggy
# named: tanh-hidden, softmax-output, cache-without-pre-activations
# A row-convention forward pass (X.dot(W1) + b1) with a tanh hidden layer and a row softmax without the max at the output, returning only the output and the hidden activation.

import numpy as np


def softmax_rows(a):
    expA = np.exp(a)
    return expA / expA.sum(axis=1, keepdims=True)


def forward_rows(X, W1, b1, W2, b2):
    Z = np.tanh(X.dot(W1) + b1)
    return softmax_rows(Z.dot(W2) + b2), Z


def forward(X, params):
    # one example per row in the repository: transpose in and out; there is nothing else to cache
    Y, Z = forward_rows(X.T, params["W1"].T, params["b1"].T, params["W2"].T, params["b2"].T)
    return Y.T, {"A1": Z.T, "A2": Y.T}


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
