"""Stand-in for IPython.core.pylabtools (which matplotlib also consults when IPython is
imported). ``import_pylab`` fills a namespace as IPython's ``%pylab`` does; there is no
GUI event loop to hook into: figures are drawn headless."""

from io import BytesIO

backends = {
    "agg": "agg",
    "svg": "svg",
    "pdf": "pdf",
    "ps": "ps",
}
backend2gui = {}


def getfigs(*fig_nums):
    """The open matplotlib figures (all of them, or those numbered)."""
    from matplotlib._pylab_helpers import Gcf

    if not fig_nums:
        return [manager.canvas.figure for manager in Gcf.get_all_fig_managers()]
    found = [Gcf.figs.get(num) for num in fig_nums]
    return [manager.canvas.figure for manager in found if manager is not None]


def figsize(sizex, sizey):
    import matplotlib

    matplotlib.rcParams["figure.figsize"] = [sizex, sizey]


def print_figure(fig, fmt="png", bbox_inches="tight", base64=False, **kwargs):
    """The figure drawn into ``fmt`` (bytes; str for svg), as IPython's: in memory only."""
    if not fig.axes and not fig.lines:
        return None
    dpi = fig.dpi * 2 if fmt == "retina" else fig.dpi
    fmt = "png" if fmt == "retina" else fmt
    options = {"format": fmt, "facecolor": fig.get_facecolor(), "edgecolor": fig.get_edgecolor(),
               "dpi": dpi, "bbox_inches": bbox_inches, **kwargs}  # fmt: skip
    buffer = BytesIO()
    if fig.canvas is None:
        from matplotlib.backend_bases import FigureCanvasBase

        FigureCanvasBase(fig)
    fig.canvas.print_figure(buffer, **options)
    data = buffer.getvalue()
    if fmt == "svg":
        return data.decode("utf-8")
    if base64:
        import binascii

        return binascii.b2a_base64(data, newline=False).decode("ascii")
    return data


def retina_figure(fig, base64=False, **kwargs):
    data = print_figure(fig, fmt="retina", base64=base64, **kwargs)
    if data is None:
        return None
    width, height = fig.get_size_inches() * fig.dpi
    return data, {"width": int(width), "height": int(height)}


def import_pylab(user_ns, import_all=True):
    """What ``%pylab`` puts in the namespace: numpy, matplotlib, ``np``, ``plt`` and,
    with ``import_all``, everything of ``matplotlib.pylab`` and ``numpy``."""
    exec(
        "import numpy\nimport matplotlib\nfrom matplotlib import pylab, mlab, pyplot\n"
        "np = numpy\nplt = pyplot\n",
        user_ns,
    )
    if import_all:
        exec("from matplotlib.pylab import *\nfrom numpy import *\n", user_ns)
    from IPython.display import display

    user_ns.update(figsize=figsize, display=display, getfigs=getfigs)


def find_gui_and_backend(gui=None, gui_select=None):
    return None, "agg"


def activate_matplotlib(backend):
    return None


def configure_inline_support(shell, backend):
    return None


def select_figure_formats(shell, formats, **kwargs):
    return None


def mpl_runner(safe_execfile):
    return safe_execfile
