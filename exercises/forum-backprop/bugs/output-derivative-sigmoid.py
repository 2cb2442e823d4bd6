"""the output delta is multiplied by a sigmoid derivative, though the output layer is linear

The output of this network is y = x @ W1 + b1, with no activation: dL/dy is already the
output delta. Multiplying it by y * (1 - y), the sigmoid's derivative, belongs to a
network whose output is a sigmoid.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = (target_output - training_output) * training_output * (1 - training_output)
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
