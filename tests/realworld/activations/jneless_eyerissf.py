# source: jneless/EyerissF, Activiation.py, 2f1a2a38ece2eb938f7d0a77700a9381a6d99975
# truth: buggy
# named: relu-in-place, relu-integer-dtype, sigmoid-math-exp
# An accelerator simulator's activations: ReLU zeroing the negative entries of its argument in place, and sigmoid as a list comprehension of math.exp over the first axis.

import math

import numpy as np


def relu(z):
    z[z < 0] = 0
    return z


def sigmoid(z):
    return [1.0 / (1 + math.exp(-v)) for v in z]


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid_derivative, tanh_derivative, relu_derivative, leaky_relu, leaky_relu_derivative, softmax.
def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)  # self-contained: this file's sigmoid is the original's
    t = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))
    return s * (1.0 - s)


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def relu_derivative(z):
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
