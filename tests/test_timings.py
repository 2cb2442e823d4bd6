"""The result says how much of the grading time was the student's own code."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.exercise import load_exercise
from grader.grading import GradeOptions, grade_file

TOY = Path(__file__).parent / "fixtures" / "exercises" / "toy"


@pytest.mark.slow
def test_the_students_own_time_is_measured(tmp_path: Path) -> None:
    path = tmp_path / "toy.py"
    path.write_text(
        "import time\nimport numpy as np\ntime.sleep(0.2)\n"
        "def double(x):\n    time.sleep(0.05)\n    return 2.0 * np.asarray(x, dtype=float)\n"
    )
    result = grade_file(load_exercise(TOY), path, GradeOptions(sandbox="process"))
    timings = result.timings
    calls = sum(1 for c in result.checks if c.id.startswith("double"))
    assert timings["student"] >= 0.2 + 0.05 * calls - 0.01
    assert timings["student"] <= timings["total"]
