"""A notebook runs as a Jupyter kernel would run it: IPython's stand-ins have IPython's
names and shapes, magics do what IPython's do within what is harmless (``%pylab`` fills
the namespace, ``%time`` runs and times its code, automagic ``ls``, ...), and what a
kernel adds to Python is there (``_``, ``__name__ == "__main__"``, ``help``). Each
notebook is graded through the sandbox backends, as test_notebooks.py does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell
from support import EXERCISES
from test_notebooks import SOLUTION, failed_cells, grade, notebook

from grader.exercise import Exercise
from grader.notebooks import MARK, neutralise_ipython
from grader.result import GradeResult
from grader.sandbox.runtime import cells as runtime

STUBS = Path(runtime.__file__).parent / "stubs"


def graded(exercise: Exercise, path: Path, sources: list[str], sandbox: str) -> GradeResult:
    """The notebook of ``sources`` with a correct solution cell appended, graded."""
    book = notebook(path, [new_code_cell(s) for s in [*sources, SOLUTION]])
    result = grade(exercise, book, sandbox)
    assert result.status == "graded" and result.full_marks, result.summary()
    return result


DISPLAY = [
    # 1. IPython.display is the module, IPython.display.display the function
    "import types\nfrom IPython import display\nassert isinstance(display, types.ModuleType)\n"
    "display.clear_output(wait=True)",
    "import IPython\nIPython.display.display({'text/plain': 'x'}, raw=True)\n"
    "handle = IPython.display.display('y', display_id=True)\nhandle.update('z')\n"
    "handle.display('w')\nassert IPython.core.display.display is IPython.display.display",
    # 2. the rest of IPython.display's surface
    "from IPython.display import (Audio, FileLink, FileLinks, HTML, IFrame, Image, JSON,\n"
    "    Javascript, Latex, Markdown, Math, SVG, Video, YouTubeVideo, display_html,\n"
    "    display_javascript, display_jpeg, display_json, display_latex, display_markdown,\n"
    "    display_pdf, display_png, display_pretty, display_svg, update_display)\n"
    "for show in (display_html, display_javascript, display_jpeg, display_json,\n"
    "             display_latex, display_markdown, display_pdf, display_png,\n"
    "             display_pretty, display_svg):\n"
    "    show(b'', raw=True)\n"
    "objects = [Image(filename='not-there.png'), Video('not-there.mp4'), JSON({'a': 1}),\n"
    "           Audio([0.0, 0.5], rate=8000), IFrame('https://example.org', 300, 200),\n"
    "           YouTubeVideo('abc'), FileLink('x.py'), FileLinks('.'), SVG('<svg/>'),\n"
    "           Javascript('1'), Latex('$x$'), Markdown('*x*'), Math('x')]\n"
    "assert HTML('<b>x</b>')._repr_html_() == '<b>x</b>'\n"
    "update_display('x', display_id='here')",
    "from IPython.display import ProgressBar\nbar = ProgressBar(3)\nbar.display()\n"
    "bar.progress = 2\nassert list(ProgressBar(3)) == [0, 1, 2]",
    "import fractions\nip = get_ipython()\nlatex = ip.display_formatter.formatters['text/latex']\n"
    "latex.for_type_by_name('fractions', 'Fraction', lambda f: f'{f.numerator}/{f.denominator}')\n"
    "assert latex.enabled\n"
    "data, metadata = ip.display_formatter.format(fractions.Fraction(1, 2))\n"
    "assert data == {'text/plain': 'Fraction(1, 2)', 'text/latex': '1/2'} and metadata == {}",
    "from IPython.core.display import HTML, Image, Math, display\n"
    "from IPython.core.pylabtools import figsize, print_figure\n"
    "from IPython.lib.display import YouTubeVideo\nfrom IPython.utils import io\n"
    "from IPython.core.debugger import set_trace\nIPython.embed()\n"
    "assert IPython.get_ipython() is get_ipython()\n"
    "with io.capture_output() as captured:\n    print('hidden')\n"
    "assert captured.stdout == 'hidden\\n'",
    "import matplotlib.pyplot as plt\nassert print_figure(plt.figure()) is None  # empty",
    # a notebook's own magics run as IPython runs them
    "from IPython.core.magic import register_line_magic\n@register_line_magic\n"
    "def double_it(line):\n    return 2 * int(line)",
    "four = %double_it 2\nassert four == 4",
    "from matplotlib_inline.backend_inline import set_matplotlib_formats\n"
    "set_matplotlib_formats('svg')",
]


@pytest.mark.slow
def test_ipython_display_and_the_shell_have_ipythons_names_and_shapes(
    toy: Exercise, sandbox: str, tmp_path: Path
) -> None:
    # Drawn under bubblewrap only: with the other backends, a Python installed in a private
    # folder (/root/.pyenv) keeps matplotlib's fonts out of the student process's reach.
    drawn = "fig = plt.figure()\nfig.add_subplot().plot([1, 2])\npng = print_figure(fig)\n"
    drawn_cells = [drawn + "assert png[:4] == b'\\x89PNG'"] if sandbox == "bwrap" else []
    result = graded(toy, tmp_path / "toy.ipynb", DISPLAY + drawn_cells, sandbox)
    assert failed_cells(result) == {}, result.cells


@pytest.mark.slow
def test_pylab_fills_the_namespace_as_ipython_does(
    toy: Exercise, sandbox: str, tmp_path: Path
) -> None:
    cells = [
        "%pylab inline",
        "x = linspace(0, 2 * pi, 50)\nplot(x, sin(x))\nhist(randn(100))\n"
        "assert np is numpy and plt is pyplot and display is not None\nfigsize(4, 3)",
        "%matplotlib inline\nimport matplotlib.pyplot\nassert matplotlib.pyplot is plt",
        "%pylab --no-import-all",
    ]
    result = graded(toy, tmp_path / "toy.ipynb", cells, sandbox)
    assert failed_cells(result) == {}, result.cells


@pytest.mark.slow
def test_pylab_without_matplotlib_fails_as_in_ipython(sandbox: str, tmp_path: Path) -> None:
    from grader.course import load_course
    from grader.exercise import load_exercise

    shutil.copytree(EXERCISES / "toy", tmp_path / "exercises" / "toy")
    (tmp_path / "course.toml").write_text('[course]\nname = "c"\n[sandbox]\npackages = []\n')
    exercise = load_exercise(tmp_path / "exercises" / "toy", load_course(tmp_path))
    cells = ["%pylab inline", "%matplotlib inline", "assert 'linspace' not in globals()"]
    result = graded(exercise, tmp_path / "toy.ipynb", cells, sandbox)
    assert failed_cells(result) == {1: "ModuleNotFoundError", 2: "ModuleNotFoundError"}


@pytest.mark.slow
def test_a_one_line_cell_naming_a_magic_runs_it_unless_a_name_shadows_it(
    toy: Exercise, sandbox: str, tmp_path: Path
) -> None:
    cells = [
        "ls",
        "pwd",
        "cd data",  # no such folder: IPython says so and goes on
        "pip install numpy",
        "clear",
        "who",
        "whos",
        "history",
        "ls -l",
        "\nmkdir -p out\n",
        "import os\nassert os.path.isdir('out')",
        "ls = ['a', 'b']",
        "ls",  # the variable
        "assert _ == ['a', 'b']",
        "y = 1\ncat",  # 15: automagic is for one-line cells only, in IPython too
    ]
    result = graded(toy, tmp_path / "toy.ipynb", cells, sandbox)
    assert failed_cells(result) == {15: "NameError"}


MAGICS = [
    "%time y = 1 + 1",
    "%%time\nz = y * 2\nz",
    "assert z == 4 and _ == 4",
    "%timeit -n 1 -r 1 z + 1",
    "t = %timeit -o -q z + 1\nassert t.loops == 1 and t.best >= 0",
    "%%timeit -n 1\nw = z + 1",  # the body runs (once), in the notebook's namespace
    "assert w == 5",
    "%%capture captured\nprint('hello')",
    "assert captured.stdout == 'hello\\n'",
    "%%writefile script.py\nimport sys\nARGS = sys.argv[1:]\n",
    "%run script.py a b\nassert ARGS == ['a', 'b']",
    "%load_ext autoreload\n%autoreload 2\n%config InlineBackend.figure_format = 'retina'\n"
    "!pip install numpy\n%pip install numpy\n%precision 3\n%xmode Minimal",
    "%env GRADE_TEST_VARIABLE=1\nvalue = %env GRADE_TEST_VARIABLE\nassert value == '1'",
    "files = !ls\nassert files == [] and files.s == ''",  # no shell ran
    "!mkdir -p results\nimport numpy as np\nnp.save('results/x.npy', np.zeros(2))",
    "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\n"
    "display(fig)\nplt.show()",
    "?",
    "np.sum?",
    "*int*?",
]


@pytest.mark.slow
def test_magics_run_as_in_ipython_within_what_is_harmless(
    toy: Exercise, sandbox: str, tmp_path: Path
) -> None:
    result = graded(toy, tmp_path / "toy.ipynb", MAGICS, sandbox)
    assert failed_cells(result) == {}, result.cells


KERNEL = [
    "import numpy as np\nnp.arange(3)",
    "total = _.sum()\nassert total == 3 and Out[1] is _ and _1 is _",
    "np.arange(4);",  # a cell ending with ; shows nothing, so _ stays
    "assert len(_) == 3",
    "x = 1\nfrom __future__ import annotations\ndef f(a: Undefined) -> None:\n    pass",
    "def g(a: AlsoUndefined) -> None:\n    pass",  # the __future__ import holds on
    "    a = 1\n    b = 2",  # pasted with an indentation
    ">>> c = 3\n>>> d = c + 1",
    "In [1]: e = 5\n   ...: e += 1",
    "assert (a, b, c, d, e) == (1, 2, 3, 4, 6)",
    "help(len)",
    "if __name__ == '__main__':\n    MAIN = True",
    "assert MAIN",
    "import pickle\nclass Point:\n    pass\n"
    "assert type(pickle.loads(pickle.dumps(Point()))) is Point",
    "import unittest\nclass Test(unittest.TestCase):\n    def test_one(self):\n"
    "        self.assertEqual(1, 1)\nrun = unittest.main(argv=[''], exit=False)\n"
    "assert run.result.testsRun == 1",
    "input('your name? ')",  # 16: no one to answer
]


@pytest.mark.slow
def test_what_a_kernel_adds_to_python_is_there(toy: Exercise, sandbox: str, tmp_path: Path) -> None:
    result = graded(toy, tmp_path / "toy.ipynb", KERNEL, sandbox)
    assert failed_cells(result) == {16: "StdinNotImplementedError"}, result.cells
    asked = next(c for c in result.cells if c.cell == 16)
    assert "does not support input requests" in asked.message


@pytest.mark.slow
def test_a_pool_of_processes_that_the_sandbox_refuses_says_why(
    toy: Exercise, sandbox: str, tmp_path: Path
) -> None:
    cells = ["from multiprocessing import Pool\nwith Pool(2) as pool:\n    pool.map(abs, [-1])"]
    result = graded(toy, tmp_path / "toy.ipynb", cells, sandbox)
    refused = next((c for c in result.cells if c.cell == 1), None)
    # bubblewrap as root refuses it (the student's uid cannot make its semaphores); where
    # the sandbox lets the pool run, the cell simply works
    assert refused is not None or sandbox != "bwrap" or os.geteuid() != 0
    if refused is not None:
        assert "multiprocessing.Pool and ProcessPoolExecutor cannot run" in refused.message


@pytest.mark.parametrize(
    "line",
    [
        "%matplotlib inline",
        "%pylab",
        "!pip install numpy",
        "!!ls",
        "files = !ls",
        "t = %timeit -o f()",
        "a, b = !ls",
        "%time y = f(1)  # slow",
        "%run script.py --flag 'a b'",
        "np.sum?",
        "%" + "x" * 200,  # never cut short
    ],
)
def test_the_student_process_reads_back_each_line_the_reader_made_inert(line: str) -> None:
    """grader/notebooks.py marks each line it makes inert with the line it was; the
    runtime (cells.py) finds the same Python there and the IPython line to run."""
    inert = neutralise_ipython(f"if True:\n    {line}\n    x = 1").split("\n")[1]
    assert inert.endswith(MARK + line)
    marked = runtime._MARKED.match(inert)
    assert marked is not None
    indent, python, ipython = marked.groups()
    assert (indent, ipython, python) == ("    ", line, runtime._inert(line))
    call = runtime._call(line)
    assert ("get_ipython()." in call) != line.endswith("?")  # help runs nothing
    compile(call, "call", "exec")


def test_the_stand_in_has_every_public_name_of_ipythons_display_modules() -> None:
    """Compared with the real IPython where the tests have it (the stand-in is imported
    in a Python of its own, as the student process imports it)."""
    real = pytest.importorskip("IPython.display")
    import IPython.core.display as real_core

    wanted = {
        "IPython.display": {
            n
            for n, v in vars(real).items()
            if not n.startswith("_") and not isinstance(v, types.ModuleType)
        },
        "IPython.core.display": set(real_core.__all__),
    }
    script = (
        "import importlib, json, sys\n"
        f"sys.path.insert(0, {str(STUBS)!r})\n"
        f"names = {{m: dir(importlib.import_module(m)) for m in {sorted(wanted)!r}}}\n"
        "print(json.dumps(names))"
    )
    out = subprocess.run([sys.executable, "-I", "-S", "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout)
    assert {m: sorted(wanted[m] - set(found[m])) for m in wanted} == {m: [] for m in wanted}
