"""Stand-in for IPython.core.pylabtools, which matplotlib consults when IPython is
imported: no GUI event loop to hook into."""

backend2gui = {}


def activate_matplotlib(backend):
    return None


def configure_inline_support(shell, backend):
    return None


def select_figure_formats(shell, formats, **kwargs):
    return None
