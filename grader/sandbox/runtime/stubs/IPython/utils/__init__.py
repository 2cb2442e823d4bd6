"""Stand-in for IPython.utils (see IPython/__init__.py)."""
