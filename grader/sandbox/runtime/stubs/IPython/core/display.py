"""Stand-ins for IPython.core.display: display objects keep what they were given and
read no file and no URL; the ``display_*`` functions show nothing."""

import os
import time

from IPython.core.display_functions import (
    DisplayHandle,
    clear_output,
    display,
    publish_display_data,
    update_display,
)

__all__ = [
    "HTML",
    "JSON",
    "SVG",
    "DisplayHandle",
    "DisplayObject",
    "GeoJSON",
    "Image",
    "Javascript",
    "Latex",
    "Markdown",
    "Math",
    "Pretty",
    "ProgressBar",
    "TextDisplayObject",
    "Video",
    "clear_output",
    "display",
    "display_html",
    "display_javascript",
    "display_jpeg",
    "display_json",
    "display_latex",
    "display_markdown",
    "display_pdf",
    "display_png",
    "display_pretty",
    "display_svg",
    "publish_display_data",
    "set_matplotlib_close",
    "set_matplotlib_formats",
    "update_display",
]


def _show_nothing(*objs, raw=False, metadata=None, **kwargs):
    return None


display_html = display_javascript = display_jpeg = display_json = _show_nothing
display_latex = display_markdown = display_pdf = display_png = _show_nothing
display_pretty = display_svg = _show_nothing


def set_matplotlib_formats(*formats, **kwargs):
    return None


def set_matplotlib_close(close=True):
    return None


class DisplayObject:
    """Keeps what it was given, as IPython's display objects do; loads nothing."""

    def __init__(self, data=None, url=None, filename=None, metadata=None, **kwargs):
        if isinstance(data, str) and data.startswith(("http://", "https://")) and url is None:
            data, url = None, data
        self.data, self.url, self.filename = data, url, filename
        self.metadata = metadata or {}
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __repr__(self):
        return f"<IPython.core.display.{type(self).__name__} object>"

    def reload(self):
        return None


class TextDisplayObject(DisplayObject):
    pass


def _kind(name, method, base=TextDisplayObject):
    """A display class whose ``method`` (``_repr_html_``, ...) returns its data."""

    def represent(self, *args, **kwargs):
        return self.data

    return type(name, (base,), {method: represent, "__module__": __name__})


HTML = _kind("HTML", "_repr_html_")
Markdown = _kind("Markdown", "_repr_markdown_")
Math = _kind("Math", "_repr_latex_")
Latex = _kind("Latex", "_repr_latex_")
Pretty = _kind("Pretty", "_repr_pretty_")
Javascript = _kind("Javascript", "_repr_javascript_")
SVG = _kind("SVG", "_repr_svg_", DisplayObject)
JSON = _kind("JSON", "_repr_json_", DisplayObject)
GeoJSON = _kind("GeoJSON", "_repr_json_", DisplayObject)
Video = _kind("Video", "_repr_html_", DisplayObject)


class Image(DisplayObject):
    def __init__(self, data=None, url=None, filename=None, format=None, embed=None, width=None,
                 height=None, retina=False, unconfined=False, metadata=None, alt=None):  # fmt: skip
        super().__init__(data, url, filename, metadata)
        self.format, self.embed, self.width, self.height = format, embed, width, height
        self.retina, self.unconfined, self.alt = retina, unconfined, alt

    def _repr_png_(self):
        return self.data

    def _repr_jpeg_(self):
        return self.data


class ProgressBar(DisplayObject):
    """A progress bar that is never drawn: ``display()``, ``update()``, ``progress`` and
    iterating over it behave as IPython's."""

    def __init__(self, total):
        self.total = total
        self._progress = 0
        self.html_width, self.text_width = "60ex", 60
        self._display_id = f"{os.getpid()}-{time.monotonic_ns()}"

    def __repr__(self):
        done = int(self.progress / self.total * self.text_width) if self.total else 0
        return "[" + "=" * done + " " * (self.text_width - done) + "]"

    def display(self):
        display(self, display_id=self._display_id)

    def update(self):
        display(self, display_id=self._display_id, update=True)

    @property
    def progress(self):
        return self._progress

    @progress.setter
    def progress(self, value):
        self._progress = value
        self.update()

    def __iter__(self):
        self.display()
        self._progress = -1
        return self

    def __next__(self):
        self._progress += 1
        if self._progress < self.total:
            self.update()
            return self._progress
        raise StopIteration()
