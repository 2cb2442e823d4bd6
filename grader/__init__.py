"""grade: a sandboxed grader for NumPy neural-network exercises."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("grade")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
