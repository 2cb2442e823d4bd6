"""The bundled example class (``class/<student>/<file>``), graded by ``grade demo``."""
