"""What known bugs do on the public checks, recorded so that a student bundle can name
misconceptions without carrying any bug code.

At release, each public check is replayed against each known bug with the inputs a
student's `grade check` will use; what the bug gave back (its transcript) is stored in
the bundle's ``known-bugs.json`` with the bug's title and explanation. When a public
check fails in `grade check`, the student's transcript is compared with the stored ones
exactly as with a live replay.

Values are stored as plain JSON: arrays as ``{"$array": [dtype, shape, values]}``,
tuples, non-finite floats and the student's objects (by their type name) tagged too.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader.proxy.records import Event, Proxied, Transcript, real_type

EVIDENCE_FILE = "known-bugs.json"
FORMAT = "grade-known-bugs/1"


class StoredObject(Proxied):
    """An object a bug returned, remembered by its type only (as objects are compared)."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    @staticmethod
    def _real_type(proxy: Any) -> str:
        return str(proxy.type_name)

    def __repr__(self) -> str:
        return f"<{self.type_name} object>"


@dataclass(frozen=True)
class StoredBug:
    """A known bug as a bundle knows it: its text, and its transcript per public check."""

    id: str
    title: str
    explanation: str
    transcripts: dict[str, Transcript] = field(default_factory=dict)  # check id -> what it did
    form: str = ""  # which form of the bug (its ``Forms:`` line), "" for the file's own


def encode(value: Any) -> Any:
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        kind = array.dtype.kind
        plain = array.astype(np.float64) if kind == "f" else array
        data = plain.tolist() if kind in "biuf" else [str(v) for v in array.reshape(-1)]
        return {"$array": [array.dtype.str, list(array.shape), _finite(data)]}
    if isinstance(value, Proxied):
        return {"$object": real_type(value)}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return {"$object": type(value).__name__}


def _finite(data: Any) -> Any:
    if isinstance(data, list):
        return [_finite(v) for v in data]
    if isinstance(data, float) and not math.isfinite(data):
        return {"$float": repr(data)}
    return data


def decode(node: Any) -> Any:
    if isinstance(node, list):
        return [decode(v) for v in node]
    if not isinstance(node, dict):
        return node
    if "$array" in node:
        dtype, shape, data = node["$array"]
        values = _unfinite(data)
        kind = np.dtype(dtype).kind
        return np.array(values, dtype=dtype if kind in "biuf" else object).reshape(shape)
    if "$tuple" in node:
        return tuple(decode(v) for v in node["$tuple"])
    if "$dict" in node:
        return {decode(k): decode(v) for k, v in node["$dict"]}
    if "$float" in node:
        return float(node["$float"])
    if "$object" in node:
        return StoredObject(str(node["$object"]))
    raise ValueError(f"unknown stored value {sorted(node)}")


def _unfinite(data: Any) -> Any:
    if isinstance(data, list):
        return [_unfinite(v) for v in data]
    if isinstance(data, dict):
        return float(data["$float"])
    return data


def _event(event: Event) -> dict[str, Any]:
    return {
        "label": event.label,
        "value": encode(event.value),
        "error_type": event.error_type,
        "error_text": event.error_text,
        "args_after": None if event.args_after is None else encode(event.args_after),
        "mutated": event.mutated,
    }


def _event_from(data: dict[str, Any]) -> Event:
    after = data.get("args_after")
    return Event(
        label=str(data["label"]),
        value=decode(data.get("value")),
        error_type=data.get("error_type"),
        args_after=None if after is None else tuple(decode(after)),
        error_text=str(data.get("error_text") or ""),
        mutated=data["mutated"] if isinstance(data.get("mutated"), bool) else None,
    )


def evidence_text(bugs: list[StoredBug]) -> str:
    """The bundle's known-bugs.json."""
    document = {
        "format": FORMAT,
        "bugs": [
            {
                "id": bug.id,
                **({"form": bug.form} if bug.form else {}),
                "title": bug.title,
                "explanation": bug.explanation,
                "checks": {
                    check: [_event(e) for e in transcript.events]
                    for check, transcript in bug.transcripts.items()
                },
                "parts": {
                    check: [list(part) for part in transcript.parts]
                    for check, transcript in bug.transcripts.items()
                    if transcript.parts
                },
            }
            for bug in bugs
        ],
    }
    return json.dumps(document, indent=1, allow_nan=False) + "\n"


def read_evidence(path: Path) -> list[StoredBug]:
    """The stored bugs of a bundle (none when the file is absent); ValueError if corrupt."""
    if not path.is_file():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError(f"not {FORMAT}")
        return [
            StoredBug(
                id=str(bug["id"]),
                title=str(bug["title"]),
                explanation=str(bug["explanation"]),
                transcripts={
                    check: Transcript(
                        [_event_from(e) for e in events],
                        _parts_from(bug.get("parts", {}).get(check, [])),
                    )
                    for check, events in bug["checks"].items()
                },
                form=str(bug.get("form", "")),
            )
            for bug in document["bugs"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: not a valid {EVIDENCE_FILE} ({exc})") from None


def _parts_from(data: list[Any]) -> list[tuple[int, int, bool]]:
    return [(int(start), int(end), bool(failed)) for start, end, failed in data]
