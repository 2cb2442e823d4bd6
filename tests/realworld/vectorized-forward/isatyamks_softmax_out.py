# source: isatyamks/neural_network, neural_network/core/forward_propagation.py, 23899735e9c37f77f282233c3bf3208435e42c0e
# truth: buggy
# named: softmax-output
# A forward pass taking the weights one by one: ReLU hidden layer, a stable column softmax at the output, and the cache as a tuple.

import numpy as np


def relu(Z):
    return np.maximum(0, Z)


def softmax(Z):
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=0, keepdims=True)


def forward_pass(W1, b1, W2, b2, X):
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = softmax(Z2)
    return A2, (X, Z1, A1, Z2, A2)


def forward(X, params):
    A2, (_, Z1, A1, Z2, _) = forward_pass(params["W1"], params["b1"], params["W2"], params["b2"], X)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, forward_loop.
def sigmoid(z):
    """1 / (1 + exp(-z)) element-wise, without overflow for large |z|; a new float array."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


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
