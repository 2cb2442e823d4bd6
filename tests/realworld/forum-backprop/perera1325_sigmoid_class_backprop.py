# source: Perera1325/NeuroWeave-AI, src/neural_network.py, 706c04313f8d3d736a2803f25105dd46e3d6659a
# truth: buggy
# named: hidden-derivative-sigmoid, output-derivative-sigmoid
# A sigmoid/sigmoid network class whose backward method multiplies both deltas by x * (1 - x) and adds the error-times-activation steps (a descent step, since error = y - output).

import numpy as np


class SigmoidNetwork:
    def sigmoid_derivative(self, x):
        return x * (1 - x)

    def backward(self, X, y):
        error = y - self.output
        d_output = error * self.sigmoid_derivative(self.output)
        d_hidden = d_output.dot(self.W2.T) * self.sigmoid_derivative(self.a1)
        self.W2 += self.a1.T.dot(d_output) * self.learning_rate
        self.b2 += np.sum(d_output, axis=0, keepdims=True) * self.learning_rate
        self.W1 += X.T.dot(d_hidden) * self.learning_rate
        self.b1 += np.sum(d_hidden, axis=0, keepdims=True) * self.learning_rate
        return np.mean(np.square(error))


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
        net = SigmoidNetwork()
        net.W1, net.b1 = self.weights[0]["W"].copy(), self.weights[0]["b"].reshape(1, -1).copy()
        net.W2, net.b2 = self.weights[1]["W"].copy(), self.weights[1]["b"].reshape(1, -1).copy()
        net.learning_rate = self.alpha
        # this network's forward state (ReLU hidden, linear output), in the class's attribute names
        net.z1 = training_input @ net.W1 + net.b1
        net.a1 = np.maximum(net.z1, 0)
        net.output = net.a1 @ net.W2 + net.b2
        net.backward(training_input, target_output)
        self.weights[0]["W"], self.weights[0]["b"] = net.W1, net.b1.reshape(-1)
        self.weights[1]["W"], self.weights[1]["b"] = net.W2, net.b2.reshape(-1)
