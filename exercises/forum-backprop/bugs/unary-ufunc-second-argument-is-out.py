"""np.square(output, target): a one-argument ufunc's second argument is out, so the targets are overwritten

np.square, np.exp, np.abs and the other one-argument ufuncs take a single array; their
second positional parameter is out, the array to write the result into. So
np.square(output, target) does not square the difference: it writes output**2 into
target, destroying the caller's targets, and every gradient after it is taken against
output**2. Square the difference, np.square(output - target).
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        loss = np.square(training_output, target_output).sum()  # noqa: F821, F841  (the bug)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
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
