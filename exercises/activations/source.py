"""Activation functions g(z) and their derivatives g'(z), for whole NumPy arrays at once.

Every element-wise function below takes an array ``z`` of any shape (floats or
integers) and returns a NEW float array of the same shape. None of them may change
the array it is given: the caller still needs it (Z1 is kept for backpropagation).

Check your work with ``grade check activations.py``.
"""

# %%
import numpy as np


# %%
def sigmoid(z):
    """Sigmoid 1 / (1 + exp(-z)), element-wise.

    z: array of any shape. Returns a float array of the same shape, values in [0, 1].
    It must stay finite and raise no overflow warning for |z| up to 1e4: np.exp(-z)
    overflows when z is a large negative number, so work with t = exp(-|z|) <= 1.
    """
    # BEGIN SOLUTION: use t = np.exp(-np.abs(z)): 1/(1+t) where z >= 0, t/(1+t) elsewhere
    z = np.asarray(z, dtype=float)
    t = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + t), t / (1.0 + t))
    # END SOLUTION


def sigmoid_derivative(z):
    """Slope of the sigmoid, s * (1 - s) with s = sigmoid(z), element-wise.

    z: array of any shape. Returns a float array of the same shape, values in [0, 1/4].
    """
    # BEGIN SOLUTION: compute s = sigmoid(z) once, then return s * (1 - s)
    s = sigmoid(z)
    return s * (1.0 - s)
    # END SOLUTION


# %%
def tanh_derivative(z):
    """Slope of tanh, 1 - tanh(z)**2, element-wise (np.tanh is allowed).

    z: array of any shape. Returns a float array of the same shape, values in [0, 1].
    """
    # BEGIN SOLUTION: t = np.tanh(z); the slope is 1 - t squared
    t = np.tanh(z)
    return 1.0 - t**2
    # END SOLUTION


# %%
def relu(z):
    """ReLU max(0, z), element-wise.

    z: array of any shape. Returns a new float array of the same shape (float even
    when z holds integers). Do not write into z.
    """
    # BEGIN SOLUTION: np.maximum(z, 0.0) builds a new array (0.0, not 0, so ints become floats)
    return np.maximum(z, 0.0)
    # END SOLUTION


def relu_derivative(z):
    """Slope of ReLU: 1 where z > 0, 0 where z < 0 (0 or 1 at exactly z == 0).

    z: array of any shape. Returns a float array of 0.0 and 1.0 of the same shape: a
    step, not the ReLU itself, and floats, not booleans.
    """
    # BEGIN SOLUTION: compare z > 0 and convert the booleans with .astype(float)
    return (np.asarray(z) > 0).astype(float)
    # END SOLUTION


# %%
def leaky_relu(z, alpha=0.01):
    """Leaky ReLU: z where z >= 0, alpha * z elsewhere, element-wise.

    z: array of any shape; alpha: the slope for negative z. Returns a new float array
    of the same shape.
    """
    # BEGIN SOLUTION: np.where(z >= 0, z, alpha * z) on a float version of z
    z = np.asarray(z, dtype=float)
    return np.where(z >= 0, z, alpha * z)
    # END SOLUTION


def leaky_relu_derivative(z, alpha=0.01):
    """Slope of leaky ReLU: 1 where z > 0, alpha where z < 0 (1 or alpha at z == 0).

    z: array of any shape; alpha: the slope for negative z. Returns a float array of
    the same shape holding only 1.0 and alpha.
    """
    # BEGIN SOLUTION: np.where(z > 0, 1.0, alpha) gives 1 or alpha, as floats
    return np.where(np.asarray(z) > 0, 1.0, float(alpha))
    # END SOLUTION


# %%
def softmax(z):
    """Column-wise softmax of a (classes, m) array: one column per example.

    z: array of shape (classes, m). Returns a float array of shape (classes, m) whose
    columns are each positive and sum to 1. Stable for scores of 1e3 and more:
    subtract each column's maximum (axis 0, keepdims=True) before np.exp.
    """
    # BEGIN SOLUTION: subtract each column's max, exponentiate, divide by the column sums
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0, keepdims=True))  # (classes, m), entries in (0, 1]
    return e / np.sum(e, axis=0, keepdims=True)  # column sums are >= 1
    # END SOLUTION
