"""ReLU derivative computed as max(z, 0)

The derivative of ReLU is a step: 1 where z > 0 and 0 where z < 0, so the hidden-layer
gradient is `dz = (z > 0) * da`. Multiplying by `np.maximum(z, 0)`, the ReLU itself,
scales each example's gradient by the size of its pre-activation instead of passing it
unchanged: the derivative is a step, not the function itself.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = np.maximum(z, 0) * da  # noqa: F821  (the bug)
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
