"""Stand-ins for IPython.core.display_functions: ``display`` and its kin show nothing,
and return what IPython's return (a handle for a ``display_id``)."""

import binascii
import os

__all__ = ["DisplayHandle", "clear_output", "display", "publish_display_data", "update_display"]


def _new_id():
    return binascii.b2a_hex(os.urandom(16)).decode("ascii")


def publish_display_data(data, metadata=None, source=None, *, transient=None, **kwargs):
    return None


def display(
    *objs,
    include=None,
    exclude=None,
    metadata=None,
    transient=None,
    display_id=None,
    raw=False,
    clear=False,
    **kwargs,
):
    """Shows nothing; returns a DisplayHandle when a display_id is asked for."""
    if display_id is True:
        display_id = _new_id()
    if kwargs.get("update") and not display_id:
        raise TypeError("display_id required for update_display")
    return DisplayHandle(display_id) if display_id else None


def update_display(obj, *, display_id, **kwargs):
    return display(obj, display_id=display_id, update=True, **kwargs)


def clear_output(wait=False):
    return None


class DisplayHandle:
    """A handle on a display that can be updated (nothing is shown)."""

    def __init__(self, display_id=None):
        self.display_id = display_id if display_id is not None else _new_id()

    def __repr__(self):
        return f"<{type(self).__name__} display_id={self.display_id}>"

    def display(self, obj, **kwargs):
        display(obj, display_id=self.display_id, **kwargs)

    def update(self, obj, **kwargs):
        update_display(obj, display_id=self.display_id, **kwargs)
