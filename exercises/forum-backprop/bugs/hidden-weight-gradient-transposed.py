"""The hidden weights' gradient is computed transposed: dz.T @ X instead of X.T @ dz

W1 has shape (n_x, n_h): one row per input, one column per hidden unit, so its gradient
must have that shape too. training_input.T @ dz, (n_x, m) @ (m, n_h), does; dz.T @
training_input gives (n_h, n_x), the transpose, which cannot be added to W1 unless
n_x = n_h. Put the factor whose rows are the weight's rows first: here the inputs.
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
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = dz.T @ training_input  # (the bug)
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
