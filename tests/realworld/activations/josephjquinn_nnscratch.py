# source: josephjquinn/nnScratch, activation.py, 13440cfef047b37e05f7906efd958e9c52015521
# truth: buggy
# named: sigmoid-math-exp, relu-integer-dtype, relu-derivative-not-float, softmax-global-max
# A network from scratch: sigmoid with math.exp, ReLU with an integer 0, its slope as a comparison, and softmax subtracting the max of the whole array.

import math

import numpy as np


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def relu(z):
    return np.maximum(z, 0)


def relu_derivative(z):
    return z > 0


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=0)


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for sigmoid_derivative, tanh_derivative, leaky_relu, leaky_relu_derivative.
def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)  # self-contained: this file's sigmoid is the original's
    t = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))
    return s * (1.0 - s)


def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2


def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
