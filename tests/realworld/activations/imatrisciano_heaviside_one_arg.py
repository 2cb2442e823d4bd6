# source: imatrisciano/NeuralNetworkLib, src/NeuralNetworkLib/ActivationFunctions/ReLU.py, 578c8de1f268e0ccc99086755523222e2049461d
# truth: buggy
# named: relu-heaviside-one-argument
# A ReLU class whose self-less methods compute z * H(z) and H(z) with np.heaviside, called with only one argument.

import numpy as np


class ReLU:
    # no self: the library calls these on the class itself
    def calculate(z):
        return z * np.heaviside(z)

    def derivative(z):
        return np.heaviside(z)


relu = ReLU.calculate
relu_derivative = ReLU.derivative


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
