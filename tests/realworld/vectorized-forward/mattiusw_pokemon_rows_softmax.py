# source: MattiusW/ML_neural_neuron, neural_network_image_pokemon/forward_propagation.py, a9a7dabea9bd104206fd0efffe5fb1793ba4e508
# truth: buggy
# named: softmax-output
# A row-convention forward pass (X @ W1 + b1) with a ReLU hidden layer and a stable row softmax at the output.

import numpy as np


def relu(x):
    return np.maximum(0, x)


def softmax(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def forward_rows(X, W1, b1, W2, b2):
    Z1 = np.dot(X, W1) + b1
    A1 = relu(Z1)
    Z2 = np.dot(A1, W2) + b2
    A2 = softmax(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward(X, params):
    # one example per row in the repository: transpose everything in, and every result back out
    A2, cache = forward_rows(X.T, params["W1"].T, params["b1"].T, params["W2"].T, params["b2"].T)
    return A2.T, {key: value.T for key, value in cache.items()}


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
