# %%
"""The forum post's neural network, made runnable: find and fix the bugs in update_weights.

Rows are examples, as in the post: ``input_feature`` is ``(m, layers[0])``,
``weights[i]["W"]`` is ``(layers[i], layers[i+1])`` and ``weights[i]["b"]`` is
``(layers[i+1],)``. The network is trained on L = 1/2 * sum((target - output)**2).
"""

import numpy as np


# %%
class NeuralNetwork:
    """The post's network, hard coded for 3 layers: ReLU hidden layer, linear output."""

    def __init__(self, layers, alpha):
        self.num_layers = len(layers)  # has to be 3
        self.layers = layers
        self.alpha = alpha
        self.weights = [{"W": None, "b": None} for i in range(self.num_layers - 1)]
        for i in range(self.num_layers - 1):
            scale = np.sqrt(2 / layers[i])
            self.weights[i]["W"] = np.random.normal(0, scale, size=(layers[i], layers[i + 1]))
            self.weights[i]["b"] = np.random.normal(0, scale, size=layers[i + 1])

    def evaluate(self, input_feature):
        psi = input_feature @ self.weights[0]["W"] + self.weights[0]["b"]
        x = np.maximum(psi, 0)
        y = x @ self.weights[1]["W"] + self.weights[1]["b"]
        return y

    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        # The post used `a` (the hidden activation) without defining it:
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)

        dely = target_output - training_output

        db1 = np.sum(dely, axis=0)
        # BEGIN SOLUTION
        dw1 = a.T @ dely
        # END SOLUTION
        # BEGIN PROMPT
        # dw1 = np.sum(a * dely, axis=0).T
        # END PROMPT

        da = dely @ (self.weights[1]["W"].T)
        # BEGIN SOLUTION
        dz = (z > 0) * da
        # END SOLUTION
        # BEGIN PROMPT
        # dz = np.maximum(z, 0) * da
        # END PROMPT

        db0 = np.sum(dz, axis=0).T
        dw0 = training_input.T @ dz

        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1


# %%
if __name__ == "__main__":
    # The post's sanity check: weights set by hand to the sum function.
    net = NeuralNetwork([5, 2, 1], 0.001)
    net.weights = [
        {"W": np.array([[1.0, -1.0]] * 5), "b": np.zeros(2)},
        {"W": np.array([[1.0], [-1.0]]), "b": np.zeros(1)},
    ]
    X = np.array([[1.0, 2, 3, 4, 5], [1, 2, 3, 4, 6], [-1, -2, -3, -4, -6]])
    print("sum weights:", net.evaluate(X).ravel(), "expected", X.sum(axis=1))

    # A zero error proves nothing about the gradient. Start a little off instead:
    rng = np.random.default_rng(0)
    for layer in net.weights:
        layer["W"] += rng.normal(0, 0.2, size=layer["W"].shape)
    X = rng.uniform(-1, 1, size=(200, 5))
    T = X.sum(axis=1, keepdims=True)
    try:
        for step in range(301):
            if step % 100 == 0:
                print(f"step {step}: L = {0.5 * np.sum((T - net.evaluate(X)) ** 2):.6g}")
            net.update_weights(X, T)
    except ValueError as error:
        print("update_weights failed:", error)
