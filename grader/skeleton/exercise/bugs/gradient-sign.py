"""loss_gradient has the wrong sign: (y - w * x) * x instead of (w * x - y) * x

The derivative of 1/2 * (w * x - y)**2 with respect to w is (w * x - y) * x. Swapping
the two terms of the error flips its sign, and gradient descent then climbs the loss
instead of going down it.
"""


def loss_gradient(x, w, y):
    x = np.asarray(x, dtype=np.float64)
    return float(np.sum((y - w * x) * x))
