"""A stand-in for the shell of a Jupyter kernel: ``get_ipython()`` returns it.

Magics run as IPython's built-in ones would, within what is harmless (IPython/core/
magics.py); a notebook's own magics (``@register_line_magic``, ...) run as they are; shell
escapes (``.system``, ``.getoutput``) never run anything. Parts of a kernel that have no
meaning here (``.kernel``, ``.events``, ...) accept any use and do nothing.
"""

import os
import sys

from IPython.core import magics
from IPython.core.formatters import DisplayFormatter
from IPython.utils.text import LSString, SList


class _Anything:
    """Any attribute or item of it is itself, calling it does nothing, and it holds
    nothing (``ip.events.register(...)``, ``ip.kernel.session.send(...)``)."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args, **kwargs):
        return None

    def __getitem__(self, key):
        return self

    def __setitem__(self, key, value):
        return None

    def __iter__(self):
        return iter(())

    def __contains__(self, item):
        return False


class _Config(dict):
    """The shell's traitlets config: ``ip.config.InlineBackend.figure_format = ...``."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return self.setdefault(name, _Config())

    def __setattr__(self, name, value):
        self[name] = value


class _Result:
    """What ``run_cell`` returns."""

    def __init__(self, result=None, error=None):
        self.result, self.error_in_exec, self.error_before_exec = result, error, None
        self.success = error is None

    def raise_error(self):
        if self.error_in_exec is not None:
            raise self.error_in_exec


class InteractiveShell:
    _instance = None
    ast_node_interactivity = "last_expr"
    automagic = True
    autocall = 0

    def __init__(self):
        self._user_ns, self.user_ns_hidden = {}, {}
        self.home = os.getcwd()
        self.config = _Config()
        self.display_formatter = DisplayFormatter()
        self._magics = {"line": {}, "cell": {}}

    @property
    def user_ns(self):
        return self._user_ns

    @user_ns.setter
    def user_ns(self, namespace):
        """The notebook's namespace, given when it starts, in its scratch folder."""
        self._user_ns, self.home = namespace, os.getcwd()

    @property
    def user_global_ns(self):
        return self._user_ns

    @classmethod
    def instance(cls, *args, **kwargs):
        if InteractiveShell._instance is None:
            InteractiveShell._instance = ZMQInteractiveShell()
        return InteractiveShell._instance

    @classmethod
    def initialized(cls):
        return True

    def system(self, cmd, *args, **kwargs):
        """A shell escape (``!cmd``): never run in the grader."""
        magics.shell_command(self, cmd)

    system_piped = system_raw = system

    def getoutput(self, cmd, split=True, depth=0):
        """``files = !ls``: no command runs, so there is no output."""
        magics.shell_command(self, cmd)
        return SList() if split else LSString()

    def run_line_magic(self, magic_name, line, _stack_depth=1):
        own = self._magics["line"].get(magic_name)
        if own is None:
            return magics.run_line(self, magic_name, line)
        if getattr(own, "needs_local_scope", False):
            return own(line, local_ns=sys._getframe(_stack_depth).f_locals)
        return own(line)

    def run_cell_magic(self, magic_name, line, cell):
        own = self._magics["cell"].get(magic_name)
        if own is not None:
            return own(line, cell)
        return magics.run_cell(self, magic_name, line, cell)

    def in_place_cell_magic(self, magic_name, line):
        """A context manager: what ``%%magic_name line`` does around its body, which the
        grader runs as the rest of the cell (``%%time``, ``%%capture``, ...)."""
        return magics.in_place(self, magic_name, line)

    def magic(self, arg_s):
        name, _, line = arg_s.lstrip().lstrip("%").partition(" ")
        return self.run_line_magic(name, line, _stack_depth=2)

    def find_magic(self, magic_name, magic_kind="line"):
        """The magic of that name (a notebook's own, or a built-in one), else None."""
        own = self._magics.get(magic_kind, {}).get(magic_name)
        if own is not None:
            return own
        known = magics.LINE_MAGICS if magic_kind == "line" else magics.CELL_MAGICS
        if magic_name not in known:
            return None
        if magic_kind == "line":
            return lambda line="": self.run_line_magic(magic_name, line)
        return lambda line="", cell="": self.run_cell_magic(magic_name, line, cell)

    def find_line_magic(self, magic_name):
        return self.find_magic(magic_name, "line")

    def find_cell_magic(self, magic_name):
        return self.find_magic(magic_name, "cell")

    def register_magic_function(self, func, magic_kind="line", magic_name=None):
        kinds = ("line", "cell") if magic_kind == "line_cell" else (magic_kind,)
        for kind in kinds:
            self._magics[kind][magic_name or func.__name__] = func

    def register_magics(self, *objs):
        for obj in objs:
            instance = obj(shell=self) if isinstance(obj, type) else obj
            for kind, names in getattr(instance, "magics", {}).items():
                for name, method in names.items():
                    self._magics[kind][name] = getattr(instance, method)

    def push(self, variables, interactive=True):
        if isinstance(variables, str):
            caller = sys._getframe(1)
            scope = {**caller.f_globals, **caller.f_locals}
            variables = {name: scope[name] for name in variables.replace(",", " ").split()}
        self._user_ns.update(variables)

    def ev(self, expr):
        return eval(expr, self._user_ns)

    def ex(self, cmd):
        exec(cmd, self._user_ns)

    def run_cell(self, raw_cell, store_history=False, silent=False, shell_futures=True, **kw):
        """Runs Python (not IPython syntax) in the namespace; errors go into the result."""
        try:
            exec(compile(raw_cell, "<run_cell>", "exec"), self._user_ns)
        except Exception as exc:
            return _Result(error=exc)
        return _Result()

    def enable_matplotlib(self, gui=None):
        magics.run_line(self, "matplotlib", gui or "")
        return gui, "agg"

    def enable_pylab(self, gui=None, import_all=True, welcome_message=False):
        magics.run_line(self, "pylab", "" if import_all else "--no-import-all")
        return gui, "agg", []

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Anything()


class ZMQInteractiveShell(InteractiveShell):
    """The class of the shell a Jupyter kernel runs (ipykernel's), as notebooks check."""


ZMQInteractiveShell.__module__ = "ipykernel.zmqshell"


def get_ipython():
    return InteractiveShell.instance()
