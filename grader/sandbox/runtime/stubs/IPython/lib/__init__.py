"""Stand-in for IPython.lib (see IPython/__init__.py)."""
