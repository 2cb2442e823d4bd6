# source: haicanberra/Neural-Network-From-Scratch, activation.py, 9bf58aa5ae580f9a28a8e95cb6ee7b39880f394d
# truth: buggy
# named: relu-integer-dtype, sigmoid-overflow, relu-derivative-keeps-dtype
# ReLU with an integer 0, a slope built by overwriting a copy of z with 0s and 1s, the textbook sigmoid with np.multiply for its slope, and tanh from np.tanh.

import numpy as np


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    step = np.copy(z)
    step[z < 0] = 0
    step[z >= 0] = 1
    return step


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return np.multiply(sigmoid(z), 1 - sigmoid(z))


def tanh_derivative(z):
    return 1 - np.tanh(z) ** 2


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for leaky_relu, leaky_relu_derivative, softmax.
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
