# source: MattiusW/ML_neural_neuron, neural_network_image_pokemon/backward_propagation.py, a9a7dabea9bd104206fd0efffe5fb1793ba4e508
# truth: correct
# named: none
# A row-convention backward pass averaged over the examples with a float ReLU step, and an update function that subtracts the gradients in place.

import numpy as np


def relu_derivative(x):
    return (x > 0).astype(float)


def backward_propagation(X, Y, cache, W1, W2):
    m = X.shape[0]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(cache["A1"].T, dZ2) / m
    db2 = np.sum(dZ2, axis=0, keepdims=True) / m
    dZ1 = np.dot(dZ2, W2.T) * relu_derivative(cache["Z1"])
    dW1 = np.dot(X.T, dZ1) / m
    db1 = np.sum(dZ1, axis=0, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def apply_gradients(W1, b1, W2, b2, grads, learning_rate):
    W1 -= learning_rate * grads["dW1"]
    b1 -= learning_rate * grads["db1"]
    W2 -= learning_rate * grads["dW2"]
    b2 -= learning_rate * grads["db2"]
    return W1, b1, W2, b2


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
        X, Y = training_input, target_output
        W1, b1 = self.weights[0]["W"].copy(), self.weights[0]["b"].reshape(1, -1).copy()
        W2, b2 = self.weights[1]["W"].copy(), self.weights[1]["b"].reshape(1, -1).copy()
        # this network's forward state (ReLU hidden, linear output) in the repository's names
        Z1 = X @ W1 + b1
        A1 = np.maximum(Z1, 0)
        A2 = A1 @ W2 + b2
        grads = backward_propagation(X, Y, {"Z1": Z1, "A1": A1, "Z2": A2, "A2": A2}, W1, W2)
        W1, b1, W2, b2 = apply_gradients(W1, b1, W2, b2, grads, self.alpha)
        self.weights[0]["W"], self.weights[0]["b"] = W1, b1.reshape(-1)
        self.weights[1]["W"], self.weights[1]["b"] = W2, b2.reshape(-1)
