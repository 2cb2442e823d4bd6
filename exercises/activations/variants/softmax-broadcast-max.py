"""softmax with the column max subtracted without keepdims (it broadcasts over the rows)

Expected: none
"""


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=0))
    return e / np.sum(e, axis=0)
