"""A stand-in for matplotlib-inline, the backend Jupyter draws figures with, which
notebooks import to choose figure formats: figures are drawn headless, nothing is shown.
(A course that declares the real package gets it instead.)"""

from matplotlib_inline import backend_inline, config

__all__ = ["backend_inline", "config"]
