import numpy as np


class NeuralNetwork:
    def __init__(self, layers, alpha):
        self.num_layers = len(layers)  # has to be 3
        self.layers = layers
        self.alpha = alpha
        self.weights = [{"W": None, "b": None} for i in range(self.num_layers - 1)]
        for i in range(self.num_layers - 1):
            scale = np.sqrt(2 / layers[i])
            self.weights[i]["W"] = np.random.normal(0, scale, size=(layers[i], layers[i + 1]))
            self.weights[i]["b"] = np.random.normal(0, scale, size=layers[i + 1])

    def evaluate(self, input_feature):
        psi = input_feature @ self.weights[0]["W"] + self.weights[0]["b"]
        x = np.maximum(psi, 0)
        y = x @ self.weights[1]["W"] + self.weights[1]["b"]
        return y

    def update_weights(self, training_input, target_output):
        """One gradient step on the mean squared error (the 1/m version)."""
        m = training_input.shape[0]
        W0, b0 = self.weights[0]["W"], self.weights[0]["b"]
        W1, b1 = self.weights[1]["W"], self.weights[1]["b"]

        z = training_input @ W0 + b0  # (m, n_h)
        a = np.maximum(z, 0)
        y = a @ W1 + b1  # (m, n_y)
        err = (y - target_output) / m  # dL/dy

        dW1 = a.T @ err
        db1 = err.sum(axis=0)
        dz = (err @ W1.T) * (z > 0)
        dW0 = training_input.T @ dz
        db0 = dz.sum(axis=0)

        self.weights[0]["W"] = W0 - self.alpha * dW0
        self.weights[0]["b"] = b0 - self.alpha * db0
        self.weights[1]["W"] = W1 - self.alpha * dW1
        self.weights[1]["b"] = b1 - self.alpha * db1
