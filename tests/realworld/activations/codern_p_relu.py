# source: CoderN-P/NeuralNetwork, utils/relu.py, 19fcdbb5448b83c3a1701e7a87d57747788125d5
# truth: buggy
# named: relu-integer-dtype, relu-derivative-integer
# ReLU utilities: np.maximum with an integer 0 and the slope as np.where with integer 0 and 1.

import numpy as np


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return np.where(z <= 0, 0, 1)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, tanh_derivative, leaky_relu, leaky_relu_derivative, softmax.
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


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
