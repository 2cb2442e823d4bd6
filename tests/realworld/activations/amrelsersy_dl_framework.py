# source: AmrElsersy/DL-Framework, activation_functions.py, 1de3dfecf43f4af2d6a96754b0be3bf728b8515b
# truth: buggy
# named: relu-integer-dtype, relu-derivative-integer, sigmoid-abs-for-every-sign
# A small framework's helpers: a sigmoid built on exp(-|x|) without the negative branch, ReLU and its slope as x * (x > 0) and 1 * (x > 0), leaky ReLU from masks, a column softmax that subtracts the column max.

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-np.abs(z)))


def sigmoid_derivative(z):
    return sigmoid(z) * (1 - sigmoid(z))


def relu(z):
    return z * (z > 0)


def relu_derivative(z):
    return 1 * (z > 0)


def leaky_relu(z, alpha=0.01):  # the repository's version has no default for alpha
    return z * (z > 0) + alpha * z * (z <= 0)


def leaky_relu_derivative(z, alpha=0.01):  # no default for alpha in the repository either
    return 1 * (z > 0) + alpha * (z <= 0)


def softMax(z):
    shifted = np.subtract(z, np.max(z, axis=0, keepdims=True))
    e = np.exp(shifted)
    return np.divide(e, np.sum(e, axis=0, keepdims=True))


def softmax(z):
    # the repository calls it softMax
    return softMax(z)


def tanh(z):
    return np.tanh(z)


def tanh_derivative(z):
    return 1 - (np.tanh(z) ** 2)
