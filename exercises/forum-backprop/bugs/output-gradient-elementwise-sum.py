"""Output-layer weight gradient computed as np.sum(a * dely, axis=0)

The gradient of the output weights is the matrix product `a.T @ dely`, of shape
(n_h, n_out) like `weights[1]["W"]`. The post's `np.sum(a * dely, axis=0)` is a 1-D
(n_h,) vector (its `.T` does nothing): adding it to the (n_h, n_out) weights raises
a broadcasting ValueError, or, when n_h == n_out, silently adds the wrong values.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = np.sum(a * dely, axis=0).T  # noqa: F821  (the bug)
        da = dely @ (self.weights[1]["W"].T)
        dz = (z > 0) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
