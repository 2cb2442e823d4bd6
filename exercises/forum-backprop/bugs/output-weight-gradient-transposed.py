"""The output weights' gradient is computed transposed: dely.T @ a instead of a.T @ dely

W2 has shape (n_h, n_y): one row per hidden unit, one column per output, so its
gradient must have that shape too. a.T @ dely, (n_h, m) @ (m, n_y), does; dely.T @ a
gives (n_y, n_h), the transpose, which cannot be added to W2 unless n_h = n_y. Put the
factor whose rows are the weight's rows first: here the hidden activations.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = dely.T @ a  # (the bug)
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
