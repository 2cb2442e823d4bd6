# source: YingChen1996/leetcode_daydayup, python_numpy/MLP_train_infer.py, 68979e7b0d23c0d342cccae54cf9cd326b383b88
# truth: buggy
# named: no-biases, dot-second-argument-is-out, squared-error-gradient-doubled, unary-ufunc-second-argument-is-out
# The PyTorch tutorial's NumPy warm-up: a bias-less two-layer ReLU net trained on sum((y_pred - y)**2) with grad_y_pred = 2 * (y_pred - y), mistyped: x.dot(x, w1) and np.square(y_pred, y) pass a second array as out.

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
        h = x.dot(x, w1)
        h_relu = np.maximum(h, 0)
        y_pred = h_relu.dot(w2)
        loss = np.square(y_pred, y).sum()
        grad_y_pred = 2 * (y_pred - y)
        grad_w2 = h_relu.T.dot(grad_y_pred)
        grad_h = grad_y_pred.dot(w2.T).copy()
        grad_h[h < 0] = 0
        grad_w1 = x.T.dot(grad_h)
        w1 -= learning_rate * grad_w1
        w2 -= learning_rate * grad_w2
