"""Stand-in for IPython.display: everything IPython's has, nothing shown, no file read
and no URL fetched."""

from IPython.core.display import *  # noqa: F403
from IPython.core.display import __all__ as _core
from IPython.core.display_functions import *  # noqa: F403
from IPython.lib.display import *  # noqa: F403
from IPython.lib.display import __all__ as _lib

__all__ = sorted({*_core, *_lib})
