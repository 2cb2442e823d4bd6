# source: FatmanTony199/self_learning_for_-algorithm, deep_learing_algorithm.py, 06427cd9b7d9b2e306ad46d27f22e88e70076b67
# truth: buggy
# named: asserts-one-output
# The deeplearning.ai L-layer forward pass ([LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID over a loop of layers) in a self-study file, ending with assert AL.shape == (1, m).

import numpy as np

# (the file starts from notebook context: it has no numpy import and sets layer_dims from an X_train defined
# elsewhere, which raises NameError on import; that line and the training code are left out)


# the file's helpers return (A, cache)
def sigmoid(Z):
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def relu(Z):
    A = np.maximum(0, Z)
    assert A.shape == Z.shape
    return A, Z


def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    assert Z.shape == (W.shape[0], A.shape[1])
    return Z, (A, W, b)


def linear_activation_forward(A_pre, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_pre, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_pre, W, b)
        A, activation_cache = relu(Z)
    assert A.shape == (W.shape[0], A_pre.shape[1])
    return A, (linear_cache, activation_cache)


def model_forward(X, parameters):
    caches = []
    A = X
    layers = len(parameters) // 2
    for layer in range(1, layers):
        A, cache = linear_activation_forward(A, parameters["W" + str(layer)], parameters["b" + str(layer)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(layers)], parameters["b" + str(layers)], "sigmoid")
    caches.append(cache)
    assert AL.shape == (1, X.shape[1])
    return AL, caches


def forward(X, params):
    AL, ((_, Z1), ((A1, _W2, _b2), Z2)) = model_forward(X, params)
    return AL, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": AL}
# (the provided sigmoid and relu are kept below under private names, for forward_loop)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for _provided_sigmoid, _provided_relu, forward_loop.
def _provided_sigmoid(z):
    """1 / (1 + exp(-z)) element-wise, without overflow for large |z|; a new float array."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _provided_relu(z):
    """max(0, z) element-wise; a new float array."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def forward_loop(X, params):
    """for i = 1 to m: z1 = W1 x(i) + b1, a1 = _provided_relu(z1), z2 = W2 a1 + b2, a2 = _provided_sigmoid(z2)."""
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    m = X.shape[1]
    n_h, n_y = W1.shape[0], W2.shape[0]
    Z1, A1 = np.zeros((n_h, m)), np.zeros((n_h, m))
    Z2, A2 = np.zeros((n_y, m)), np.zeros((n_y, m))
    for i in range(m):
        x = X[:, i : i + 1]  # (n_x, 1): example i as a column
        z1 = W1 @ x + b1  # (n_h, 1)
        a1 = _provided_relu(z1)
        z2 = W2 @ a1 + b2  # (n_y, 1)
        a2 = _provided_sigmoid(z2)
        Z1[:, i : i + 1], A1[:, i : i + 1] = z1, a1
        Z2[:, i : i + 1], A2[:, i : i + 1] = z2, a2
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
