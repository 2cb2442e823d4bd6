# source: bfortuner/ml-glossary, code/activation_functions.py, 003498dcfa2e3001d3713f03d61f91c52beb1c6b
# truth: buggy
# named: relu-scalar-code, sigmoid-overflow, relu-derivative-scalar-code, leaky-relu-scalar-code, leaky-relu-derivative-scalar-code
# Glossary example code written for one number at a time: Python's max and if/else for (leaky) ReLU and their slopes, and the naive sigmoid.

import numpy as np


def relu(z):
    return max(0, z)


def relu_derivative(z):
    return 1 if z > 0 else 0


def leaky_relu(z, alpha=0.01):  # the glossary's version has no default for alpha
    return max(alpha * z, z)


def leaky_relu_derivative(z, alpha=0.01):
    return 1 if z > 0 else alpha


def sigmoid(z):
    return 1.0 / (1 + np.exp(-z))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, softmax.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
