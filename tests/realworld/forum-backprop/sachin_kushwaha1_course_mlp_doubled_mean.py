# source: Sachin-Kushwaha1/Zero-to-ML-DL-AI-Hero-Full-Course, 13_Deep_Learning_Foundations.md, 8340ee4d6a69993f92dc05ebdf5d4a3834b0f594
# truth: buggy
# named: squared-error-gradient-doubled
# A course's "tiny 2-layer MLP for regression" (rows as examples, ReLU hidden, linear output) trained on the mean of (yhat - y)**2 with d_yhat = 2 * (yhat - y) / len(X): the mean convention's step, doubled; the hidden delta is zeroed where h <= 0 and the steps are subtracted in place.

import numpy as np


def relu(x):
    return np.maximum(0, x)


def training_step(X, y, w1, b1, w2, b2, lr):
    # one pass of the course's training loop
    h = relu(X @ w1 + b1)
    yhat = h @ w2 + b2
    loss = ((yhat - y) ** 2).mean()

    # Backprop
    d_yhat = 2 * (yhat - y) / len(X)
    d_w2 = h.T @ d_yhat
    d_b2 = d_yhat.sum(axis=0)
    d_h = d_yhat @ w2.T
    d_h[h <= 0] = 0
    d_w1 = X.T @ d_h
    d_b1 = d_h.sum(axis=0)

    w1 -= lr * d_w1
    b1 -= lr * d_b1
    w2 -= lr * d_w2
    b2 -= lr * d_b2
    return loss


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
        training_step(training_input, target_output, self.weights[0]["W"], self.weights[0]["b"],
                      self.weights[1]["W"], self.weights[1]["b"], self.alpha)
