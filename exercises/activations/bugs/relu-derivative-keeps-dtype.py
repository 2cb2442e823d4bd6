"""relu_derivative fills a copy of z with 0 and 1, so an integer z gives an integer step

d = z.copy(); d[z <= 0] = 0; d[z > 0] = 1 keeps the dtype of z: right for floats, but
integers for an integer z. Make the copy a float array, np.array(z, dtype=float), or
write (z > 0).astype(float).
"""


def relu_derivative(z):
    d = np.copy(z)
    d[z <= 0] = 0
    d[z > 0] = 1
    return d
