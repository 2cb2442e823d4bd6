# source: alberto-trabacchin-ynu/mimo_variable_dnn, deep_nn.py, 00e7e29aa75109600fb87f83a02ed154fa11daef
# truth: buggy
# named: sigmoid-hidden
# A loop over the layers with one activation name per layer, where only "sigmoid" and "softmax" exist, so the hidden layer is a sigmoid.

import numpy as np


def softmax(Z):
    return np.exp(Z) / np.sum(np.exp(Z), axis=0)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def layer_forward(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    if activation == "sigmoid":
        A = sigmoid(Z)
    elif activation == "softmax":
        A = softmax(Z)
    return A, Z


def forward(X, params):
    # the repository keeps lists W, b, Z, A in one dict of its own and names each layer's activation;
    # it implements no ReLU, so its hidden layer is a sigmoid
    net = {"W": [params["W1"], params["W2"]], "b": [params["b1"], params["b2"]], "Z": [None, None], "A": [None, None]}
    A_prev = X
    for l, activation in enumerate(["sigmoid", "sigmoid"]):
        net["A"][l], net["Z"][l] = layer_forward(A_prev, net["W"][l], net["b"][l], activation)
        A_prev = net["A"][l]
    return net["A"][1], {"Z1": net["Z"][0], "A1": net["A"][0], "Z2": net["Z"][1], "A2": net["A"][1]}


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
