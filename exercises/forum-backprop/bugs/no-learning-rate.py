"""The update adds the gradients without the learning rate alpha

Gradient descent moves each parameter by alpha times its gradient: `W += alpha * dW`.
Without alpha the step is the whole gradient, which for a summed error over many
examples is far too large: the weights overshoot and the error grows instead of
shrinking. alpha is given to the network (`self.alpha`) for exactly this.
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
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += dw0  # (the bug)
        self.weights[0]["b"] += db0
        self.weights[1]["W"] += dw1
        self.weights[1]["b"] += db1
