# source: Skylyong/MLP_with_numpy, mlp.py, 1527b512c51a3d768bbd6be3231b8a5e64fdace5
# truth: buggy
# named: none
# missed: squared-error-gradient-doubled: the factor 2 is on the gradient of the mean loss (2 * (y - t) / n per example, then averaged), and every call raises (np.tile hard-codes 2 inputs) unless the network has exactly 2 inputs and 1 output, where the leaky slope and the last-batch-only update change the step too, so no catalogued bug, alone or combined, does what it does
# unnamed: the repository's "ReLU" (relu_activation) is a leaky ReLU with alpha=0.05, in the forward pass behind the gradients and in its slope (0.05 instead of 0 for z < 0); np.tile(Db_ih, (2, 1)) hard-codes 2 input features, so the hidden weight gradient raises a shape error for any other input size; only the gradients of the last mini-batch of 8 (after a shuffle) are averaged and applied, so each step ignores all but at most 8 examples; the output weights are kept as one row (1, n_h), so a network with more than one output unit fails
# A per-example MLP (one hidden layer, one output) whose gradients are written out by hand with the model's activation and loss functions, averaged over a mini-batch, and applied in place.

import numpy as np


def mse_loss(y, t):
    return np.mean(np.square(y - t))


def mse_loss_grad(y, t):
    return 2 * (y - t) / np.prod(y.shape)


def linear_activation(x):
    return x


def linear_activation_grad(x):
    return np.array([1])


def relu_activation(x, alpha=0.05):
    return np.where(x < 0, alpha * x, x)


def relu_activation_grad(x, alpha=0.05):
    return np.where(x < 0, alpha, 1)


def forward_multilayer_perceptron(x, perceptron_model, return_pre_activation=False):
    x = x.reshape(1, -1)
    h_ih = x.dot(perceptron_model[0]) + perceptron_model[1].reshape(1, -1)
    h = perceptron_model[4](h_ih)
    a = h.dot(perceptron_model[2].reshape(-1, 1)) + perceptron_model[3]
    y = perceptron_model[6](a)
    if return_pre_activation:
        return y, a, h, h_ih
    return y


def compute_gradient_multilayer_perceptron(x, t, perceptron_model):
    y, a, h, h_ih = forward_multilayer_perceptron(x, perceptron_model, return_pre_activation=True)
    Db_ho = perceptron_model[-1](y, t) * perceptron_model[-3](a)
    DW_ho = perceptron_model[-1](y, t) * perceptron_model[-3](a) * h
    Db_ih = perceptron_model[-1](y, t) * perceptron_model[-3](a) * perceptron_model[2] * perceptron_model[5](h_ih)
    DW_ih = np.tile(Db_ih, (2, 1)) * x.reshape(-1, 1)
    return DW_ih, Db_ih, DW_ho, Db_ho


def update_multilayer_perceptron(grads, learning_rate, perceptron_model):
    for i in range(4):
        perceptron_model[i] -= learning_rate * grads[i]
    return perceptron_model


def one_epoch(X_train, y_train, model, learning_rate, batch_size=8):
    # the body of fit_multilayer_perceptron's loop over epochs, unchanged
    indices = np.arange(X_train.shape[0])
    np.random.shuffle(indices)
    for i in range(0, X_train.shape[0], batch_size):
        end = min(batch_size + i, X_train.shape[0])
        batch_indices = indices[i:end]
        Grad = []
        for k, index in enumerate(batch_indices):
            grad = compute_gradient_multilayer_perceptron(X_train[index], y_train[index], model)
            Grad.append(grad)
    avg_grad = [Grad[0][0], Grad[0][1], Grad[0][2], Grad[0][3]]
    for g in Grad[1:]:
        for i in range(4):
            avg_grad[i] += g[i]
    for i in range(4):
        avg_grad[i] /= len(Grad)
    update_multilayer_perceptron(avg_grad, learning_rate, model)


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
        # the repository's model list for regression (its commented-out regression test: relu_activation hidden,
        # linear output, mse loss); the parameters are views of this network's arrays, in its layout:
        # W_ih (n_in, n_h), b_ih (1, n_h), W_ho (1, n_h) for its single output, b_ho (1, 1)
        model = [
            self.weights[0]["W"],
            self.weights[0]["b"].reshape(1, -1),
            self.weights[1]["W"].reshape(1, -1),
            self.weights[1]["b"].reshape(1, -1),
            relu_activation,
            relu_activation_grad,
            linear_activation,
            linear_activation_grad,
            mse_loss,
            mse_loss_grad,
        ]
        one_epoch(training_input, target_output, model, self.alpha)
