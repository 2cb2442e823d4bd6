"""softmax normalised over axis 1 (the rows) instead of axis 0 (the columns)

In the lecture's layout z has shape (classes, m): one COLUMN per example. Each
example's probabilities are a column, so the max and the sum must be taken over
axis 0 (with keepdims=True), and each column must sum to 1, not each row.
"""


def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)
