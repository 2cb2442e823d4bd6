"""update_weights with each weight gradient built transposed and transposed back

(dely.T @ a).T is a.T @ dely: the same (n_h, n_y) gradient, written from the other side.
It must not be told that its gradients are transposed, nor that it lacks the learning
rate: it is right.

Expected: none
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = dely.sum(axis=0)
        dw1 = (dely.T @ a).T
        da = dely @ self.weights[1]["W"].T
        dz = np.where(z > 0, da, 0.0)  # noqa: F821
        db0 = dz.sum(axis=0)
        dw0 = (dz.T @ training_input).T
        lr = self.alpha
        self.weights[0]["W"] = self.weights[0]["W"] + lr * dw0
        self.weights[0]["b"] = self.weights[0]["b"] + lr * db0
        self.weights[1]["W"] = self.weights[1]["W"] + lr * dw1
        self.weights[1]["b"] = self.weights[1]["b"] + lr * db1
