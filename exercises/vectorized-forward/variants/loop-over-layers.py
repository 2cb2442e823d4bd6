"""forward as a loop over the layers, as in deeplearning.ai's L_model_forward

The loop runs once per layer, whatever the number of examples: it is vectorized.

Expected: none
"""


def forward(X, params):  # noqa: F811
    A, cache = X, {}
    L = len(params) // 2
    for l in range(1, L + 1):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        A = relu(Z) if l < L else sigmoid(Z)
        cache["Z" + str(l)], cache["A" + str(l)] = Z, A
    return A, cache
