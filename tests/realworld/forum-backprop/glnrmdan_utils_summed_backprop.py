# source: glnrmdan/Semantic-Segmentation-Using-CNN, utils/neural_network.py, bd4467a7dec2ef2f6dcc0ef8d72f2211200f2897
# truth: correct
# named: none
# A utility network class (rows as examples, ReLU hidden layer): the output delta is the output with the targets subtracted in place, the hidden delta is zeroed where a1 <= 0, the gradients are summed over the examples and subtracted.

import numpy as np


class UtilsNetwork:
    # __init__ is skipped (the weights are set below); the repository's output is a softmax over integer labels
    # y (delta3 = probs; delta3[range(m), y] -= 1), here the linear output with the targets T subtracted
    def backward(self, X, T, learning_rate):
        delta3 = self.output
        delta3 -= T
        delta2 = np.dot(delta3, self.W2.T)
        delta2[self.a1 <= 0] = 0  # ReLU derivative
        dW2 = np.dot(self.a1.T, delta3)
        db2 = np.sum(delta3, axis=0)
        dW1 = np.dot(X.T, delta2)
        db1 = np.sum(delta2, axis=0)

        # Update parameters
        self.W1 -= learning_rate * dW1
        self.b1 -= learning_rate * db1
        self.W2 -= learning_rate * dW2
        self.b2 -= learning_rate * db2


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
        net = UtilsNetwork()
        net.W1, net.b1 = self.weights[0]["W"], self.weights[0]["b"]
        net.W2, net.b2 = self.weights[1]["W"], self.weights[1]["b"]
        # the class's forward with this network's linear output in place of the softmax
        net.z1 = np.dot(training_input, net.W1) + net.b1
        net.a1 = np.maximum(0, net.z1)
        net.z2 = np.dot(net.a1, net.W2) + net.b2
        net.output = net.z2
        net.backward(training_input, target_output, self.alpha)
