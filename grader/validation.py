"""The JSON Schemas shipped with the grader, and validating data against them.

``result`` (a result document), ``manifest`` (an exercise's manifest.toml) and ``course``
(course.toml). jsonschema is imported only when something is validated.
"""

from __future__ import annotations

import functools
import json
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal, cast

from grader import cache
from grader.errors import GradeError

SchemaName = Literal["result", "manifest", "course"]
SCHEMA_NAMES: tuple[SchemaName, ...] = ("result", "manifest", "course")
VALID = "valid-configurations"  # cache kind: fingerprints of files found valid


@functools.cache
def schema(name: SchemaName) -> dict[str, Any]:
    text = resources.files("grader").joinpath(f"schemas/{name}.schema.json").read_text()
    return cast(dict[str, Any], json.loads(text))


@functools.cache
def _validator(name: SchemaName) -> Any:
    import jsonschema
    from referencing import Registry, Resource

    registry: Any = Registry().with_resources(
        (schema(other)["$id"], Resource.from_contents(schema(other))) for other in SCHEMA_NAMES
    )
    return jsonschema.Draft202012Validator(schema(name), registry=registry)


def first_error(data: Any, name: SchemaName) -> tuple[list[str], str] | None:
    """The first way ``data`` breaks the schema (in a stable order): where, and what."""
    found = sorted(_validator(name).iter_errors(data), key=str)
    if not found:
        return None
    return [str(part) for part in found[0].absolute_path], str(found[0].message)


def load_toml(path: Path, name: SchemaName, error: type[GradeError]) -> dict[str, Any]:
    """Read and validate a TOML file (a manifest, course.toml); ``error`` says what is wrong.

    A file already found valid (same content, same schema) is not checked again, which
    keeps jsonschema's import off the start of `grade submit`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: a folder, not a file") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise error(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise error(f"{path}: not valid TOML: nested too deeply") from None
    check_data(data, name, str(path), error)
    return data


def check_data(data: dict[str, Any], name: SchemaName, where: str, error: type[GradeError]) -> None:
    """Raise ``error`` unless ``data`` matches the schema ``name`` (remembered once valid)."""
    key = cache.fingerprint(
        name, json.dumps(data, sort_keys=True, default=str), json.dumps(schema(name))
    )
    if cache.known(VALID, key):
        return
    found = first_error(data, name)
    if found is not None:
        place = ".".join(found[0]) or "(top level)"
        raise error(f"{where}: invalid {Path(where).name} at {place}: {found[1]}")
    cache.remember(VALID, key)
