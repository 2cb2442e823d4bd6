"""relu written as a Python list comprehension over the entries, which breaks on 2-D arrays

Iterating over a NumPy array goes over its first axis: for a matrix, each item is a
whole row, and max(0.0, row) or `row if row > 0 else 0` must compare an array with a
number, which raises "The truth value of an array ... is ambiguous". It is also one
Python step per entry. NumPy's element-wise functions work on any shape at once:
np.maximum(z, 0.0).
"""


def relu(z):
    return np.array([max(0.0, v) for v in z])
