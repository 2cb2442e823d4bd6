# source: ft1148137/NN_Playground, basic_nn/two_layer_nn_with_numpy.py, b15df747aae24a9dde7a5272ea5ee54dac73c271
# truth: buggy
# named: no-biases, squared-error-gradient-doubled, output-from-pre-activation
# The PyTorch tutorial's NumPy warm-up (a bias-less two-layer net trained on sum((y_pred - y)**2)), whose output is computed from the pre-activation h.

import numpy as np


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
        # one iteration of the repository's training loop, in its names
        x, y = training_input, target_output
        w1, w2 = self.weights[0]["W"], self.weights[1]["W"]
        learning_rate = self.alpha
        h = x.dot(w1)
        h_relu = np.maximum(h, 0)
        y_pred = h.dot(w2)
        grad_y_pred = 2.0 * (y_pred - y)
        grad_w2 = h_relu.T.dot(grad_y_pred)
        grad_h = grad_y_pred.dot(w2.T).copy()
        grad_h[h < 0] = 0
        grad_w1 = x.T.dot(grad_h)
        w1 -= learning_rate * grad_w1
        w2 -= learning_rate * grad_w2
