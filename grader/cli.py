"""The `grade` command line: parses arguments, calls the library, maps errors to exit codes."""

from __future__ import annotations

import click

from grader import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="grade")
def main() -> None:
    """Grade NumPy neural-network exercises in a sandbox.

    \b
    Students:     grade check forward.py        (public checks, fast)
                  grade submit forward.py       (all checks available)
    Instructors:  grade validate                (self-test every exercise)
                  grade release activations --out bundle/
                  grade batch submissions/ --out results/
                  grade report results/ --out report/
    """
