"""Stand-ins for IPython's built-in magics (IPython.core.magics).

Magics that run Python run it in the notebook's namespace: ``%time``, ``%timeit`` (once),
``%prun``, ``%run`` (a file in the scratch folder), ``%pylab``, ``%%capture``. Those that
touch the system do only what is harmless in the scratch folder (``%cd`` within it,
``%pwd``, ``%env``, ``%who``, ``mkdir``). Nothing ever runs a shell: every other magic,
shell alias (``ls``, ``cat``, ...) and ``pip`` does nothing.
"""

import ast
import builtins
import contextlib
import os
import shlex
import sys
import time as _clock

from IPython.core import os_magics
from IPython.core.error import UsageError
from IPython.utils.capture import capture_output

# IPython's built-in line magics and shell aliases in a kernel (what automagic knows).
LINE_MAGICS = frozenset(
    """aimport alias alias_magic autoawait autocall automagic autoreload autosave bookmark
    cat cd clear colors conda config connect_info cp debug dhist dirs doctest_mode ed edit
    env gui hist history killbgscripts ldir less lf lk ll load load_ext loadpy logoff logon
    logstart logstate logstop ls lsmagic lx macro magic mamba man matplotlib micromamba
    mkdir more mv notebook page pastebin pdb pdef pdoc pfile pinfo pinfo2 pip popd pprint
    precision prun psearch psource pushd pwd pycat pylab qtconsole quickref recall rehashx
    reload_ext rep rerun reset reset_selective rm rmdir run save sc set_env store sx system
    tb time timeit unalias unload_ext who who_ls whos xdel xmode""".split()  # noqa: SIM905
)
CELL_MAGICS = frozenset(
    """! bash capture debug file html javascript js latex markdown perl prun pypy python
    python2 python3 ruby script sh svg sx system time timeit writefile""".split()  # noqa: SIM905
)
RUNS_BODY = frozenset({"time", "timeit", "prun", "capture"})  # the body is Python, run here
shell_command = os_magics.shell_command  # what a shell escape does instead of running


def run_line(shell, name, line):
    handler = _LINE.get(name)
    return handler(shell, line) if handler is not None else None


def run_cell(shell, name, line, cell):
    """A cell magic given its body as a string (``jupyter nbconvert --to script``)."""
    if name in ("writefile", "file"):
        words = line.split()
        target = next((w for w in words if not w.startswith("-")), "")
        append = "-a" in words or "--append" in words
        sys.modules["_grade_cells"].write_file(target.strip("'\""), cell, append)
    elif name in RUNS_BODY:
        code = compile(cell, f"<%%{name}>", "exec")
        with in_place(shell, name, line):
            exec(code, shell.user_ns)
    return None


def in_place(shell, name, line):
    """What ``%%name line`` does around its body, which runs as ordinary code meanwhile:
    ``%%time`` and ``%%timeit`` (which runs it once) print the time it took; ``%%capture
    [name]`` captures its output (into ``name``)."""
    if name == "capture":
        return _capture(shell, line.split())
    if name in ("time", "timeit"):
        options, setup = _options(line) if name == "timeit" else ((), "")
        if setup.strip():
            exec(compile(setup, "<magic-timeit setup>", "exec"), shell.user_ns)
        return _timed(name, "-q" in options)
    return contextlib.nullcontext()


@contextlib.contextmanager
def _capture(shell, words):
    flags = {w for w in words if w.startswith("--")}
    names = [w for w in words if not w.startswith("-")]
    capture = capture_output("--no-stdout" not in flags, "--no-stderr" not in flags)
    with capture as captured:
        try:
            yield
        finally:
            if names:
                shell.user_ns[names[0]] = captured


@contextlib.contextmanager
def _timed(kind, quiet=False):
    wall, cpu = _clock.perf_counter(), os.times()
    yield
    wall, user, system = (
        _clock.perf_counter() - wall,
        os.times().user - cpu.user,
        os.times().system - cpu.system,
    )
    if quiet:
        return
    if kind == "timeit":
        print(TimeitResult(1, 1, [wall]))
    else:
        total = _format(user + system)
        print(f"CPU times: user {_format(user)}, sys: {_format(system)}, total: {total}")
        print(f"Wall time: {_format(wall)}")


def _format(seconds):
    for unit, scale in (("s", 1.0), ("ms", 1e3), ("µs", 1e6)):
        if seconds * scale >= 1.0:
            return f"{seconds * scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


class TimeitResult:
    """What ``%timeit -o`` returns (here from one run of one loop)."""

    def __init__(self, loops, repeat, all_runs, compile_time=0.0, precision=3):
        self.loops, self.repeat, self.all_runs = loops, repeat, all_runs
        self.best, self.worst = min(all_runs) / loops, max(all_runs) / loops
        self.compile_time, self._precision = compile_time, precision
        self.timings = [run / loops for run in all_runs]

    @property
    def average(self):
        return sum(self.timings) / len(self.timings)

    @property
    def stdev(self):
        mean = self.average
        return (sum((t - mean) ** 2 for t in self.timings) / len(self.timings)) ** 0.5

    def __str__(self):
        runs, loops = self.repeat, self.loops
        return (
            f"{_format(self.average)} ± {_format(self.stdev)} per loop (mean ± std. dev. of "
            f"{runs} run{'s' * (runs != 1)}, {loops} loop{'s' * (loops != 1)} each)"
        )

    __repr__ = __str__


