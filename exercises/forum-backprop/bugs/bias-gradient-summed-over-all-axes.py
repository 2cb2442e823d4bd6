"""Bias gradient summed over all axes instead of over the examples only

`np.sum(dz)` without `axis=0` adds up the gradients of all units into one number, which
is then added to every bias. Each unit's bias has its own gradient: sum over the
examples (the rows) only, `np.sum(dz, axis=0)`, giving one value per unit.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely)  # noqa: F821  (the bug)
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz)  # noqa: F821  (the bug)
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
