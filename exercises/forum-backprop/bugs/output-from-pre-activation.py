"""the output is computed from the hidden pre-activation z instead of the activation a = relu(z)

The network's output is y = a @ W1 + b1 with a = relu(z). Computing it from z (y = z @ W1
+ b1) skips the ReLU: the prediction, the error and every gradient are then those of a
network without its hidden activation, whose two layers collapse into one linear map.
Feed the output layer a, as evaluate does.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        # evaluate's output, moved from a @ W1 to z @ W1: written as a change to the given
        # output (not a new formula) so that it combines with bugs of the forward pass
        training_output = training_output + (z - a) @ self.weights[1]["W"]
        dely = target_output - training_output
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
