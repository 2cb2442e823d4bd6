"""Bias gradients summed over the units (axis=1) instead of over the examples (axis=0)

Here each row is one example: dely and dz have shape (m, units), so a bias's gradient
is the sum down its column, np.sum(dz, axis=0), one value per unit. axis=1 adds across
each row instead, giving one value per example, which does not fit the bias (it only
runs when m happens to match, or m = 1). This is the column convention of many courses,
where examples are columns and db = np.sum(dZ, axis=1): right there, wrong here.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=1)  # noqa: F821  (the bug)
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=1)  # noqa: F821  (the bug)
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
