"""A stand-in for IPython inside the grader's sandbox: notebooks that call
``get_ipython()``, use magics or import ``IPython.display`` run as they would in Jupyter,
but nothing is displayed and no shell command ever runs. (A course that declares the real
IPython package gets the real one instead.)

As in IPython, ``IPython.display`` is the module and ``IPython.display.display`` the
function; ``IPython.core``, ``IPython.lib`` and ``IPython.utils`` hold stand-ins for what
notebooks use of them.
"""

# Loaded with IPython, as IPython's own are: ``import IPython; IPython.display.HTML``.
from IPython import core, display, lib, utils
from IPython.core import display_functions, error, formatters, magic, pylabtools  # noqa: F401
from IPython.core.getipython import get_ipython
from IPython.core.interactiveshell import InteractiveShell
from IPython.lib import pretty  # noqa: F401
from IPython.utils import capture, io, text  # noqa: F401

__version__ = "8.0.0 (grade stand-in)"
version_info = (8, 0, 0, "")

__all__ = ["InteractiveShell", "core", "display", "embed", "get_ipython", "lib", "utils"]


def embed(*args, **kwargs):
    """Does nothing: there is no terminal to embed a shell in."""
    return None


def embed_kernel(*args, **kwargs):
    return None


def start_ipython(*args, **kwargs):
    return None


start_kernel = start_ipython


def sys_info():
    return "IPython 8.0.0 (grade stand-in)"
