# source: maxmatkovski/Sports, Neural-Network.py, 3da3d77a0859b1aba8ff9c688cc49eb33bdc1b8c
# truth: buggy
# named: hidden-derivative-sigmoid
# An example network class for sigmoid layers (rows as examples) whose backward pass averages over the examples, dZ2 = a2 - y, and multiplies the hidden delta by sigmoid_derivative(z1), then subtracts the steps.

import numpy as np


class SportsNetwork:
    # __init__ is skipped (the weights are set below; its b2 = np.zeros(1, self.output_dim) would raise a TypeError)
    def backward(self, X, y, learning_rate):
        m = X.shape[0]  # Number of samples

        dZ2 = self.a2 - y
        dW2 = np.dot(self.a1.T, dZ2) / m
        db2 = np.sum(dZ2, axis=0) / m
        dZ1 = np.dot(dZ2, self.W2.T) * self.sigmoid_derivative(self.z1)
        dW1 = np.dot(X.T, dZ1) / m
        db1 = np.sum(dZ1, axis=0) / m

        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_derivative(self, x):
        return self.sigmoid(x) * (1 - self.sigmoid(x))


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
        net = SportsNetwork()
        net.W1, net.b1 = self.weights[0]["W"].copy(), self.weights[0]["b"].reshape(1, -1).copy()
        net.W2, net.b2 = self.weights[1]["W"].copy(), self.weights[1]["b"].reshape(1, -1).copy()
        # this network's forward state (ReLU hidden, linear output), in the class's attribute names
        net.z1 = np.dot(training_input, net.W1) + net.b1
        net.a1 = np.maximum(net.z1, 0)
        net.z2 = np.dot(net.a1, net.W2) + net.b2
        net.a2 = net.z2
        net.backward(training_input, target_output, self.alpha)
        self.weights[0]["W"], self.weights[0]["b"] = net.W1, net.b1.reshape(-1)
        self.weights[1]["W"], self.weights[1]["b"] = net.W2, net.b2.reshape(-1)
