# source: JerryHuangTT/study, basic/activate.py, 8df9464db0f316fe8b44613f6bdd5e691a29fb51
# truth: buggy
# named: sigmoid-overflow, relu-integer-dtype, relu-derivative-is-relu
# Study notes: the textbook sigmoid and its slope, ReLU with an integer 0, and a ReLU 'derivative' that copies z and zeroes its non-positive entries (the relu_backward body with dA replaced by z).

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu(z):
    return np.maximum(0, z)


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


def relu_derivative(z):
    out = np.array(z, copy=True)
    out[z <= 0] = 0
    assert out.shape == z.shape
    return out


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, leaky_relu, leaky_relu_derivative, softmax.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
