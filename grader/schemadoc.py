"""The reference of manifest.toml and course.toml, written from their JSON Schemas.

    python -m grader.schemadoc > docs/reference.md

The test suite compares docs/reference.md with this output, so that the documentation
cannot drift from what the grader accepts.
"""

from __future__ import annotations

from typing import Any

from grader.validation import SchemaName, schema

_FILES: tuple[tuple[SchemaName, str], ...] = (
    ("course", "course.toml"),
    ("manifest", "manifest.toml"),
)


def _kind(spec: dict[str, Any]) -> str:
    if "enum" in spec:
        return " or ".join(f"`{v!r}`".replace("'", '"') for v in spec["enum"])
    if "$ref" in spec:
        return "table"
    kind = spec.get("type", "")
    if kind == "array":
        return f"array of {spec.get('items', {}).get('type', 'values')}s"
    return {"object": "table", "number": "number", "integer": "integer"}.get(kind, str(kind))


def _bounds(spec: dict[str, Any]) -> str:
    parts = []
    for key, word in (
        ("minimum", ">="),
        ("exclusiveMinimum", ">"),
        ("maximum", "<="),
        ("minLength", "length >="),
        ("minItems", "items >="),
    ):
        if key in spec:
            parts.append(f"{word} {spec[key]}")
    if "pattern" in spec:
        parts.append(f"matches `{spec['pattern']}`")
    return "; ".join(parts)


def _resolve(spec: dict[str, Any]) -> dict[str, Any]:
    """A ``$ref`` into another schema's properties, followed."""
    ref = spec.get("$ref")
    if not ref:
        return spec
    document, _, pointer = ref.partition("#")
    name: SchemaName = "manifest" if document.startswith("manifest") else "course"
    target: Any = schema(name)
    for part in pointer.strip("/").split("/"):
        target = target[part]
    return {**target, **{k: v for k, v in spec.items() if k != "$ref"}}


def _rows(properties: dict[str, Any], required: list[str], prefix: str) -> list[str]:
    rows = []
    for name, raw in properties.items():
        spec = _resolve(raw)
        key = f"{prefix}{name}"
        needed = "yes" if name in required else ""
        text = " ".join(str(spec.get("description", "")).split())
        bounds = _bounds(spec)
        meaning = f"{text} ({bounds})" if bounds else text
        rows.append(f"| `{key}` | {_kind(spec)} | {needed} | {meaning} |")
        if spec.get("type") == "object" and "properties" in spec:
            rows += _rows(spec["properties"], spec.get("required", []), f"{key}.")
    return rows


def reference() -> str:
    """The Markdown reference of both files."""
    lines = [
        "# The course and manifest files: reference",
        "",
        "Written from the grader's JSON Schemas (`grader/schemas/`) by "
        "`python -m grader.schemadoc`; the test suite keeps it in step with them.",
    ]
    for name, filename in _FILES:
        spec = schema(name)
        lines += [
            "",
            f"## `{filename}`",
            "",
            " ".join(str(spec.get("description", "")).split()),
            "",
            "| key | type | required | meaning |",
            "|---|---|---|---|",
            *_rows(spec["properties"], spec.get("required", []), ""),
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(reference(), end="")
