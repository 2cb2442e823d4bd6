"""Stand-in for matplotlib_inline.backend_inline: choosing formats does nothing, and
``show()`` closes the figures, as the inline backend does once it has shown them."""

__all__ = [
    "configure_inline_support",
    "draw_if_interactive",
    "flush_figures",
    "set_matplotlib_close",
    "set_matplotlib_formats",
    "show",
]


def set_matplotlib_formats(*formats, **kwargs):
    return None


def set_matplotlib_close(close=True):
    return None


def configure_inline_support(shell, backend):
    return None


def draw_if_interactive():
    return None


def show(close=None, block=None):
    import matplotlib.pyplot as plt

    plt.close("all")


def flush_figures():
    return None
