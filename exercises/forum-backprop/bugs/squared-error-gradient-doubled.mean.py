"""the gradient of the mean squared error taken without the 1/2: every step twice as long

On the mean error L = 1/(2m) * sum((target - output)**2) the gradient with respect to
the output is (output - target) / m. Writing it as 2 * (target - output) / m, the
derivative of the mean without the 1/2, doubles every step: the same as training with
2 * alpha. It is a convention clash between two ways of writing the loss; with this
loss, drop the 2.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = 2 * (target_output - training_output) / len(training_input)
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
