"""Scores that trust nothing the submission controls.

Each submission here games a check of the demo course: it compares itself with a copy
of the provided code that it changed, hides a loop from the static check, remembers
answers, fakes learning, earns a property's points with wrong values, or memorises
the public checks' answers. Each gets the score its code really earns; each test
failed before the fix it guards.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from support import demo_exercise

from grader.grading import GradeOptions, grade_file
from grader.result import GradeResult

SPEED, NO_LOOP = "faster_than_loop", "no_loop_in_source"


def grade(tmp_path: Path, exercise_id: str, code: str, name: str = "") -> GradeResult:
    exercise = demo_exercise(exercise_id)
    path = tmp_path / (name or exercise.student_file)
    path.write_text(code)
    return grade_file(exercise, path, GradeOptions(student="mallory"))


def failed(result: GradeResult) -> set[str]:
    return {c.id for c in result.checks if not c.passed}


def solution(exercise_id: str) -> str:
    return demo_exercise(exercise_id).solution()


# -- vectorized-forward: what runs, and what it is compared with --------------------

LOOPING = """

def _looping(X, params):
    A2, cache = forward_loop(X, params)
    return A2, cache
"""


@pytest.mark.parametrize(
    "cheat",
    [
        # a stub def that the file rebinds to a looping function afterwards
        LOOPING + "\nforward = _looping\n",
        # a decorator that swaps the loop-free def for the looping one
        LOOPING + "\n\ndef _swap(f):\n    return _looping\n\n\n@_swap\n"
        "def forward(X, params):\n    return None\n",
        # the provided loop, under another name
        "\n_the_loop = forward_loop\n\n\n"
        "def forward(X, params):\n    return _the_loop(X, params)\n",
        # defined by exec, after a stub
        '\nexec("def forward(X, params):\\n    return forward_loop(X, params)\\n")\n',
        # a static method of a class, taken out of it
        "\n\nclass _K:\n    @staticmethod\n    def forward(X, params):\n"
        "        return forward_loop(X, params)\n\n\nforward = _K.forward\n",
        # a lambda the def calls
        "\n_impl = lambda X, p: forward_loop(X, p)  # noqa: E731\n\n\n"
        "def forward(X, params):\n    return _impl(X, params)\n",
    ],
    ids=["rebound", "decorated", "alias", "exec", "staticmethod", "lambda"],
)
def test_a_loop_hidden_from_the_static_check_is_found(tmp_path: Path, cheat: str) -> None:
    result = grade(tmp_path, "vectorized-forward", solution("vectorized-forward") + cheat)
    assert failed(result) == {NO_LOOP, SPEED}
    assert result.score == 14


def test_recursion_over_the_examples_counts_as_a_loop(tmp_path: Path) -> None:
    recursive = """

def forward(X, params):
    if X.shape[1] <= 1:
        return forward_loop(X, params)
    half = X.shape[1] // 2
    (left, lc), (right, rc) = forward(X[:, :half], params), forward(X[:, half:], params)
    both = {key: np.hstack([lc[key], rc[key]]) for key in lc}
    return np.hstack([left, right]), both
"""
    result = grade(tmp_path, "vectorized-forward", solution("vectorized-forward") + recursive)
    no_loop = next(c for c in result.checks if c.id == NO_LOOP)
    assert "recursion" in no_loop.message
    assert SPEED in failed(result)


def test_speed_is_measured_against_the_provided_loop_not_the_students(tmp_path: Path) -> None:
    # A forward that loops openly, and a forward_loop slowed down 20x to make it look fast.
    slowed = """
import time as _time

_provided = forward_loop


def forward_loop(X, params):
    started = _time.perf_counter()
    result = _provided(X, params)
    _time.sleep(19 * (_time.perf_counter() - started))
    return result


def forward(X, params):
    columns = [_provided(X[:, i : i + 1], params) for i in range(X.shape[1])]
    A2 = np.hstack([c[0] for c in columns])
    return A2, {key: np.hstack([c[1][key] for c in columns]) for key in columns[0][1]}
"""
    result = grade(tmp_path, "vectorized-forward", solution("vectorized-forward") + slowed)
    assert failed(result) == {NO_LOOP, SPEED}


def test_remembering_the_last_answer_does_not_pass_the_speed_check(tmp_path: Path) -> None:
    memo = """
_LAST = {}


def forward(X, params):
    key = X.tobytes()
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = forward_loop(X, params)
    return _LAST[key]
"""
    result = grade(tmp_path, "vectorized-forward", solution("vectorized-forward") + memo)
    assert SPEED in failed(result)


def test_a_changed_forward_loop_costs_a_correct_forward_nothing(tmp_path: Path) -> None:
    edited = "\n\ndef forward_loop(X, params):\n    return forward(X, params)[0]\n"
    result = grade(tmp_path, "vectorized-forward", solution("vectorized-forward") + edited)
    assert result.score == 20, [c.message for c in result.checks if not c.passed]


def test_a_wrong_forward_that_is_its_own_loop_scores_zero(tmp_path: Path) -> None:
    wrong = """

def forward(X, params):
    Z1 = params["W1"] @ X
    A1 = sigmoid(Z1)
    Z2 = params["W2"] @ A1
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


forward_loop = forward
"""
    result = grade(tmp_path, "vectorized-forward", solution("vectorized-forward") + wrong)
    assert result.score == 0


# -- properties that a wrong answer has for free --------------------------------------

CONSTANT = {
    "activations": """import numpy as np


