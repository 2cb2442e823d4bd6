r"""x.dot(x, W): the input is multiplied by itself, because ndarray.dot takes one matrix

np.dot(a, b) takes both factors, but the method a.dot(b) takes only the second: its next
parameter is out, an array to write the result into. Writing x.dot(x, W) (np.dot's
arguments moved into the method) computes x @ x, which fails for a non-square input with
"shapes ... not aligned", and W is never used. Write x.dot(W), np.dot(x, W) or x @ W.

Repair: \b([A-Za-z_]\w*)\.dot\(\s*\1\s*,\s* => \1.dot(
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        h = training_input.dot(training_input, self.weights[0]["W"])  # meant: x @ W0
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
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
