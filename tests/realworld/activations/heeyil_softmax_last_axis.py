# source: heeyil/ZongShe, DeepLearning/utils/math.py, 174811a7f566997e83c9f4108027e08447efe557
# truth: buggy
# named: softmax-wrong-axis
# A stable softmax helper with axis=-1 by default: for a (classes, m) array it normalises each row (the last axis), not each column.

import numpy as np


def softmax(z, axis=-1):
    z_max = np.max(z, axis=axis, keepdims=True)
    exps = np.exp(z - z_max)
    return exps / np.sum(exps, axis=axis, keepdims=True)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, tanh_derivative, relu, relu_derivative, leaky_relu, leaky_relu_derivative.
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    t = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
