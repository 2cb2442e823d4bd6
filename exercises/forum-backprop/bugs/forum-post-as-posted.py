"""ReLU derivative computed as max(z, 0), and output weight gradient as np.sum(a * dely, axis=0): the post's code as posted

Both of the post's bugs. The output weight gradient must be `a.T @ dely`, shaped like
`weights[1]["W"]`: the post's 1-D `np.sum(a * dely, axis=0)` cannot be added to it, so
the update raises a ValueError (or, when n_h == n_out, adds the wrong values). And the
ReLU derivative is a step, `(z > 0)`, not the function itself, `np.maximum(z, 0)`. When
the update raises, the grader cannot see the ReLU line: if you have already fixed it,
only the first bug is left.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = np.sum(a * dely, axis=0).T  # noqa: F821  (bug 2)
        da = dely @ (self.weights[1]["W"].T)
        dz = np.maximum(z, 0) * da  # noqa: F821  (bug 1)
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
