"""Single-source exercises: one file with solution markers gives the solution and the template.

    def relu(z):
        # BEGIN SOLUTION: return max(0, z) element-wise, as a new float array
        return np.maximum(z, 0.0)
        # END SOLUTION

In the template, a solution region becomes ``raise NotImplementedError("<hint>")``
at the region's indentation, unless a prompt region follows it directly:

        # BEGIN PROMPT
        # dz = np.maximum(z, 0) * da
        # END PROMPT

then the prompt's lines, uncommented, stand in its place. In the solution, prompt
regions and all marker lines are dropped.
"""

from __future__ import annotations

import re

from grader.errors import ExerciseError

_BEGIN_SOLUTION = re.compile(r"^(\s*)# BEGIN SOLUTION(?::\s*(.*))?\s*$")
_END_SOLUTION = re.compile(r"^\s*# END SOLUTION\s*$")
_BEGIN_PROMPT = re.compile(r"^\s*# BEGIN PROMPT\s*$")
_END_PROMPT = re.compile(r"^\s*# END PROMPT\s*$")
# Anything that looks like a marker: a misspelt one must not leak a solution silently.
_LIKE_MARKER = re.compile(r"#\s*(BEGIN|END)\s*(SOLUTION|PROMPT)", re.IGNORECASE)
_MARKERS = (_BEGIN_SOLUTION, _END_SOLUTION, _BEGIN_PROMPT, _END_PROMPT)
_CELL = re.compile(r"^# %%(.*)$", re.MULTILINE)


def split_cells(code: str) -> list[str]:
    """Split source at ``# %%`` lines into the code cells of its notebook (empty ones
    dropped)."""
    cells = [c.strip("\n") for c in _CELL.split(code)[::2]]
    return [c for c in cells if c.strip()]


def _check_markers(lines: list[str]) -> None:
    for number, line in enumerate(lines, start=1):
        if _LIKE_MARKER.search(line) and not any(m.match(line) for m in _MARKERS):
            raise ExerciseError(
                f"line {number}: malformed marker {line.strip()!r}; write a marker alone "
                "on its line as '# BEGIN SOLUTION[: hint]', '# END SOLUTION', "
                "'# BEGIN PROMPT' or '# END PROMPT'"
            )


def _check_nesting(lines: list[str], start: int, what: str) -> None:
    """A region's own lines hold no marker (regions do not nest)."""
    for offset, line in enumerate(lines):
        if any(m.match(line) for m in _MARKERS):
            raise ExerciseError(
                f"line {start + offset}: marker inside a {what} region (regions do not nest)"
            )


def _uncomment(line: str) -> str:
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if stripped.startswith("# "):
        return indent + stripped[2:]
    if stripped.startswith("#"):
        return indent + stripped[1:]
    return line


def render(source: str, mode: str) -> str:
    """The ``"solution"`` or the ``"template"`` text of a marked source."""
    if mode not in ("solution", "template"):
        raise ValueError(mode)
    lines = source.split("\n")
    _check_markers(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        begin = _BEGIN_SOLUTION.match(lines[i])
        if _BEGIN_PROMPT.match(lines[i]):
            raise ExerciseError(f"line {i + 1}: a prompt region must follow a solution region")
        if not begin:
            if _END_SOLUTION.match(lines[i]) or _END_PROMPT.match(lines[i]):
                raise ExerciseError(f"line {i + 1}: end marker without a begin marker")
            out.append(lines[i])
            i += 1
            continue
        indent, hint = begin.group(1), (begin.group(2) or "implement this").strip()
        end = next((j for j in range(i + 1, len(lines)) if _END_SOLUTION.match(lines[j])), None)
        if end is None:
            raise ExerciseError(f"line {i + 1}: BEGIN SOLUTION without END SOLUTION")
        solution = lines[i + 1 : end]
        _check_nesting(solution, i + 2, "solution")
        i = end + 1
        prompt: list[str] | None = None
        if i < len(lines) and _BEGIN_PROMPT.match(lines[i]):
            stop = next((j for j in range(i + 1, len(lines)) if _END_PROMPT.match(lines[j])), None)
            if stop is None:
                raise ExerciseError(f"line {i + 1}: BEGIN PROMPT without END PROMPT")
            _check_nesting(lines[i + 1 : stop], i + 2, "prompt")
            prompt = [_uncomment(line) for line in lines[i + 1 : stop]]
            i = stop + 1
        if mode == "solution":
            out.extend(solution)
        elif prompt is not None:
            out.extend(prompt)
        else:
            out.append(f"{indent}raise NotImplementedError({hint!r})")
    return "\n".join(out)
