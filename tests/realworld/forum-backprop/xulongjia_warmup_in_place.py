# source: XuLongjia/PythonForML, 手写反向传播.py, 81feba5db987e9045e7aa4676fbba2d16786132f
# truth: buggy
# named: no-biases, squared-error-gradient-doubled
# The PyTorch tutorial's NumPy warm-up copied by hand: a bias-less two-layer ReLU net trained on sum((y_pred - y)**2) with grad = 2.0 * (y_pred - y), updating w1 and w2 in place.

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
        # forward pass
        h = x.dot(w1)
        h_relu = np.maximum(h, 0)
        y_pred = h_relu.dot(w2)
        # backward pass
        grad_w_pred = 2.0 * (y_pred - y)
        grad_w2 = h_relu.T.dot(grad_w_pred)
        grad_h_relu = grad_w_pred.dot(w2.T)
        grad_h = grad_h_relu.copy()
        grad_h[h < 0] = 0
        grad_w1 = x.T.dot(grad_h)
        # update the w1 and w2
        w1 -= learning_rate * grad_w1
        w2 -= learning_rate * grad_w2
