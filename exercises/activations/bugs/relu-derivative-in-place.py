"""relu_derivative overwrites its input (z[z <= 0] = 0; z[z > 0] = 1) instead of building a new array

Assigning into z changes the caller's array: after the call, the pre-activation Z1
that backprop still needs has been replaced by zeros and ones. Build a new array,
for example (z > 0).astype(float), or copy first with z = np.array(z, dtype=float).
"""


def relu_derivative(z):
    z[z <= 0] = 0
    z[z > 0] = 1
    return z
