r"""np.sigmoid does not exist: NumPy has no sigmoid function

NumPy has np.tanh and np.exp, but no sigmoid: np.sigmoid(Z2) raises "module 'numpy' has
no attribute 'sigmoid'". Use the sigmoid the exercise gives you, sigmoid(Z2), or write
1 / (1 + np.exp(-Z2)).

Repair: \b(np|numpy)\.sigmoid\( => sigmoid(
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)  # noqa: F821
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = np.sigmoid(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
