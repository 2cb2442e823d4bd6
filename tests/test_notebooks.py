"""Notebooks are graded as Jupyter with errors allowed would run them: cell by cell, a
failing cell recorded and the next one run, with Jupyter's names standing in; and real
public notebooks, with a correct solution cell appended, score full marks."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from support import EXERCISES, REPO

from grader.batch import BatchOptions, Job, Plan, run_batch
from grader.errors import ExerciseError
from grader.exercise import Exercise
from grader.formats import render_text
from grader.grading import GradeOptions, grade_file
from grader.result import GradeResult
from grader.template import render

CORPUS = REPO / "tests" / "corpus" / "notebooks"
SOLUTION = render((EXERCISES / "toy" / "source.py").read_text(), "solution")
FAST = {"cell_seconds": 1.5, "notebook_seconds": 30.0}


def notebook(path: Path, cells: list[Any], language: str = "python") -> Path:
    book = new_notebook(cells=cells)
    book.metadata["kernelspec"] = {"name": language, "display_name": language, "language": language}
    nbformat.write(book, str(path))
    return path


def grade(exercise: Exercise, path: Path, sandbox: str = "auto") -> GradeResult:
    return grade_file(exercise, path, GradeOptions(sandbox=sandbox, limit_overrides=FAST))


def failed_cells(result: GradeResult) -> dict[int, str]:
    return {cell.cell: cell.error for cell in result.cells}


@pytest.mark.slow
def test_failing_cells_are_recorded_and_the_notebook_goes_on(
    toy: Exercise, sandbox: str, tmp_path: Path
) -> None:
    path = notebook(
        tmp_path / "toy.ipynb",
        [
            new_markdown_cell("# A real course notebook"),
            new_code_cell(
                "import numpy as np\n%matplotlib inline\nimport matplotlib.pyplot as plt"
            ),
            new_code_cell("import ipywidgets\nimport pandas as pd"),  # 2: not installed
            new_code_cell('print "Python 2"'),  # 3: does not compile
            new_code_cell("data = {'a': 1}\ndata['b']"),  # 4: a tutorial's KeyError
            new_code_cell("x = np.random."),  # 5: left for tab completion
            new_code_cell("1 / 0", metadata={"tags": ["raises-exception"]}),  # 6: expected
            new_code_cell("raise SystemExit('never')", metadata={"tags": ["skip-execution"]}),
            new_code_cell("plt.plot([1, 2], [3, 4])\nplt.show()\nfigure = plt.gcf()"),
            new_code_cell(
                "from IPython.display import display, HTML, Image, Markdown\n"
                "display(HTML('<b>hi</b>'), Markdown('*x*'))\n"
                "get_ipython().system('rm -rf /')\n"
                "get_ipython().run_line_magic('matplotlib', 'inline')\n"
                "files = !ls"
            ),
            new_code_cell("%%writefile helper.py\ndef two():\n    return 2\n"),
            new_code_cell("from __future__ import annotations\nimport helper\nTWO = helper.two()"),
            new_code_cell("input('your name? ')"),  # 12: no one to answer
            new_code_cell(SOLUTION),
            new_code_cell("assert TWO == 2 and figure is not None"),
        ],
    )
    result = grade(toy, path, sandbox)
    assert result.status == "graded" and result.full_marks, result.summary()
    assert failed_cells(result) == {
        2: "ModuleNotFoundError",
        3: "SyntaxError",
        4: "KeyError",
        5: "SyntaxError",
        12: "EOFError",
    }
    two = next(c for c in result.cells if c.cell == 2)
    assert (two.line, two.code) == (1, "import ipywidgets")
    three = next(c for c in result.cells if c.cell == 3)
    assert three.line == 1 and "print" in three.message
    text = render_text(result)
    assert "Notebook cells that failed" in text and "cell 4, line 2: KeyError" in text
    assert "cell 2, line 1: ModuleNotFoundError" in result.to_document()["output"]


@pytest.mark.slow
def test_a_cell_that_runs_too_long_is_interrupted_and_the_next_cells_run(
    toy: Exercise, tmp_path: Path
) -> None:
    path = notebook(
        tmp_path / "toy.ipynb",
        [
            new_code_cell("import time\nwhile True:\n    time.sleep(0.1)"),  # interrupted
            new_code_cell(  # catches the interrupt and goes on: left out, notebook rerun
                "while True:\n    try:\n        while True:\n            pass\n"
                "    except BaseException:\n        pass"
            ),
            new_code_cell("import ctypes\nctypes.string_at(0)"),  # kills the process
            new_code_cell(SOLUTION),
        ],
    )
    result = grade(toy, path)
    assert result.full_marks, result.summary()
    assert failed_cells(result) == {1: "Timeout", 2: "Timeout", 3: "Crash"}
    assert "run again without it" in next(c for c in result.cells if c.cell == 2).message


def test_an_error_in_a_cell_is_located_in_the_cell(toy: Exercise, tmp_path: Path) -> None:
    broken = SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "return 2.0 * y")
    path = notebook(
        tmp_path / "toy.ipynb", [new_code_cell("import numpy as np"), new_code_cell(broken)]
    )
    result = grade(toy, path)
    message = next(c.message for c in result.checks if c.id == "double_small")
    line = broken.split("\n").index("    return 2.0 * y") + 1
    assert f"raised NameError: name 'y' is not defined\nat cell 2, line {line}: " in message
    assert message.endswith("return 2.0 * y")  # the student's own line


def test_a_notebook_of_another_kernel_gets_one_clear_message(toy: Exercise, tmp_path: Path) -> None:
    path = notebook(tmp_path / "toy.ipynb", [new_code_cell("x <- c(1, 2)")], language="R")
    result = grade(toy, path)
    assert result.status == "load-error" and result.score == 0
    assert result.error is not None and "an r notebook" in result.error.lower().replace(
        "a r ", "an r "
    )
    assert "not a Python one" in result.error and "'R'" in result.error


def test_an_nbformat_3_notebook_is_upgraded_and_graded(toy: Exercise, tmp_path: Path) -> None:
    old = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {"name": "old"},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "code", "input": SOLUTION, "language": "python", "outputs": []}
                ]
            }
        ],
    }
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps(old))
    result = grade(toy, path)
    assert result.full_marks, result.summary()
    assert any("nbformat 3" in note for note in result.notes)


def test_a_schema_invalid_notebook_is_graded_with_a_warning(toy: Exercise, tmp_path: Path) -> None:
    book = json.loads(nbformat.writes(new_notebook(cells=[new_code_cell(SOLUTION)])))
    book["cells"][0]["unexpected"] = True
    book["metadata"]["kernelspec"] = {"name": "python3", "language": "python"}
    path = tmp_path / "toy.ipynb"
    path.write_text(json.dumps(book))
    result = grade(toy, path)
    assert result.full_marks
    assert any("does not match the notebook format" in note for note in result.notes)


def test_get_ipython_works_in_a_script_written_by_nbconvert(toy: Exercise, tmp_path: Path) -> None:
    path = tmp_path / "toy.py"
    path.write_text(
        "get_ipython().run_line_magic('matplotlib', 'inline')\n"
        "get_ipython().system('pip install numpy')\n"
        "get_ipython().run_cell_magic('writefile', 'helper.py', 'X = 3\\n')\n"
        "import helper\nassert helper.X == 3\n" + SOLUTION
    )
    result = grade(toy, path)
    assert result.full_marks, result.summary()


def test_a_script_that_raises_when_loaded_is_still_a_load_error(
    toy: Exercise, tmp_path: Path
) -> None:
    path = tmp_path / "toy.py"
    path.write_text(SOLUTION + "\nraise RuntimeError('at import')\n")
    result = grade(toy, path)
    assert result.status == "load-error" and "at import" in (result.error or "")


def test_a_script_that_never_finishes_loading_says_so(toy: Exercise, tmp_path: Path) -> None:
    path = tmp_path / "toy.py"
    path.write_text("while True:\n    pass\n")
    result = grade_file(
        toy, path, GradeOptions(limit_overrides={"load_seconds": 1.0, "call_seconds": 1.0})
    )
    assert result.status == "load-error"
    assert "did not finish within 1 s" in (result.error or "")
    assert "the other checks still ran" not in (result.error or "")  # no check ran at all


@pytest.mark.slow
def test_the_course_says_what_the_sandbox_may_import(sandbox: str, tmp_path: Path) -> None:
    from grader.course import load_course
    from grader.exercise import load_exercise

    shutil.copytree(EXERCISES / "toy", tmp_path / "exercises" / "toy")
    (tmp_path / "course.toml").write_text('[course]\nname = "c"\n[sandbox]\npackages = []\n')
    course = load_course(tmp_path)
    exercise = load_exercise(tmp_path / "exercises" / "toy", course)
    path = notebook(
        tmp_path / "toy.ipynb",
        [
            new_code_cell("import matplotlib"),
            new_code_cell("import numpy.ma"),
            new_code_cell(SOLUTION),
        ],
    )
    result = grade(exercise, path, sandbox)
    assert result.full_marks and failed_cells(result) == {1: "ModuleNotFoundError"}
    (tmp_path / "course.toml").write_text('[course]\nname = "c"\n[sandbox]\npackages = ["nope"]\n')
    course = load_course(tmp_path)
    with pytest.raises(ExerciseError, match="nope"):
        load_exercise(tmp_path / "exercises" / "toy", course).preflight()


# -- real public notebooks -----------------------------------------------------------------


def _corpus() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = tomllib.loads((CORPUS / "SOURCES.toml").read_text())["notebook"]
    return entries


def _with_solution(text: str, solution: str) -> str | None:
    """The notebook with a code cell holding ``solution`` appended (None: no cells to
    append to, which Jupyter could not run either)."""
    book = json.loads(text)
    worksheets = book.get("worksheets")
    if isinstance(worksheets, list) and worksheets:
        worksheets[0].setdefault("cells", []).append(
            {"cell_type": "code", "input": solution, "language": "python", "outputs": []}
        )
    elif isinstance(book.get("cells"), list):
        book["cells"].append(
            {
                "cell_type": "code",
                "source": solution,
                "metadata": {},
                "outputs": [],
                "execution_count": None,
            }
        )
    else:
        return None
    return json.dumps(book)


def test_the_corpus_is_real_and_recorded() -> None:
    entries = _corpus()
    files = {p.name for p in CORPUS.glob("*.ipynb")}
    assert files == {e["file"] for e in entries}
    assert len(files) >= 80
    for entry in entries:
        assert entry["repo"].count("/") == 1 and len(entry["commit"]) == 40 and entry["path"]
    languages = {e["language"] for e in entries}
    assert {"python", "r", "julia"} <= languages
    assert {e["nbformat"] for e in entries} >= {3, 4}


@pytest.mark.slow
def test_a_solution_cell_in_any_real_notebook_scores_full_marks(tmp_path: Path) -> None:
    """Every corpus notebook with a correct activations solution appended, graded as a
    class: full marks for every Python notebook (its other cells fail or not, as in
    Jupyter), one clear message naming the kernel for the others."""
    from support import demo_exercise

    exercise = demo_exercise("activations")
    solution = exercise.solution()
    jobs, languages = [], {}
    for entry in _corpus():
        text = _with_solution((CORPUS / entry["file"]).read_text(encoding="utf-8"), solution)
        if text is None:
            continue
        student = entry["file"].removesuffix(".ipynb")
        path = tmp_path / "class" / f"{student}.ipynb"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        jobs.append(Job(student, "activations", path))
        languages[student] = entry["language"]
    assert len(jobs) >= 80
    options = BatchOptions(jobs=2, limit_overrides={"cell_seconds": 2.0})
    summary = run_batch(
        Plan("files", tuple(jobs)), {"activations": exercise}, tmp_path / "r", options
    )
    wrong = []
    for outcome in summary.outcomes:
        result, language = outcome.result, languages[outcome.student]
        if language == "python" and not result.full_marks:
            wrong.append(f"{outcome.student}: {result.score:g} ({result.error})")
        if language != "python" and not (
            result.status == "load-error" and "not a Python one" in (result.error or "")
        ):
            wrong.append(f"{outcome.student} ({language}): {result.status} {result.error}")
    assert not wrong, "\n".join(wrong)
    shutil.rmtree(tmp_path / "class")
