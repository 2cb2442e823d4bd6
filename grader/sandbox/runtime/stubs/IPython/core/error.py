"""Stand-in for IPython.core.error: the exceptions IPython raises."""


class IPythonCoreError(Exception):
    pass


class TryNext(IPythonCoreError):
    pass


class UsageError(IPythonCoreError):
    """A magic used wrongly (IPython prints these without a traceback)."""


class StdinNotImplementedError(IPythonCoreError, NotImplementedError):
    """input() where no one can answer, as in a notebook run without a frontend."""
