"""softmax modifies its input in place (z -= z.max(...))

The augmented assignment z -= ... writes into the caller's array, so after
A2 = softmax(Z2) the caller's Z2 has changed. Write z = z - np.max(z, axis=0,
keepdims=True), which builds a new array.
"""


def softmax(z):
    z -= np.max(z, axis=0, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=0, keepdims=True)
