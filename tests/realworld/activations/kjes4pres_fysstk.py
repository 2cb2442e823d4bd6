# source: kjes4pres/Project_2_FYSSTK, Code/functions/activation_funcs.py, 212b51836b0904a29b4bcda94394552284d5952d
# truth: buggy
# named: sigmoid-overflow, relu-derivative-integer, leaky-relu-ignores-alpha
# unnamed: the try/except FloatingPointError around the sigmoid is no protection against overflow (NumPy only warns by default, and where it does raise the fallback is a 0/1 step)
# A course project: sigmoid guarded by a try/except FloatingPointError, np.where-based ReLU and leaky ReLU (slope fixed at 10e-4 = 0.001 in both the function and its derivative, which take no alpha: leaky-relu-ignores-alpha), a last-axis softmax with a small delta, and derivatives handed out by a factory that dispatches on the function name.

import numpy as np


def sigmoid(X):
    try:
        return 1.0 / (1 + np.exp(-X))
    except FloatingPointError:
        return np.where(X > np.zeros(X.shape), np.ones(X.shape), np.zeros(X.shape))


def RELU(X):
    return np.where(X > np.zeros(X.shape), X, np.zeros(X.shape))


def LRELU(X):
    slope = 10e-4
    return np.where(X > np.zeros(X.shape), X, slope * X)


def _softmax_rows(X):
    X = X - np.max(X, axis=-1, keepdims=True)
    return np.exp(X) / (np.sum(np.exp(X), axis=-1, keepdims=True) + 10e-10)


def derivate(func):
    if func.__name__ == "RELU":
        return lambda X: np.where(X > 0, 1, 0)
    if func.__name__ == "LRELU":
        return lambda X: np.where(X > 0, 1, 10e-4)
    if func.__name__ == "sigmoid":
        def sigmoid_slope(X):
            s = sigmoid(X)
            return s * (1 - s)
        return sigmoid_slope
    print("Derivative not implemented for this function.")


# the exercise's names; the repository's functions take no alpha
relu = RELU
relu_derivative = derivate(RELU)
sigmoid_derivative = derivate(sigmoid)


def leaky_relu(z, alpha=0.01):
    return LRELU(np.asarray(z))


def leaky_relu_derivative(z, alpha=0.01):
    return derivate(LRELU)(np.asarray(z))


def softmax(z):
    # the repository normalises the last axis (one example per row): transpose in and out
    return _softmax_rows(np.asarray(z).T).T


# Not in the original: the exercise's own solution (source.py, BEGIN/END SOLUTION), for tanh_derivative.
def tanh_derivative(z):
    t = np.tanh(z)
    return 1.0 - t**2
