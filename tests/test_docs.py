"""The documentation is true: every example in docs/ runs, and the reference of the course
and manifest files is the one the schemas give."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

from grader.course import ENVIRONMENT
from grader.schemadoc import reference

DOCS = REPO / "docs"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)
_EXITS = re.compile(r"^\s*exits (\d+)")


def blocks(path: Path, language: str) -> list[str]:
    return [code for lang, code in _BLOCK.findall(path.read_text()) if lang == language]


GUIDES = sorted(p for p in DOCS.glob("*.md") if blocks(p, "python") or blocks(p, "bash"))


def test_the_reference_is_written_from_the_schemas() -> None:
    assert (DOCS / "reference.md").read_text() == reference(), (
        "docs/reference.md is out of date: python -m grader.schemadoc > docs/reference.md"
    )


def test_there_are_guides_with_examples() -> None:
    assert DOCS / "authoring.md" in GUIDES
    assert len(blocks(DOCS / "authoring.md", "python")) >= 6


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_python_example_runs(
    guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{guide.stem}"}
    for number, code in enumerate(blocks(guide, "python"), start=1):
        try:
            exec(compile(code, f"{guide.name}, example {number}", "exec"), namespace)
        except Exception as error:
            raise AssertionError(f"{guide.name}, python example {number}: {error!r}") from error


@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_shell_example_runs(guide: Path, tmp_path: Path) -> None:
    """The bash blocks, in order, in one fresh folder, as a user would type them: `grade`
    is the installed tool, with no course named; `# exits N` gives an expected exit code."""
    cwd = tmp_path
    env = {k: v for k, v in os.environ.items() if k not in (ENVIRONMENT, "PYTHONPATH")}
    for code in blocks(guide, "bash"):
        for line in code.splitlines():
            command, _, comment = line.partition("  #")
            words = shlex.split(command)
            if not words:
                continue
            if words[0] == "cd":
                cwd = cwd / words[1]
                continue
            assert words[0] == "grade", f"{guide.name}: only grade commands run here: {line}"
            expected = int(m.group(1)) if (m := _EXITS.search(comment)) else 0
            done = subprocess.run(
                [sys.executable, "-m", "grader", *words[1:]],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            assert done.returncode == expected, f"{line}\n{done.stdout}\n{done.stderr}"