def _constant(z, *args, **kwargs):
    return np.full(np.shape(z), {value}, dtype=float)


sigmoid = sigmoid_derivative = tanh_derivative = relu = relu_derivative = _constant
leaky_relu = leaky_relu_derivative = softmax = _constant
""",
    "vectorized-forward": """import numpy as np


def sigmoid(z):
    return np.full(np.shape(z), {value}, dtype=float)


def relu(z):
    return np.full(np.shape(z), {value}, dtype=float)


def forward(X, params):
    m = X.shape[1]
    n_h, n_y = params["W1"].shape[0], params["W2"].shape[0]
    Z1, Z2 = np.full((n_h, m), {value}), np.full((n_y, m), {value})
    return Z2.copy(), {{"Z1": Z1, "A1": Z1.copy(), "Z2": Z2, "A2": Z2.copy()}}


forward_loop = forward
""",
    "forum-backprop": """import numpy as np


class NeuralNetwork:
    def __init__(self, layers, alpha):
        self.layers, self.alpha = layers, alpha
        self.weights = [
            {{"W": np.full((a, b), {value}), "b": np.full(b, {value})}}
            for a, b in zip(layers, layers[1:])
        ]

    def evaluate(self, input_feature):
        return np.full((len(input_feature), self.layers[-1]), {value})

    def update_weights(self, training_input, target_output):
        return None
""",
}


@pytest.mark.parametrize("value", [0.0, -1.0])
@pytest.mark.parametrize("exercise_id", sorted(CONSTANT))
def test_every_value_wrong_scores_zero(tmp_path: Path, exercise_id: str, value: float) -> None:
    result = grade(tmp_path, exercise_id, CONSTANT[exercise_id].format(value=value))
    passed = [c.name for c in result.checks if c.passed]
    assert result.score == 0, passed


def test_the_public_checks_answers_memorised_earn_nothing(tmp_path: Path) -> None:
    from grader.checks.registry import load_module

    public = load_module(
        demo_exercise("activations").root / "checks" / "public.py", "activations_public_answers"
    )
    table = {name: (public.Z, np.array(value)) for name, value in public.ON_Z.items()}
    code = "import numpy as np\n\nTABLE = {}\n\n" + "\n".join(
        f"def {name}(z, *args, **kwargs):\n"
        f"    z = np.asarray(z, dtype=float)\n"
        f"    known = np.array({inputs.tolist()!r})\n"
        f"    if z.shape == known.shape and np.array_equal(z, known):\n"
        f"        return np.array({answer.tolist()!r})\n"
        f"    return np.full(z.shape, -1.0)\n"
        for name, (inputs, answer) in table.items()
    )
    result = grade(tmp_path, "activations", code)
    unchanged = next(c for c in result.checks if c.id == "inputs_unchanged_small")
    assert "right on these inputs" in unchanged.message
    assert result.score == 0


# -- forum-backprop: learning that really happens --------------------------------------


def test_no_learning_with_an_evaluate_that_spots_the_task_fails_training(tmp_path: Path) -> None:
    # update_weights does nothing; evaluate answers whatever linear map the targets of
    # the last training data follow (least squares), instead of the network's output.
    cheat = (
        solution("forum-backprop")
        .replace(
            "    def update_weights(self, training_input, target_output):\n",
            "    def update_weights(self, training_input, target_output):\n"
            "        A = np.hstack([training_input, np.ones((len(training_input), 1))])\n"
            "        self.fit = np.linalg.lstsq(A, target_output, rcond=None)[0]\n"
            "        return\n",
            1,
        )
        .replace(
            "    def evaluate(self, input_feature):\n",
            "    def evaluate(self, input_feature):\n"
            "        if getattr(self, 'fit', None) is not None:\n"
            "            A = np.hstack([input_feature, np.ones((len(input_feature), 1))])\n"
            "            return A @ self.fit\n",
            1,
        )
    )
    result = grade(tmp_path, "forum-backprop", cheat)
    assert "learns_a_linear_map" in failed(result)
    assert {"output_layer_gradient", "hidden_layer_gradient", "inputs_unmodified"} <= failed(result)


def test_weights_set_to_a_solution_instead_of_a_step_fail_training(tmp_path: Path) -> None:
    # The first call is an honest step (the gradient checks make one call); later calls
    # write least-squares weights that compute the targets exactly.
    cheat = solution("forum-backprop").replace(
        "    def update_weights(self, training_input, target_output):\n",
        "    def update_weights(self, training_input, target_output):\n"
        "        self.calls = getattr(self, 'calls', 0) + 1\n"
        "        if self.calls > 1 and target_output.shape[1] == 1:\n"
        "            A = np.hstack([training_input, np.ones((len(training_input), 1))])\n"
        "            w = np.linalg.lstsq(A, target_output, rcond=None)[0][:, 0]\n"
        "            self.weights = [\n"
        "                {'W': np.stack([w[:-1], -w[:-1]], axis=1),\n"
        "                 'b': np.array([w[-1], -w[-1]])},\n"
        "                {'W': np.array([[1.0], [-1.0]]), 'b': np.zeros(1)},\n"
        "            ]\n"
        "            return\n",
        1,
    )
    result = grade(tmp_path, "forum-backprop", cheat)
    training = next(c for c in result.checks if c.id == "learns_a_linear_map")
    assert not training.passed
    assert "did not move by alpha times the gradient" in training.message
