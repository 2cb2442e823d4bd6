"""the output layer is fed the hidden pre-activation z instead of the activation a = relu(z)

y = a @ W1 + b1 with a = relu(z): the gradient of W1 is a.T @ dely. Using z there (or in
evaluate) skips the ReLU, so the two layers collapse into one linear map.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = z.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
