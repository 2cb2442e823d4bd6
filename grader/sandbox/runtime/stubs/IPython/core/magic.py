"""Stand-in for IPython.core.magic: a notebook's own magics (``@register_line_magic``,
``@register_cell_magic``, a ``Magics`` class) are registered with the shell stand-in,
which runs them as IPython would."""

from IPython.core.error import UsageError
from IPython.core.getipython import get_ipython

__all__ = [
    "Magics",
    "UsageError",
    "cell_magic",
    "line_cell_magic",
    "line_magic",
    "magics_class",
    "needs_local_scope",
    "no_var_expand",
    "output_can_be_silenced",
    "register_cell_magic",
    "register_line_cell_magic",
    "register_line_magic",
]

magic_kinds = ("line", "cell", "line_cell")


def _register(kind):
    def register(arg):
        def decorate(func, name=None):
            get_ipython().register_magic_function(func, kind, name or func.__name__)
            return func

        return decorate(arg) if callable(arg) else (lambda func: decorate(func, arg))

    return register


register_line_magic = _register("line")
register_cell_magic = _register("cell")
register_line_cell_magic = _register("line_cell")


def _mark(kind):
    """``@line_magic`` / ``@line_magic("name")`` on a method of a ``Magics`` class."""

    def mark(arg):
        def decorate(func, name=None):
            func._magic_kind, func._magic_name = kind, name or func.__name__
            return func

        return decorate(arg) if callable(arg) else (lambda func: decorate(func, arg))

    return mark


line_magic = _mark("line")
cell_magic = _mark("cell")
line_cell_magic = _mark("line_cell")


def magics_class(cls):
    """Collects the magics a class's methods declare into ``cls.magics``."""
    cls.magics = {"line": {}, "cell": {}}
    for attr, value in vars(cls).items():
        kind = getattr(value, "_magic_kind", None)
        for part in ("line", "cell") if kind == "line_cell" else (kind,) if kind else ():
            cls.magics[part][value._magic_name] = attr
    return cls


class Magics:
    magics = {"line": {}, "cell": {}}  # noqa: RUF012 - IPython's shape

    def __init__(self, shell=None, **kwargs):
        self.shell = shell if shell is not None else get_ipython()
        self.options_table = {}


def needs_local_scope(func):
    func.needs_local_scope = True
    return func


def no_var_expand(func):
    return func


def output_can_be_silenced(func):
    return func
