# source: Silva-6/deeplearning.AI-deep_learning, 0-neural_networks-nd-deep_learning/2-Planar_data_classification_with_one_hidden_layer/4-backward_propagation.py, 857f3db19e3fb8cf1ac66af9077390e4f60bc2a1
# truth: buggy
# named: hidden-derivative-tanh
# The deeplearning.ai planar-data backward pass (graded function) with tanh's 1 - A1**2 as the hidden slope, written for a tanh network.

import numpy as np


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    grads = {}
    dZ2 = A2 - Y
    grads["dW2"] = np.dot(dZ2, A1.T) / m
    grads["db2"] = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.multiply(np.dot(parameters["W2"].T, dZ2), 1 - np.power(A1, 2))  # tanh's slope
    grads["dW1"] = np.dot(dZ1, X.T) / m
    grads["db1"] = np.sum(dZ1, axis=1, keepdims=True) / m
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
        X, Y, parameters, cache = self._columns(training_input, target_output)
        self._step(parameters, backward_propagation(parameters, cache, X, Y))
