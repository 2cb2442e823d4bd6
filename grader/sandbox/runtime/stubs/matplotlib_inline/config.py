"""Stand-in for matplotlib_inline.config: the InlineBackend settings, kept, not used."""


class InlineBackend:
    figure_formats = {"png"}  # noqa: RUF012 - the real class's shape
    print_figure_kwargs = {"bbox_inches": "tight"}  # noqa: RUF012
    close_figures = True
    rc = {}  # noqa: RUF012
