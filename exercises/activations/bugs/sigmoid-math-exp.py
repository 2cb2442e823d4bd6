"""sigmoid written with math.exp, which takes one number, not an array

math.exp(-z) converts z to a single Python float: for an array of more than one entry it
raises "only length-1 arrays can be converted to Python scalars" (or "only 0-dimensional
arrays ..."). np.exp works element by element on any shape.
"""

import math


def sigmoid(z):
    return 1 / (1 + math.exp(-z))
