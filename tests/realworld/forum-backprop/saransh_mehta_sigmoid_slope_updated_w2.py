# source: saransh-mehta/EcommercePredictionNeuralNetwork, backPropagationNN.py, c54993f7c74bd1033fb6897a1b1a4b92b2e92593
# truth: buggy
# named: hidden-derivative-sigmoid, hidden-gradient-uses-updated-output-weights
# A Lazy-Programmer-style row-convention backprop that adds steps built from T - Y (a descent step): the hidden delta uses the sigmoid slope Z * (1 - Z) of the hidden activation, and W2 is updated before derivative_w1 and derivative_b1 read it.

import numpy as np


def derivative_w2(Z, T, Y):
    return Z.T.dot(T - Y)


def derivative_w1(X, Z, T, Y, W2):
    dZ = (T - Y).dot(W2.T) * Z * (1 - Z)
    return X.T.dot(dZ)


def derivative_b2(T, Y):
    return (T - Y).sum(axis=0)


def derivative_b1(T, Y, W2, Z):
    return ((T - Y).dot(W2.T) * Z * (1 - Z)).sum(axis=0)


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
        X, T = training_input, target_output
        W1, b1 = self.weights[0]["W"], self.weights[0]["b"]
        W2, b2 = self.weights[1]["W"], self.weights[1]["b"]
        learning_rate = self.alpha
        # this network's forward state (ReLU hidden, linear output) in the repository's names:
        # hidden is the hidden activation, output the network's output
        hidden = np.maximum(X.dot(W1) + b1, 0)
        output = hidden.dot(W2) + b2
        # the repository's update, in its order ("this is gradient ASCENT"): W2 first
        W2 += learning_rate * derivative_w2(hidden, T, output)
        b2 += learning_rate * derivative_b2(T, output)
        W1 += learning_rate * derivative_w1(X, hidden, T, output, W2)
        b1 += learning_rate * derivative_b1(T, output, W2, hidden)
