"""Stand-in for IPython.core.display, where old notebooks import the display tools from."""

from IPython.display import *  # noqa: F403
from IPython.display import __all__  # noqa: F401
