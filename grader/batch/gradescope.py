"""Reading a Gradescope export's ``submission_metadata.yml``: who submitted each folder."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

METADATA = "submission_metadata.yml"


def read_gradescope_metadata(path: Path) -> dict[str, tuple[str, ...]]:
    """Submission folder name -> the ids of its submitters, from ``submission_metadata.yml``.

    The file is YAML written by Ruby (keys like ``:submitters:``, ``:sid:``). PyYAML
    reads it when installed; otherwise, or if it refuses the file, a reader of the
    small subset used here does.
    """
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        yaml: Any = importlib.import_module("yaml")
        data = yaml.load(text, Loader=_tolerant_loader(yaml))
    except Exception:  # no PyYAML, or a file it refuses: the subset reader decides
        data = _read_metadata_subset(text)
    found: dict[str, tuple[str, ...]] = {}
    for folder, entry in (data or {}).items() if isinstance(data, dict) else ():
        people = entry.get(":submitters") if isinstance(entry, dict) else None
        ids = [_submitter_id(p) for p in people or () if isinstance(p, dict)]
        found[str(folder)] = tuple(i for i in ids if i)
    return found


def _tolerant_loader(yaml: Any) -> Any:
    """A safe loader that reads Ruby's tagged objects as plain maps, lists and strings."""

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        pass

    def plain(loader: Any, suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return loader.construct_scalar(node)

    Loader.add_multi_constructor("!", plain)
    return Loader


def _submitter_id(person: dict[Any, Any]) -> str:
    for key in (":sid", ":email", ":name"):
        value = person.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _read_metadata_subset(text: str) -> dict[str, Any]:
    """Top-level keys and their ``:submitters:`` lists; everything else is skipped."""
    data: dict[str, Any] = {}
    people: list[dict[str, str]] | None = None
    list_indent = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line == "---":
            continue
        indent = len(raw) - len(raw.lstrip())
        if indent == 0:
            people = None
            data[line.rstrip(":").strip("'\"")] = {":submitters": []}
            continue
        key, _, value = line.partition(": ") if ": " in line else (line.rstrip(":"), "", "")
        if key == ":submitters" and data:
            people, list_indent = data[next(reversed(data))][":submitters"], indent
            continue
        if people is None or (indent <= list_indent and not line.startswith("- ")):
            people = None
            continue
        if line.startswith("- "):
            people.append({})
            key, _, value = line[2:].partition(": ")
        if people and key.startswith(":"):
            people[-1][key] = _unquote(value)
    return data


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return str(json.loads(value)) if "\\" in value else value[1:-1]
    return value
