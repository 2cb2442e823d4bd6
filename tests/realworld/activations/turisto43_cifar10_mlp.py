# source: turisto43/cifar10-mlp-numpy, codes/activation_functions.py, eae63df23c7112431df666d41db21ec25d2780d6
# truth: buggy
# named: sigmoid-overflow, relu-integer-dtype, softmax-wrong-axis, relu-derivative-integer, sigmoid-derivative-of-z
# A CIFAR-10 MLP's helpers (one example per row): the naive sigmoid, ReLU with an integer 0, a stable softmax over axis 1, an integer ReLU step, and the sigmoid slope as x * (1 - x) of its argument.

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu(z):
    return np.maximum(z, 0)


def softmax(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def relu_derivative(z):
    return np.where(z <= 0, 0, 1)


def sigmoid_derivative(z):
    return z * (1 - z)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative, leaky_relu, leaky_relu_derivative.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
