"""Stand-in for IPython.core.debugger: importing ``set_trace`` works; calling it raises
as in a notebook run without a frontend, where no one can type debugger commands."""

import pdb

from IPython.core.error import StdinNotImplementedError

__all__ = ["Pdb", "set_trace"]

Pdb = pdb.Pdb


def set_trace(frame=None):
    raise StdinNotImplementedError(
        "raw_input was called, but this frontend does not support input requests."
    )
