"""No activation in the hidden layer: A1 = Z1

Without ReLU the hidden layer is linear, and two linear layers in a row are one linear
layer: W2 @ (W1 @ X + b1) + b2 = (W2 @ W1) @ X + (W2 @ b1 + b2). The network can then
learn nothing a single layer could not. Apply the activation: A1 = relu(Z1).
"""


def forward(X, params):  # noqa: F811
    Z1 = params["W1"] @ X + params["b1"]
    A1 = Z1
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = sigmoid(Z2)  # noqa: F821
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
