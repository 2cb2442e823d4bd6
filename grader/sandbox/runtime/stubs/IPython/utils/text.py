"""Stand-in for IPython.utils.text: the list a shell escape's output is (``files = !ls``)."""

import re

__all__ = ["LSString", "SList"]


class LSString(str):
    """A string with its lines as ``.l``, ``.n`` (newline-joined) and ``.s`` (spaced)."""

    @property
    def l(self):  # noqa: E743
        return self.split("\n")

    list = l

    @property
    def n(self):
        return self

    @property
    def s(self):
        return self.replace("\n", " ")


class SList(list):
    """A list of output lines, as IPython's: ``.s``, ``.n``, ``.l``, ``.grep()``, ..."""

    @property
    def l(self):  # noqa: E743
        return self

    list = l

    @property
    def n(self):
        return "\n".join(self)

    nlstr = n

    @property
    def s(self):
        return " ".join(self)

    spstr = s

    @property
    def p(self):
        import pathlib

        return [pathlib.Path(line) for line in self]

    paths = p

    def grep(self, pattern, prune=False, field=None):
        test = pattern if callable(pattern) else (lambda s: re.search(pattern, s, re.I))
        words = [line.split()[field] if field is not None else line for line in self]
        kept = [line for line, word in zip(self, words, strict=True) if bool(test(word)) != prune]
        return SList(kept)

    def fields(self, *indices):
        rows = [line.split() for line in self]
        if not indices:
            return SList(" ".join(row) for row in rows)
        return SList(" ".join(row[i] for i in indices if -len(row) <= i < len(row)) for row in rows)

    def sort(self, field=None, nums=False):
        return SList(sorted(self))
