# source: Saad-Naeem-891/RNN-From-Scratch, activations.py, 1db122a8403c45ce3e5aaa8c78f3c8a7d77deeef
# truth: buggy
# named: softmax-global-max, tanh-derivative-exp-overflow
# An RNN from scratch: tanh written out with two np.exp calls, its slope 1 - t**2, and softmax subtracting the max of the whole array.

import numpy as np


def tanh(z):
    up, down = np.exp(z), np.exp(-z)
    return (up - down) / (up + down)


def tanh_derivative(z):
    t = tanh(z)
    return 1 - t ** 2


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=0)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid, sigmoid_derivative, relu, relu_derivative, leaky_relu, leaky_relu_derivative.
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    t = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))


def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def relu(z):
    return np.maximum(z, 0.0)


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
