# source: boringPpl/hasbrain-helper-files, neural-network/final.py, 0d7944703767ccd23f0ddc880639c48eb0168f65
# truth: buggy
# named: none
# missed: hidden-derivative-tanh: every call of update_weights raises (a shape error from the Y broadcast below) before the tanh slope is used, so nothing observable shows it
# unnamed: dZ2 = A2 - Y with A2 (n_y, m) and Y given one example per row (m, n_y): it broadcasts to the wrong shape (Y_T is computed and never used)
# The planar-data backward pass with column-convention weights but X and Y passed one example per row, tanh's 1 - A1**2 as the hidden slope.

import numpy as np


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[0]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    Y_T = Y.T.reshape(1, -1)
    dZ2 = A2 - Y
    dW2 = 1 / m * np.dot(dZ2, A1.T)
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
    dW1 = 1 / m * np.dot(dZ1, X)
    db1 = 1 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


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
        _, _, parameters, cache = self._columns(training_input, target_output)
        # the repository passes X and Y with one example per ROW (its forward computes W1 @ X.T)
        self._step(parameters, backward_propagation(parameters, cache, training_input, target_output))
