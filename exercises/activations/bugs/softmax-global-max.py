"""softmax subtracts the max of the whole array instead of each column's max

np.max(z) without an axis is the largest score of ALL examples. For a column whose
scores are far below it (1e3 when another column holds 1e4), every exponent
underflows to 0 and the column becomes 0 / 0 = NaN. Subtract each column's own
max: np.max(z, axis=0, keepdims=True).
"""


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=0, keepdims=True)
