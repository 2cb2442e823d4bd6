"""forward asserts a single output unit (A2.shape == (1, m)), so it fails for n_y > 1

The deeplearning.ai planar-data notebook checks `assert A2.shape == (1, X.shape[1])`
because its network has one output. This forward must work for any n_y: the output
has shape (n_y, m), with n_y = W2.shape[0]. Check against that, or drop the assertion.
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)
    assert A2.shape == (1, X.shape[1])
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
