"""A stand-in for IPython inside the grader's sandbox: notebooks that call
``get_ipython()`` or import ``IPython.display`` run as they would in Jupyter, but nothing
is displayed and no shell command ever runs. (A course that declares the real IPython
package gets the real one instead.)"""

from IPython.core.interactiveshell import InteractiveShell, get_ipython
from IPython.display import display

__version__ = "8.0.0 (grade stand-in)"
version_info = (8, 0, 0, "")

__all__ = ["InteractiveShell", "display", "embed", "get_ipython"]


def embed(*args, **kwargs):
    """Does nothing: there is no terminal to embed a shell in."""
    return None
