"""The forum post's ``NeuralNetwork``, corrected, in the post's own ROW convention.

Unlike the lecture, one example is one ROW: ``input_feature`` is ``(m, layers[0])``.
The post's network has exactly three layers, e.g. ``[5, 2, 1]``:

    z = x @ W0 + b0     (m, n_h)     hidden pre-activation
    a = relu(z)         (m, n_h)
    y = a @ W1 + b1     (m, n_y)     linear output

and is trained on the summed squared error ``L = 1/2 * sum((target - y)**2)``.

The post's two mistakes, fixed here in ``gradients``:

* the ReLU derivative is the step ``(z > 0)``, not ``np.maximum(z, 0)``;
* the output weight gradient is ``a.T @ dely`` of shape ``(n_h, n_y)``, not
  ``np.sum(a * dely, axis=0)``, a 1-D ``(n_h,)`` array (whose ``.T`` does nothing).
"""

import itertools

import numpy as np

from reference.activations import Array, relu, relu_derivative

Layer = dict[str, Array]
"""``{"W": (layers[i], layers[i+1]), "b": (layers[i+1],)}``."""


class NeuralNetwork:
    """A ``[n_x, n_h, n_y]`` network: ReLU hidden layer, linear output."""

    def __init__(
        self, layers: list[int], alpha: float, rng: np.random.Generator | None = None
    ) -> None:
        if len(layers) != 3:
            raise ValueError(f"the forum network has exactly 3 layers, got {layers}")
        rng = np.random.default_rng(0) if rng is None else rng
        self.num_layers = len(layers)
        self.layers = layers
        self.alpha = alpha
        # As in the post: every W and b entry ~ normal(0, sqrt(2 / fan_in)).
        self.weights: list[Layer] = [
            {
                "W": rng.normal(0.0, np.sqrt(2 / n_in), size=(n_in, n_out)),
                "b": rng.normal(0.0, np.sqrt(2 / n_in), size=n_out),
            }
            for n_in, n_out in itertools.pairwise(layers)
        ]

    def _forward(self, input_feature: Array) -> tuple[Array, Array, Array]:
        """``(z, a, y)``: hidden pre-activation, hidden activation, output."""
        z = input_feature @ self.weights[0]["W"] + self.weights[0]["b"]  # (m, n_h)
        a = relu(z)
        y = a @ self.weights[1]["W"] + self.weights[1]["b"]  # (m, n_y)
        return z, a, y

    def evaluate(self, input_feature: Array) -> Array:
        """The network's output, ``(m, layers[-1])``, for inputs ``(m, layers[0])``."""
        return self._forward(input_feature)[2]

    def loss(self, training_input: Array, target_output: Array) -> float:
        """L = 1/2 * sum((target - output)**2), summed (not averaged) over examples."""
        dely = target_output - self.evaluate(training_input)
        return float(0.5 * np.sum(dely**2))

    def gradients(self, training_input: Array, target_output: Array) -> list[Layer]:
        """dL/dW and dL/db for each layer, shaped like ``self.weights``."""
        z, a, y = self._forward(training_input)
        dy = y - target_output  # dL/dy, (m, n_y)
        dW1 = a.T @ dy  # (n_h, n_y)
        db1 = np.sum(dy, axis=0)  # (n_y,)
        da = dy @ self.weights[1]["W"].T  # (m, n_h)
        dz = da * relu_derivative(z)  # the step (z > 0), not max(z, 0)
        dW0 = training_input.T @ dz  # (n_x, n_h)
        db0 = np.sum(dz, axis=0)  # (n_h,)
        return [{"W": dW0, "b": db0}, {"W": dW1, "b": db1}]

    def update_weights(self, training_input: Array, target_output: Array) -> None:
        """One gradient-descent step on L: W -= alpha * dL/dW, b -= alpha * dL/db."""
        for layer, grad in zip(
            self.weights, self.gradients(training_input, target_output), strict=True
        ):
            layer["W"] = layer["W"] - self.alpha * grad["W"]
            layer["b"] = layer["b"] - self.alpha * grad["b"]
