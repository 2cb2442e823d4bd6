# source: MartiniucVlad/MachineLearningBasics, cat_recogniton/activationf.py, 3f9bfa2f4c634a59524d77d84a9173b9faca4f80
# truth: buggy
# named: sigmoid-overflow, softmax-no-max, relu-integer-dtype, tanh-derivative-of-activation
# A cat classifier's activations: the textbook sigmoid, a column softmax of the raw scores, ReLU with an integer 0, a float ReLU step, and tanh's slope as 1 - x**2 for the activation.

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    ez = np.exp(z)
    return ez / np.sum(ez, 0)


def relu(z):
    return np.maximum(0, z)


def relu_derivative(z):
    return np.array(z > 0, dtype='float')


def tanh_derivative(z):
    return 1 - np.power(z, 2)  # the repository passes A = tanh(Z) here


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid_derivative, leaky_relu, leaky_relu_derivative.
def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)  # self-contained: this file's sigmoid is the original's
    t = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))
    return s * (1.0 - s)


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
