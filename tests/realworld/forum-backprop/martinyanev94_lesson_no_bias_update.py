# source: martinyanev94/computer-vision-model-deployment, Lesson_3_Building_Neural_Network_Components/part_2_neural_network_training.py, 042f672624292076ca59e0c4ee176f73d2c44bf2
# truth: buggy
# named: biases-never-updated
# A lesson's network (part_1_neural_network.py: rows as examples, ReLU hidden layer, linear output, biases) whose backpropagation adds the steps built from y - output (a descent step on the summed error) to the two weight matrices only, with the hidden slope np.where(a > 0, 1, 0) taken on the hidden activation.

import numpy as np


class LessonNetwork:
    # part_1_neural_network.py (its __init__, with random weights and biases, is skipped: the weights are set below)
    def feedforward(self, X):
        self.hidden_layer_activation = np.dot(X, self.weights_input_hidden) + self.bias_hidden
        self.hidden_layer_output = self.relu(self.hidden_layer_activation)
        self.output_layer_activation = np.dot(self.hidden_layer_output, self.weights_hidden_output) + self.bias_output
        return self.output_layer_activation

    def relu(self, x):
        return np.maximum(0, x)

    # part_2_neural_network_training.py (defined there as functions taking self, for the class)
    def backpropagation(self, X, y, learning_rate):
        output_errors = y - self.output_layer_activation
        hidden_errors = np.dot(output_errors, self.weights_hidden_output.T) * self.relu_derivative(self.hidden_layer_output)

        # Update weights
        self.weights_hidden_output += np.dot(self.hidden_layer_output.T, output_errors) * learning_rate
        self.weights_input_hidden += np.dot(X.T, hidden_errors) * learning_rate

    def relu_derivative(self, x):
        return np.where(x > 0, 1, 0)


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
        net = LessonNetwork()
        net.weights_input_hidden, net.bias_hidden = self.weights[0]["W"], self.weights[0]["b"]
        net.weights_hidden_output, net.bias_output = self.weights[1]["W"], self.weights[1]["b"]
        # part_3's train(): feedforward, then backpropagation
        net.feedforward(training_input)
        net.backpropagation(training_input, target_output, self.alpha)
        self.weights[0]["W"], self.weights[0]["b"] = net.weights_input_hidden, net.bias_hidden
        self.weights[1]["W"], self.weights[1]["b"] = net.weights_hidden_output, net.bias_output
