"""The `grade` command line: one group whose commands load lazily, one error boundary.

Each command lives in ``grader/commands/`` and is imported only when it runs (or when
``--help`` lists it), so that `grade submit` pays for nothing else. The map below is
the only place a command is registered; a name that does not resolve is an error.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from grader import __version__
from grader.commands.options import error_boundary

COMMANDS = {
    "submit": "grader.commands.student:submit",
    "check": "grader.commands.student:check",
    "validate": "grader.commands.exercises:validate",
    "release": "grader.commands.exercises:release",
    "batch": "grader.commands.classes:batch",
    "report": "grader.commands.classes:report",
    "demo": "grader.commands.classes:demo",
    "init": "grader.commands.course:init",
    "new": "grader.commands.course:new",
    "autograder": "grader.commands.deploy:autograder",
    "gradescope": "grader.commands.deploy:gradescope",
}


class LazyGroup(click.Group):
    """click's documented lazy-loading group: command name -> ``"module:attribute"``."""

    def __init__(self, *args: Any, lazy_commands: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = lazy_commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            return self._load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _load(self, cmd_name: str) -> click.Command:
        module_name, attribute = self.lazy_commands[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)  # raises if missing
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}:{attribute} is not a click command")
        return command

    def invoke(self, ctx: click.Context) -> Any:
        with error_boundary():
            return super().invoke(ctx)


@click.group(
    cls=LazyGroup,
    lazy_commands=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="grade")
def main() -> None:
    """Grade NumPy neural-network exercises in a sandbox.

    \b
    Students:     grade check activations.py     (public checks, fast)
                  grade submit activations.py    (every check available)
    Instructors:  grade init my-course && cd my-course
                  grade new first-exercise       (an exercise to edit)
                  grade validate                 (self-test every exercise)
                  grade release first-exercise --out release/
                  grade autograder first-exercise --out autograder.zip
                  grade batch submissions/ --out results/
                  grade report results/ --out report/
    """
