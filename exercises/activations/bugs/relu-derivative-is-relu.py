"""ReLU derivative computed as max(z, 0): the derivative is a step, not the function itself

The slope of ReLU is 1 wherever z > 0 and 0 wherever z < 0, so relu_derivative must
only ever return 0s and 1s. np.maximum(z, 0) is ReLU itself: for z = 3 it returns 3
instead of 1. This is the bug of the forum post, where backprop multiplied da by
np.maximum(z, 0), so every gradient was scaled by the unit's own activation.
"""


def relu_derivative(z):
    return np.maximum(z, 0)
