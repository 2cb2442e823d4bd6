"""Stand-in for IPython.utils.io, where notebooks import ``capture_output`` from."""

from IPython.utils.capture import CapturedIO, capture_output

__all__ = ["CapturedIO", "capture_output"]
