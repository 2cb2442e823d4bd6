"""Loading a submission: .py and .ipynb into one module's source, or one clear error."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from grader.errors import SubmissionError
from grader.loading import MAX_BYTES, load_submission
from grader.notebooks import neutralise_ipython

TESTS = Path(__file__).resolve().parent
SCENARIOS = TESTS / "scenarios" / "toy"  # submission files of the toy exercise


def scenario(name: str) -> Path:
    path = SCENARIOS / name
    assert path.exists(), f"missing scenario {path}"
    return path


def write_notebook(path: Path, cells: list[Any]) -> Path:
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, str(path))
    return path


def load_error(path: Path) -> str:
    with pytest.raises(SubmissionError) as caught:
        load_submission(path)
    return str(caught.value)


# -- .py files -----------------------------------------------------------------------------


def test_a_python_file_loads_as_is() -> None:
    submission = load_submission(scenario("correct.py"))
    assert submission.kind == "py"
    assert submission.filename == "correct.py"
    assert submission.source == scenario("correct.py").read_text()
    assert submission.where(7) == "correct.py, line 7"
    assert submission.where(3, "helper.py") == "helper.py, line 3"  # a module it wrote


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\n")
    assert load_submission(path).source == "x = 1\n"


def test_syntax_error_names_the_file_and_line() -> None:
    with pytest.raises(SubmissionError) as caught:
        load_submission(scenario("syntax_error.py"))
    message = str(caught.value)
    assert message.startswith("syntax_error.py, line 8: syntax error")
    assert "def broken(:" in message
    assert caught.value.line == 8


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("x = 1\nif x\n    pass\n", 2),
        ("def f():\n    return 1\n  y = 2\n", 3),  # bad dedent
        ("x = (\n", 1),
        ("print 'python 2'\n", 1),
    ],
)
def test_syntax_errors_report_their_line(tmp_path: Path, code: str, line: int) -> None:
    path = tmp_path / "bad.py"
    path.write_text(code)
    with pytest.raises(SubmissionError) as caught:
        load_submission(path)
    assert f"line {line}" in str(caught.value)
    assert caught.value.line == line


def test_null_bytes_give_a_submission_error(tmp_path: Path) -> None:
    path = tmp_path / "nul.py"
    path.write_bytes(b"x = 1\x00\n")
    assert "nul.py" in load_error(path)


def test_a_missing_file() -> None:
    assert load_error(Path("/nonexistent/folder/toy.py")) == "toy.py: no such file"


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "toy.py"
    folder.mkdir()
    assert load_error(folder) == "toy.py: not a file"


@pytest.mark.parametrize("name", ["wrong_extension.txt"])
def test_a_wrong_extension(name: str) -> None:
    message = load_error(scenario(name))
    assert message.startswith("wrong_extension.txt: a submission must be a .py file or a .ipynb")
    assert ".txt" in message


def test_no_extension(tmp_path: Path) -> None:
    path = tmp_path / "toy"
    path.write_text("x = 1\n")
    assert "without extension" in load_error(path)


def test_upper_case_extension_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "TOY.PY"
    path.write_text("x = 1\n")
    assert load_submission(path).kind == "py"


def test_not_utf8_says_which_byte_and_what_to_do() -> None:
    message = load_error(scenario("not_utf8.py"))
    assert "not UTF-8" in message
    assert "0xe9" in message
    assert "save the file as UTF-8" in message


def test_a_file_that_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.py"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    assert "larger than" in load_error(path)


def test_an_empty_file_loads() -> None:
    submission = load_submission(scenario("empty.py"))
    assert submission.source == ""


# -- notebooks -----------------------------------------------------------------------------


def test_the_magics_notebook_loads_and_compiles() -> None:
    submission = load_submission(scenario("magics.ipynb"))
    assert submission.kind == "ipynb"
    ast.parse(submission.source)  # valid Python
    source = submission.source
    # line magics, shell escapes and help become `pass` lines
    assert "pass  # IPython: %matplotlib inline" in source
    assert "pass  # IPython: !pip install numpy" in source
    assert "pass  # IPython: np.sum?" in source
    assert "pass  # IPython: np.mean??" in source
    # `%time stmt` runs stmt; `x = !cmd` keeps the name defined
    assert "        y = 1" in source
    assert "files = None" in source
    # %%time runs its body: double must be defined
    assert "def double(x):" in source
    # %%bash is not Python: commented out whole
    assert "# echo this is shell, not Python" in source
    # markdown, raw and skip-grading cells are left out
    assert "# Toy" not in source
    assert "this raw cell" not in source
    assert "must not run" not in source


def test_the_notebook_defines_what_the_cells_define() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(load_submission(scenario("magics.ipynb")).source, "nb", "exec"), namespace)
    assert {"double", "Accumulator", "help_me", "files", "np"} <= set(namespace)


def test_code_cells_are_numbered_and_located(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [
            new_markdown_cell("# Title"),
            new_code_cell("import numpy as np"),
            new_code_cell("x = 1\ny = 2"),
            new_code_cell("def f():\n    return 3"),
        ],
    )
    submission = load_submission(path)
    lines = submission.source.split("\n")
    start = lines.index("def f():") + 1  # 1-based module line
    assert submission.where(start) == "cell 3, line 1"
    assert submission.where(start + 1) == "cell 3, line 2"
    assert submission.where(lines.index("y = 2") + 1) == "cell 2, line 2"
    assert "# In[3]" in submission.source


def test_a_syntax_error_in_cell_3_does_not_stop_the_notebook(tmp_path: Path) -> None:
    """As in Jupyter, a cell that does not compile is one failed cell: the others run (the
    student process reports it as cell 3, line 3; see test_notebooks.py)."""
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [
            new_code_cell("import numpy as np\n%matplotlib inline"),
            new_code_cell("def ok():\n    return 1\n\n\n"),
            new_code_cell("a = 1\nb = 2\nc = (3 +\n"),
            new_code_cell("d = 4"),
        ],
    )
    submission = load_submission(path)
    assert [cell.number for cell in submission.cells] == [1, 2, 3, 4]
    assert "c = (3 +" not in submission.source  # the checks read the cells that compile
    assert "d = 4" in submission.source


def test_a_syntax_error_in_a_skipped_cell_is_ignored(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [
            new_code_cell("x = 1"),
            new_code_cell("this is not python (", metadata={"tags": ["skip-grading"]}),
            new_code_cell("also not python (", metadata={"tags": ["grade:skip", "other"]}),
        ],
    )
    assert load_submission(path).source.strip().endswith("x = 1")


def test_markdown_and_raw_cells_are_ignored_even_when_not_python(tmp_path: Path) -> None:
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [new_markdown_cell("def broken(:"), new_raw_cell("%%% raw"), new_code_cell("x = 1")],
    )
    source = load_submission(path).source
    assert "broken" not in source and "raw" not in source
    assert "x = 1" in source


def test_an_empty_notebook_loads(tmp_path: Path) -> None:
    path = write_notebook(tmp_path / "nb.ipynb", [])
    assert load_submission(path).source == ""


def test_corrupt_notebook_json() -> None:
    message = load_error(scenario("corrupt.ipynb"))
    assert message.startswith("corrupt.ipynb: not a notebook (invalid JSON at line 1")


def test_json_that_is_not_a_notebook() -> None:
    message = load_error(scenario("not_a_notebook.ipynb"))
    assert message == "not_a_notebook.ipynb: JSON, but not a Jupyter notebook (no 'cells')"


@pytest.mark.parametrize("content", ["[1, 2, 3]", '"cells"', "null", "42"])
def test_json_values_that_are_not_objects(tmp_path: Path, content: str) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text(content)
    assert "not a Jupyter notebook" in load_error(path)


def test_a_notebook_whose_cells_cannot_be_read_gives_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": "not a list", "metadata": {}, "nbformat": 4}))
    message = load_error(path)
    assert message.startswith("nb.ipynb: ") and "notebook" in message
    assert "\n" not in message  # one line, not a dump of the schema error


@pytest.mark.parametrize(
    "notebook",
    [
        {"cells": [{"cell_type": "code"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
        {"cells": [{"cell_type": "alien", "source": ""}], "metadata": {}, "nbformat": 4},
        {"cells": [], "metadata": {}, "nbformat": 99, "nbformat_minor": 0},
        {"cells": [{"cell_type": "code", "source": 12}], "metadata": {}, "nbformat": 4},
    ],
)
def test_schema_invalid_notebooks_whose_cells_read_are_graded_with_a_warning(
    tmp_path: Path, notebook: Any
) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook))
    submission = load_submission(path)
    assert submission.warnings, "the student is told the notebook is not well formed"
    assert all(w.startswith("nb.ipynb: ") and "\n" not in w for w in submission.warnings)


def test_a_notebook_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_bytes(b'{"cells": [], "x": "\xe9"}')
    assert "not UTF-8" in load_error(path)


# -- neutralising IPython syntax -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["%matplotlib inline", "!pip install numpy", "np.sum?", "np.sum??", "?np.sum", "%who"],
)
def test_line_magics_become_pass_and_keep_the_indentation(line: str) -> None:
    out = neutralise_ipython(f"if True:\n    {line}\n    x = 1")
    assert out.split("\n")[1] == f"    pass  # IPython: {line}"
    ast.parse(out)


def test_line_count_is_kept() -> None:
    cell = "%%writefile f.py\na\nb\nc"
    assert neutralise_ipython(cell).count("\n") == cell.count("\n")
    cell = "x = 1\n%time y = 2\n!ls\nz = 3"
    assert neutralise_ipython(cell).count("\n") == cell.count("\n")


def test_cell_magics_that_run_python_keep_their_body() -> None:
    for magic in ("%%time", "%%capture captured"):
        out = neutralise_ipython(f"{magic}\ndef f():\n    return 1\n%who")
        namespace: dict[str, Any] = {}
        exec(out, namespace)
        assert namespace["f"]() == 1


def test_other_cell_magics_are_commented_out_whole() -> None:
    out = neutralise_ipython("%%bash\nrm -rf /\necho hi")
    assert all(line.startswith("# ") for line in out.split("\n"))


def test_assignment_from_a_shell_escape_or_magic_keeps_the_name() -> None:
    namespace: dict[str, Any] = {}
    exec(neutralise_ipython("files = !ls\nt = %timeit -o 1 + 1\na, b = !ls"), namespace)
    assert namespace["files"] is None and namespace["t"] is None


def test_valid_python_is_never_changed() -> None:
    """A line starting with % can continue an expression; ! or ? can sit in a string."""
    code = 'x = (10\n     % 3)\ntext = """\n!not a shell escape\n%not a magic\n"""\n'
    assert neutralise_ipython(code) == code


def test_deeply_nested_json_is_a_submission_error(tmp_path: Path) -> None:
    path = tmp_path / "nb.ipynb"
    path.write_text("[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in load_error(path)


def test_every_truncation_of_a_notebook_loads_or_gives_a_submission_error(
    tmp_path: Path,
) -> None:
    data = scenario("magics.ipynb").read_bytes()
    path = tmp_path / "cut.ipynb"
    for cut in range(0, len(data), 7):
        path.write_bytes(data[:cut])
        try:
            load_submission(path)
        except SubmissionError as error:
            assert str(error).startswith("cut.ipynb: ")


def test_every_truncation_of_a_python_file_loads_or_gives_a_submission_error(
    tmp_path: Path,
) -> None:
    data = scenario("correct.py").read_bytes() + "# é\n".encode()
    path = tmp_path / "cut.py"
    for cut in range(len(data)):
        path.write_bytes(data[:cut])
        try:
            ast.parse(load_submission(path).source)
        except SubmissionError as error:
            assert str(error).startswith("cut.py")
