"""the hidden layer's delta uses sigmoid's derivative, s * (1 - s) with s = sigmoid(z), on a ReLU layer

sigmoid(z) * (1 - sigmoid(z)) is the derivative of the sigmoid. This network's hidden
layer is a ReLU, whose derivative is 1 where z > 0 and 0 elsewhere: dz = (z > 0) * da.
Each layer's delta needs the derivative of that layer's own activation.
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
        s = 1 / (1 + np.exp(-z))  # noqa: F821
        dz = s * (1 - s) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
