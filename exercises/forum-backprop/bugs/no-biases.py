"""no biases: evaluate leaves b0 and b1 out, and update_weights never moves them

Each layer is an affine map, x @ W + b. Without the biases every unit's decision
boundary passes through the origin, and a target with an offset cannot be fitted. Add
the biases in evaluate, and update them with the column sums of the deltas.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def evaluate(self, input_feature):
        x = np.maximum(input_feature @ self.weights[0]["W"], 0)  # noqa: F821
        return x @ self.weights[1]["W"]

    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[1]["W"] += self.alpha * dw1
