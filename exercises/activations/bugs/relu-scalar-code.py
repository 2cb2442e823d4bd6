"""relu written for one number (max(0, z), if/else, or a list comprehension over the entries), which breaks on 2-D arrays

Python's max, `if z > 0` and a comprehension `for v in z` all treat z as a number or a
list of numbers. On a NumPy array, z > 0 is a whole array of booleans, whose truth value
is "ambiguous", and iterating over a matrix gives its rows, not its entries: the code
fails as soon as it is given a matrix. NumPy's element-wise functions work on any shape
at once: np.maximum(z, 0.0).
"""


def relu(z):
    return max(0.0, z)
