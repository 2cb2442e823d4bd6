"""softmax normalised over the whole array instead of each column

np.sum(e) without an axis adds up the scores of every example, so the entries of
the whole array sum to 1 instead of each column. Each column is one example:
take the max and the sum over axis 0 with keepdims=True.
"""


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z))
    return e / np.sum(e)
