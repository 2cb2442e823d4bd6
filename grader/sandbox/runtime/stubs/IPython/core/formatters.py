"""Stand-in for IPython.core.formatters: ``get_ipython().display_formatter`` with a
formatter per mime type (``.for_type``, ``.for_type_by_name``, ``.enabled``), whose
``format(obj)`` returns IPython's ``(data, metadata)`` pair of dicts. Nothing is shown."""

import contextlib
import sys
import warnings

__all__ = ["BaseFormatter", "DisplayFormatter", "PlainTextFormatter", "format_display_data"]

_RAISE = object()


class BaseFormatter:
    """Formats an object for one mime type: a printer registered for its type, else its
    own ``_repr_*_`` method; None when neither gives anything."""

    format_type = "text/plain"
    print_method = "__repr__"

    def __init__(self, format_type=None, print_method=None, enabled=True):
        self.format_type = format_type or self.format_type
        self.print_method = print_method or self.print_method
        self.enabled = enabled
        self.type_printers, self.deferred_printers, self.singleton_printers = {}, {}, {}

    def __call__(self, obj):
        if not self.enabled:
            return None
        try:
            return self._format(obj)
        except Exception as exc:  # IPython shows a formatter's error as a warning
            warnings.warn(f"{self.format_type} formatter raised {exc!r}", stacklevel=2)
            return None

    def _format(self, obj):
        try:
            printer = self.lookup(obj)
        except KeyError:
            method = getattr(obj, self.print_method, None)
            return method() if callable(method) and not isinstance(obj, type) else None
        return self._print(printer, obj)

    def _print(self, printer, obj):
        return printer(obj)

    def __contains__(self, typ):
        return typ in self.type_printers or _name_of(typ) in self.deferred_printers

    def lookup(self, obj):
        if id(obj) in self.singleton_printers:
            return self.singleton_printers[id(obj)]
        return self.lookup_by_type(type(obj))

    def lookup_by_type(self, typ):
        for cls in getattr(typ, "__mro__", (typ,)):
            if cls in self.type_printers:
                return self.type_printers[cls]
            if _name_of(cls) in self.deferred_printers:
                self.type_printers[cls] = self.deferred_printers.pop(_name_of(cls))
                return self.type_printers[cls]
        raise KeyError(f"No registered printer for {typ!r}")

    def for_type(self, typ, func=None):
        if isinstance(typ, str):
            module, _, name = typ.rpartition(".")
            return self.for_type_by_name(module, name, func)
        old = self.type_printers.get(typ)
        if func is not None:
            self.type_printers[typ] = func
        return old

    def for_type_by_name(self, type_module, type_name, func=None):
        key = (type_module, type_name)
        old = self.deferred_printers.get(key)
        if func is not None:
            self.deferred_printers[key] = func
        return old

    def pop(self, typ, default=_RAISE):
        for printers, key in ((self.type_printers, typ), (self.deferred_printers, _name_of(typ))):
            if key in printers:
                return printers.pop(key)
        if default is _RAISE:
            raise KeyError(f"No registered value for {typ!r}")
        return default


def _name_of(typ):
    if isinstance(typ, str):
        module, _, name = typ.rpartition(".")
        return (module, name)
    return (getattr(typ, "__module__", None), getattr(typ, "__name__", None))


class _Text:
    """The pretty-printer a text/plain printer writes to (``p.text(...)``)."""

    def __init__(self):
        self.parts = []

    def text(self, text):
        self.parts.append(str(text))

    def pretty(self, obj):
        self.text(repr(obj))

    def breakable(self, sep=" "):
        self.text(sep)

    def begin_group(self, indent=0, open=""):
        self.text(open)

    def end_group(self, dedent=0, close=""):
        self.text(close)

    @contextlib.contextmanager
    def group(self, indent=0, open="", close=""):
        self.begin_group(indent, open)
        yield
        self.end_group(indent, close)

    indentation = 0


class PlainTextFormatter(BaseFormatter):
    """text/plain: ``repr(obj)``, or a printer called as ``printer(obj, p, cycle)``."""

    float_precision = ""
    float_format = "%r"
    pprint = True
    max_seq_length = 1000

    def _format(self, obj):
        try:
            printer = self.lookup(obj)
        except KeyError:
            return repr(obj)
        return self._print(printer, obj)

    def _print(self, printer, obj):
        out = _Text()
        printer(obj, out, False)
        return "".join(out.parts)


_MIMES = {
    "text/html": "_repr_html_",
    "text/markdown": "_repr_markdown_",
    "image/svg+xml": "_repr_svg_",
    "image/png": "_repr_png_",
    "application/pdf": "_repr_pdf_",
    "image/jpeg": "_repr_jpeg_",
    "text/latex": "_repr_latex_",
    "application/json": "_repr_json_",
    "application/javascript": "_repr_javascript_",
}


class DisplayFormatter:
    """``formatters``: mime type -> formatter; ``format(obj)`` -> ``(data, metadata)``."""

    def __init__(self):
        self.formatters = {"text/plain": PlainTextFormatter()}
        for mime, method in _MIMES.items():
            self.formatters[mime] = BaseFormatter(mime, method)
        self.mimebundle_formatter = BaseFormatter("mimebundle", "_repr_mimebundle_")
        self.ipython_display_formatter = BaseFormatter("ipython_display", "_ipython_display_")
        self.active_types = list(self.formatters)

    def format(self, obj, include=None, exclude=None):
        data, metadata = {}, {}
        bundle = self.mimebundle_formatter(obj)
        if isinstance(bundle, tuple) and len(bundle) == 2:
            bundle, metadata = bundle[0], dict(bundle[1] or {})
        data.update(bundle or {})
        for mime, formatter in self.formatters.items():
            if mime in data or (include and mime not in include) or (exclude and mime in exclude):
                continue
            value = formatter(obj)
            if isinstance(value, tuple) and len(value) == 2:
                value, metadata[mime] = value
            if value is not None:
                data[mime] = value
        return data, metadata


def format_display_data(obj, include=None, exclude=None):
    shell = sys.modules["IPython.core.interactiveshell"].InteractiveShell.instance()
    return shell.display_formatter.format(obj, include, exclude)
