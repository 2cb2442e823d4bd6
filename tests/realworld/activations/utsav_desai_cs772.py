# source: utsav-desai/CS772, assign2-RNNs/activation.py, f1a7a7e6e2d03425eeaff8c330d3c51731b4a9a7
# truth: buggy
# named: sigmoid-overflow, softmax-wrong-axis, relu-integer-dtype, relu-derivative-integer
# An RNN assignment's helpers: the naive sigmoid and its slope, a stable softmax over the last axis, ReLU with an integer 0 and its slope as np.where(x > 0, 1, 0).

import numpy as np


def sigmoid(z):
    return 1 / (1.0 + (np.exp(-z)))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


def softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return np.where(z > 0, 1, 0)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, leaky_relu, leaky_relu_derivative.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
