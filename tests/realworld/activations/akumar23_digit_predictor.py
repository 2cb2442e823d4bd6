# source: akumar23/digit-predictor-neural-net, formulas.py, 9213588d98c8c5d1cc35bd420bd0eb094a32f8b9
# truth: buggy
# named: relu-integer-dtype, relu-derivative-not-float, softmax-no-max
# The MNIST-from-scratch formulas: ReLU with an integer 0, its slope as a comparison, and softmax exponentiating the raw scores and dividing by the built-in sum over the rows.

import numpy as np


def relu(z):
    return np.maximum(z, 0)


def relu_derivative(z):
    return z > 0


def softmax(z):
    ez = np.exp(z)
    return ez / sum(ez)  # Python's sum adds the rows up: one total per column, no max subtracted


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, tanh_derivative, leaky_relu, leaky_relu_derivative.
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
