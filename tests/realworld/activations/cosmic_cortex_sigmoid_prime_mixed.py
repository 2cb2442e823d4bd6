# source: cosmic-cortex/neural-networks-from-scratch, nn/functional.py, 0e31200c956c77c115b97ac1ee61a89df4c74fde
# truth: buggy
# named: sigmoid-overflow, relu-integer-dtype, relu-derivative-integer, sigmoid-derivative-mixes-s-and-z
# A from-scratch library's functional module: the naive sigmoid, a sigmoid_prime that multiplies s by (1 - x), and ReLU and its slope as x * (x > 0) and 1 * (x > 0).

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - z)


def relu(z):
    return z * (z > 0)


def relu_prime(z):
    return 1 * (z > 0)


def sigmoid_derivative(z):
    # the repository calls it sigmoid_prime
    return sigmoid_prime(z)


def relu_derivative(z):
    # the repository calls it relu_prime
    return relu_prime(z)


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
