"""Reference NumPy implementation that the grader's checks compare against."""

from reference.activations import (
    ACTIVATIONS,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    softmax,
    tanh,
    tanh_derivative,
)
from reference.forum import NeuralNetwork
from reference.network import (
    LOSSES,
    backward,
    binary_cross_entropy,
    compute_loss,
    forward,
    forward_loop,
    initialize_parameters,
    predict,
    squared_error,
    train,
    update_parameters,
)

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "NeuralNetwork",
    "backward",
    "binary_cross_entropy",
    "compute_loss",
    "forward",
    "forward_loop",
    "initialize_parameters",
    "leaky_relu",
    "leaky_relu_derivative",
    "predict",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "softmax",
    "squared_error",
    "tanh",
    "tanh_derivative",
    "train",
    "update_parameters",
]
