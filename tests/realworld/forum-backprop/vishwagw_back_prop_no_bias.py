# source: vishwagw/Building-Deep-learning-algorithms-from-scratch, forward_propogation.py, 9b7d86d5412973b154108d3da5b77270ef4d7719
# truth: buggy
# named: biases-never-updated, hidden-derivative-sigmoid
# A from-scratch column-convention backward pass that returns weight gradients only, uses the sigmoid slope a1 * (1 - a1) for the hidden layer and reads the inputs from a global.

import numpy as np


def back_prop(m, w1, w2, z1, a1, z2, a2, y):
    dz2 = a2 - y
    dw2 = np.dot(dz2, a1.T) / m
    dz1 = np.dot(w2.T, dz2) * a1 * (1 - a1)
    dw1 = np.dot(dz1, total_input.T) / m  # noqa: F821 (a global set by the caller)
    return dz2, np.reshape(dw2, w2.shape), dz1, np.reshape(dw1, w1.shape)


class NeuralNetwork:
    # __init__ and evaluate are the exercise's given code; update_weights follows the repository
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

    def _columns(self, training_input, target_output):
        # the repository has one example per COLUMN: X (n_x, m), W1 (n_h, n_x), b1 (n_h, 1);
        # the forward state is this network's (ReLU hidden, linear output)
        X, Y = training_input.T, target_output.T
        W1, b1 = self.weights[0]["W"].T, self.weights[0]["b"].reshape(-1, 1)
        W2, b2 = self.weights[1]["W"].T, self.weights[1]["b"].reshape(-1, 1)
        Z1 = W1 @ X + b1
        A1 = np.maximum(Z1, 0)
        A2 = W2 @ A1 + b2
        return X, Y, {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, {"Z1": Z1, "A1": A1, "Z2": A2, "A2": A2}

    def _step(self, p, g):
        # the repository has no update here: a plain gradient-descent step, back to rows
        for i in (1, 2):
            self.weights[i - 1]["W"] = (p["W%d" % i] - self.alpha * g["dW%d" % i]).T
            self.weights[i - 1]["b"] = (p["b%d" % i] - self.alpha * g["db%d" % i]).reshape(-1)

    def update_weights(self, training_input, target_output):
        global total_input
        X, Y, p, c = self._columns(training_input, target_output)
        total_input = X
        _, dw2, _, dw1 = back_prop(X.shape[1], p["W1"], p["W2"], c["Z1"], c["A1"], c["Z2"], c["A2"], Y)
        # the repository has no update: a gradient step on what it returns (the weights only)
        self.weights[0]["W"] = (p["W1"] - self.alpha * dw1).T
        self.weights[1]["W"] = (p["W2"] - self.alpha * dw2).T
