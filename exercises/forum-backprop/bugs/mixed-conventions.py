"""Mean over the examples for the biases but sum for the weights

The biases' gradients are averaged (`np.mean(..., axis=0)`) while the weights' are summed
(`a.T @ dely`): the biases then move m times too slowly. Both conventions are fine, but
the step must be on one loss, L or L/m, for all four parameters.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.mean(dely, axis=0)  # noqa: F821  (the bug)
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.mean(dz, axis=0)  # noqa: F821  (the bug)
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
