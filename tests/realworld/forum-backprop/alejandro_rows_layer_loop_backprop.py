# source: alejandroalemanaleman/RedNeuronal_OH, RedNeuronal/neural_network_propagation/backward_propagation.py, 25956fc913e97173e320574c1105463052959cd0
# truth: correct
# named: none
# A backward pass for any number of layers, rows as examples, looping from the output layer down with gradients averaged over the examples and an integer ReLU step.

import numpy as np


def relu_derivative(x):
    return np.where(x > 0, 1, 0)


def backward_propagation(X, y, cache, parameters):
    L = len(parameters) // 2
    m = X.shape[0]
    grads = {}
    dZ = cache["A%d" % L] - y
    for l in range(L, 0, -1):
        grads["dW%d" % l] = np.dot(cache["A%d" % (l - 1)].T, dZ) / m
        grads["db%d" % l] = np.sum(dZ, axis=0, keepdims=True) / m
        if l > 1:
            dA = np.dot(dZ, parameters["W%d" % l].T)
            dZ = dA * relu_derivative(cache["Z%d" % (l - 1)])
    return grads


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

    def update_weights(self, training_input, target_output):
        p = {"W1": self.weights[0]["W"], "b1": self.weights[0]["b"], "W2": self.weights[1]["W"], "b2": self.weights[1]["b"]}
        # this network's forward state (ReLU hidden, linear output) under the repository's cache keys
        Z1 = training_input @ p["W1"] + p["b1"]
        A1 = np.maximum(Z1, 0)
        Z2 = A1 @ p["W2"] + p["b2"]
        grads = backward_propagation(training_input, target_output, {"A0": training_input, "Z1": Z1, "A1": A1, "Z2": Z2, "A2": Z2}, p)
        # the repository steps with Adam (another file): a plain gradient-descent step here
        for i in (0, 1):
            self.weights[i]["W"] = self.weights[i]["W"] - self.alpha * grads["dW%d" % (i + 1)]
            self.weights[i]["b"] = self.weights[i]["b"] - self.alpha * grads["db%d" % (i + 1)].reshape(-1)