def _options(line, with_argument="nrp"):
    """``(options, statement)`` of ``-n 10 -r 3 -o stmt``; ``with_argument``: the options
    followed by a value (%timeit's; %prun's are ``Dlst``)."""
    options, rest = [], line.lstrip()
    while rest.startswith("-"):
        word, _, after = rest.partition(" ")
        options.append(word[:2])
        rest = after.lstrip()
        if word[1:2] in with_argument and len(word) == 2:  # the value is the next word
            rest = rest.partition(" ")[2].lstrip()
    return options, rest


def _time(shell, line):
    """``%time stmt``: runs it in the namespace; an expression's value is returned."""
    tree = ast.parse(line)
    last = tree.body[-1] if tree.body else None
    with _timed("time"):
        if len(tree.body) == 1 and isinstance(last, ast.Expr):
            return eval(compile(ast.Expression(last.value), "<timed eval>", "eval"), shell.user_ns)
        exec(compile(tree, "<timed exec>", "exec"), shell.user_ns)
    return None


def _timeit(shell, line):
    """``%timeit [-o] stmt``: runs stmt once, in a function as IPython times it."""
    options, statement = _options(line)
    tree = ast.parse("def __timeit_inner():\n    pass\n")
    tree.body[0].body = ast.parse(statement).body or [ast.Pass()]
    scope = {}
    exec(compile(ast.fix_missing_locations(tree), "<magic-timeit>", "exec"), shell.user_ns, scope)
    start = _clock.perf_counter()
    scope["__timeit_inner"]()
    result = TimeitResult(1, 1, [_clock.perf_counter() - start])
    if "-q" not in options:
        print(result)
    return result if "-o" in options else None


def _prun(shell, line):
    statement = _options(line, with_argument="DlsT")[1]
    exec(compile(statement, "<prun>", "exec"), shell.user_ns)


def _run(shell, line):
    """``%run [-i] script.py args`` or ``%run -m module``: runs it as ``__main__`` and
    adds what it defines to the namespace, as IPython does."""
    words = shlex.split(line)
    flags = set()
    while words and words[0].startswith("-") and words[0] != "-m":
        flags.add(words.pop(0))
    if words[:1] == ["-m"] and len(words) > 1:
        import runpy

        with _argv(words[1:]):
            found = runpy.run_module(words[1], run_name="__main__", alter_sys=True)
        return _merge(shell, found)
    if not words:
        raise UsageError("%run: name a file to run")
    path, args = words[0], words[1:]
    if not os.path.isfile(path) and os.path.isfile(path + ".py"):
        path += ".py"
    if not os.path.isfile(path):
        raise Exception(f"File `{path!r}` not found.")
    with open(path, encoding="utf-8") as handle:
        code = compile(handle.read(), os.path.abspath(path), "exec")
    interactive = "-i" in flags
    namespace = shell.user_ns if interactive else {"__name__": "__main__", "__file__": path}
    namespace.setdefault("__builtins__", builtins)
    with _argv([path, *args]):
        try:
            exec(code, namespace)
        except SystemExit as exc:
            if exc.code not in (None, 0):
                raise
    return None if interactive else _merge(shell, namespace)


def _merge(shell, namespace):
    private = ("__name__", "__file__", "__builtins__", "__loader__", "__spec__", "__cached__")
    shell.user_ns.update({k: v for k, v in namespace.items() if k not in private})


@contextlib.contextmanager
def _argv(argv):
    saved, folder = sys.argv, os.path.dirname(os.path.abspath(argv[0]))
    sys.argv = list(argv)
    sys.path.insert(0, folder)
    try:
        yield
    finally:
        sys.argv = saved
        with contextlib.suppress(ValueError):
            sys.path.remove(folder)


def _pylab(shell, line):
    """``%pylab``: numpy and matplotlib imported into the namespace, as IPython's
    ``import_pylab`` does (a ModuleNotFoundError when matplotlib may not be imported)."""
    import matplotlib  # noqa: F401 - as IPython: no matplotlib, no %pylab

    from IPython.core.pylabtools import import_pylab

    import_pylab(shell.user_ns, import_all="--no-import-all" not in line.split())
    print("%pylab is deprecated, use %matplotlib inline and import the required libraries.")
    print("Populating the interactive namespace from numpy and matplotlib")


def _matplotlib(shell, line):
    """``%matplotlib [backend]``: figures are drawn headless whatever the backend; a
    ModuleNotFoundError when matplotlib may not be imported, as in IPython."""
    import matplotlib  # noqa: F401


_LINE = {
    **os_magics.LINE,
    "matplotlib": _matplotlib,
    "prun": _prun,
    "pylab": _pylab,
    "run": _run,
    "time": _time,
    "timeit": _timeit,
}
