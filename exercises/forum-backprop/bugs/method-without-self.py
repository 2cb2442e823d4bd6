"""a method defined without self: self.method(z) passes two arguments to a def of one

Python passes the instance itself as the first argument of every method call, so
self.relu_derivative(z) calls relu_derivative(self, z). A method written def
relu_derivative(z): (a function moved into the class unchanged) takes one, and the call
raises "takes 1 positional argument but 2 were given". Give the method self as its first
parameter (or make it a @staticmethod, or a plain function outside the class). If the
method does have self, the call passes an argument its definition does not take.
"""


class NeuralNetwork(NeuralNetwork):  # noqa: F821
    def relu_derivative(z):
        return (z > 0) * 1.0

    def update_weights(self, training_input, target_output):
        training_output = self.evaluate(training_input)
        z = training_input @ self.weights[0]["W"] + self.weights[0]["b"]
        a = np.maximum(z, 0)  # noqa: F821
        dely = target_output - training_output
        db1 = np.sum(dely, axis=0)  # noqa: F821
        dw1 = a.T @ dely
        da = dely @ (self.weights[1]["W"].T)
        dz = self.relu_derivative(z) * da
        db0 = np.sum(dz, axis=0).T  # noqa: F821
        dw0 = training_input.T @ dz
        self.weights[0]["W"] += self.alpha * dw0
        self.weights[0]["b"] += self.alpha * db0
        self.weights[1]["W"] += self.alpha * dw1
        self.weights[1]["b"] += self.alpha * db1
