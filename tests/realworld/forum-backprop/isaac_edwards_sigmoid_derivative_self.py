# source: Isaac-Edwards/MachineLearning, TrialNeuralNet/NeuralNetwork.py, 8af48b8246cee360a8b6d10d7c44403d9a515929
# truth: buggy
# named: no-biases, method-without-self
# missed: missing-relu-derivative, squared-error-gradient-doubled, output-derivative-sigmoid, no-learning-rate: every call of update_weights raises TypeError at the self-less sigmoid_derivative, in the first line of the backward pass, so none of them can show (nor the undefined sigmoid behind it)
# unnamed: sigmoid_derivative calls sigmoid as a global, but sigmoid is a method: NameError once self is added
# The 'build your own neural network' tutorial class (no biases, no learning rate) whose sigmoid_derivative lacks self and whose first-layer gradient leaves out the hidden activation's slope.

import numpy as np


class TutorialNetwork:
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_derivative(x):
        return sigmoid(x) * (1 - sigmoid(x))  # noqa: F821

    def backprop(self):
        delta = 2 * (self.y - self.output) * self.sigmoid_derivative(self.output)
        d_weights2 = np.dot(self.layer1.T, delta)
        d_weights1 = np.dot(self.input.T, np.dot(delta, self.weights2.T))
        self.weights1 += d_weights1
        self.weights2 += d_weights2


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
        # the repository's network has no biases: its forward pass is the given one without b
        x = np.maximum(input_feature @ self.weights[0]["W"], 0)
        return x @ self.weights[1]["W"]

    def update_weights(self, training_input, target_output):
        net = TutorialNetwork()
        net.input, net.y = training_input, target_output
        net.weights1, net.weights2 = self.weights[0]["W"], self.weights[1]["W"]
        # this network's forward state (ReLU hidden, linear output; no biases, as in the tutorial)
        net.layer1 = np.maximum(training_input @ net.weights1, 0)
        net.output = net.layer1 @ net.weights2
        net.backprop()
