"""Single-source exercises: solution markers give the solution and the student template."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader.errors import ExerciseError
from grader.template import render

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
EXERCISES = TESTS / "fixtures" / "exercises"

SOURCE = '''import numpy as np


def relu(z):
    """max(0, z)."""
    # BEGIN SOLUTION: return max(0, z) element-wise, as a new float array
    return np.maximum(z, 0.0)
    # END SOLUTION


class Net:
    def step(self, z, da):
        if da is not None:
            # BEGIN SOLUTION
            dz = (z > 0) * da
            # END SOLUTION
            # BEGIN PROMPT
            # dz = np.maximum(z, 0) * da
            #   # a comment kept as a comment
            # END PROMPT
        return dz
'''


def test_solution_drops_markers_and_prompts() -> None:
    solution = render(SOURCE, "solution")
    assert "BEGIN" not in solution and "END" not in solution
    assert "return np.maximum(z, 0.0)" in solution
    assert "dz = (z > 0) * da" in solution
    assert "np.maximum(z, 0) * da" not in solution
    namespace: dict[str, object] = {}
    exec(solution, namespace)


def test_template_replaces_solutions_by_not_implemented_with_the_hint() -> None:
    template = render(SOURCE, "template")
    assert "np.maximum(z, 0.0)" not in template
    assert "(z > 0) * da" not in template
    assert "BEGIN" not in template and "END" not in template
    lines = template.split("\n")
    raise_line = next(line for line in lines if "NotImplementedError" in line)
    assert raise_line == (
        "    raise NotImplementedError('return max(0, z) element-wise, as a new float array')"
    )
    ast.parse(template)


def test_template_runs_and_the_hint_reaches_the_student() -> None:
    namespace: dict[str, object] = {}
    exec(render(SOURCE, "template"), namespace)
    relu = namespace["relu"]
    with pytest.raises(NotImplementedError, match=r"return max\(0, z\) element-wise"):
        relu(1.0)  # type: ignore[operator]


def test_a_prompt_stands_in_for_the_solution_uncommented_at_its_indentation() -> None:
    template = render(SOURCE, "template")
    assert "            dz = np.maximum(z, 0) * da\n" in template
    assert "            #   # a comment kept as a comment" not in template
    assert "              # a comment kept as a comment" in template
    assert "raise NotImplementedError" not in template.split("class Net")[1]


def test_region_without_hint_gets_a_default_one() -> None:
    source = "def f():\n    # BEGIN SOLUTION\n    return 1\n    # END SOLUTION\n"
    assert "    raise NotImplementedError('implement this')" in render(source, "template")


def test_hints_with_quotes_stay_valid_python() -> None:
    source = "def f():\n    # BEGIN SOLUTION: use \"np.where\" and 'keepdims'\n    pass\n"
    source += "    # END SOLUTION\n"
    template = render(source, "template")
    ast.parse(template)
    namespace: dict[str, object] = {}
    exec(template, namespace)
    with pytest.raises(NotImplementedError) as caught:
        namespace["f"]()  # type: ignore[operator]
    assert str(caught.value) == "use \"np.where\" and 'keepdims'"


def test_indentation_follows_the_begin_marker() -> None:
    source = (
        "class A:\n"
        "    def f(self):\n"
        "        for i in range(3):\n"
        "            # BEGIN SOLUTION: loop body\n"
        "            print(i)\n"
        "            # END SOLUTION\n"
    )
    template = render(source, "template")
    assert "            raise NotImplementedError('loop body')" in template.split("\n")
    ast.parse(template)


def test_text_without_markers_is_unchanged() -> None:
    source = "x = 1\n\n# a comment\ny = '# BEGIN'\n"
    assert render(source, "solution") == source
    assert render(source, "template") == source


def test_unknown_mode() -> None:
    with pytest.raises(ValueError):
        render(SOURCE, "answers")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("# BEGIN SOLUTION\nx = 1\n", "line 1: BEGIN SOLUTION without END SOLUTION"),
        ("x = 1\n# END SOLUTION\n", "line 2: end marker without a begin marker"),
        ("# END PROMPT\n", "line 1: end marker without a begin marker"),
        ("# BEGIN PROMPT\n# x\n# END PROMPT\n", "line 1: a prompt region must follow"),
        (
            "# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n# BEGIN PROMPT\n# x = 2\n",
            "line 4: BEGIN PROMPT without END PROMPT",
        ),
        (
            "# BEGIN SOLUTION\n# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n",
            "line 2: marker inside a solution region",
        ),
        (
            "# BEGIN SOLUTION\nx\n# END SOLUTION\n# BEGIN PROMPT\n# END SOLUTION\n# END PROMPT\n",
            "line 5: marker inside a prompt region",
        ),
        ("#BEGIN SOLUTION\nx = 1\n#END SOLUTION\n", "line 1: malformed marker"),
        ("# BEGIN SOLUTION - hint\nx = 1\n# END SOLUTION\n", "line 1: malformed marker"),
        ("# begin solution\nx = 1\n# end solution\n", "line 1: malformed marker"),
        ("x = 1  # BEGIN SOLUTION\n", "line 1: malformed marker"),
    ],
)
def test_malformed_markers_raise_exercise_error(source: str, message: str) -> None:
    for mode in ("solution", "template"):
        with pytest.raises(ExerciseError, match="^" + message.replace("(", r"\(")):
            render(source, mode)


def test_a_misspelt_marker_never_leaks_the_solution_into_the_template() -> None:
    source = "def f():\n    #  BEGIN SOLUTION\n    return 42\n    #  END SOLUTION\n"
    with pytest.raises(ExerciseError):
        render(source, "template")


@pytest.mark.parametrize(
    "source", sorted([*REPO.glob("exercises/*/source.py"), *EXERCISES.glob("*/source.py")])
)
def test_every_shipped_source_renders_to_valid_python(source: Path) -> None:
    text = source.read_text()
    for mode in ("solution", "template"):
        rendered = render(text, mode)
        ast.parse(rendered)
        assert "BEGIN SOLUTION" not in rendered and "END PROMPT" not in rendered
