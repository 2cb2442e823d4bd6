"""Stand-in for IPython.lib.pretty: ``pretty(obj)`` is its repr, ``pprint`` prints it."""

import pprint as _pprint

__all__ = ["pprint", "pretty"]


def pretty(obj, verbose=False, max_width=79, newline="\n", max_seq_length=1000):
    return _pprint.pformat(obj, width=max_width)


def pprint(obj, verbose=False, max_width=79, newline="\n", max_seq_length=1000):
    print(pretty(obj, verbose, max_width, newline, max_seq_length))
