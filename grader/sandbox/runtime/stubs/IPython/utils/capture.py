"""Stand-in for IPython.utils.capture: ``capture_output`` and ``CapturedIO`` (what
``%%capture name`` assigns), for the standard streams; rich displays are not kept."""

import sys
from io import StringIO

__all__ = ["CapturedIO", "RichOutput", "capture_output"]


class RichOutput:
    def __init__(self, data=None, metadata=None, transient=None, update=False):
        self.data, self.metadata = data or {}, metadata or {}
        self.transient, self.update = transient or {}, update

    def display(self):
        return None


class CapturedIO:
    """Captured ``stdout``, ``stderr`` (strings) and ``outputs``; ``show()`` (or calling
    it) writes them out again."""

    def __init__(self, stdout, stderr, outputs=None):
        self._stdout, self._stderr, self._outputs = stdout, stderr, outputs or []

    def __str__(self):
        return self.stdout

    @property
    def stdout(self):
        return self._stdout.getvalue() if self._stdout else ""

    @property
    def stderr(self):
        return self._stderr.getvalue() if self._stderr else ""

    @property
    def outputs(self):
        return list(self._outputs)

    def show(self):
        sys.stdout.write(self.stdout)
        sys.stderr.write(self.stderr)

    __call__ = show


class capture_output:
    """``with capture_output() as captured:``: the streams are captured until it ends."""

    def __init__(self, stdout=True, stderr=True, display=True):
        self.stdout, self.stderr, self.display = stdout, stderr, display

    def __enter__(self):
        self.sys_stdout, self.sys_stderr = sys.stdout, sys.stderr
        stdout = StringIO() if self.stdout else None
        stderr = StringIO() if self.stderr else None
        if stdout is not None:
            sys.stdout = stdout
        if stderr is not None:
            sys.stderr = stderr
        return CapturedIO(stdout, stderr)

    def __exit__(self, *exc_info):
        sys.stdout, sys.stderr = self.sys_stdout, self.sys_stderr
        return False
