"""sigmoid_derivative written as exp(-z) / (1 + exp(-z))**2, which overflows

The formula is right on paper, but for z = -1e4 both exp(-z) and (1 + exp(-z))**2
are inf, and inf / inf is NaN. Reuse your overflow-free sigmoid instead:
s = sigmoid(z); return s * (1 - s).
"""


def sigmoid_derivative(z):
    e = np.exp(-z)
    return e / (1 + e) ** 2
