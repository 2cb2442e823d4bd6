"""sigmoid computed as 1 / (1 + np.exp(-z)), which overflows for large negative z

For z = -1e4, np.exp(-z) = np.exp(1e4) is far beyond the largest float64 (about
1.8e308): NumPy returns inf with an overflow warning, and only by luck does
1 / (1 + inf) give the right 0. Compute the sigmoid from t = np.exp(-np.abs(z)),
which is always in (0, 1]: 1 / (1 + t) where z >= 0 and t / (1 + t) where z < 0.
Note that np.where(z >= 0, 1 / (1 + np.exp(-z)), ...) does not help, because both
branches are computed on the whole array before np.where picks.
"""


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
