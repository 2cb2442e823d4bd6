"""A class roster: who each student id is (name, e-mail, section, LMS ids).

A roster is a CSV file with a header row. Two shapes are read:

- a Canvas gradebook export (its header starts ``Student, ID``): the columns ``Student``
  (name), ``ID`` (Canvas user id), ``SIS User ID``, ``SIS Login ID`` and ``Section``;
- any other CSV with a ``student`` column holding the ids results use (also read under
  ``student_id``, ``id``, ``username``, ``login`` or ``github``), and optionally ``name``
  (or ``first_name`` and ``last_name``), ``email``, ``section``, ``canvas_id``,
  ``sis_user_id``, ``sis_login_id``.

A result's student id finds its roster entry by any of the entry's ids (the student
column, e-mail, SIS login or user id, Canvas id); e-mail addresses compare without case.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from grader.errors import UsageError

_ALIASES = {
    "student": ("student", "student_id", "student id", "id", "username", "login", "github"),
    "name": ("name", "full name", "full_name", "student name"),
    "first_name": ("first_name", "first name", "given name"),
    "last_name": ("last_name", "last name", "surname", "family name"),
    "email": ("email", "e-mail", "email address"),
    "section": ("section",),
    "canvas_id": ("canvas_id", "canvas id"),
    "sis_user_id": ("sis_user_id", "sis user id"),
    "sis_login_id": ("sis_login_id", "sis login id"),
}
_CANVAS = {
    "name": "student",
    "canvas_id": "id",
    "sis_user_id": "sis user id",
    "sis_login_id": "sis login id",
    "section": "section",
}


@dataclass(frozen=True)
class Person:
    """One student of the roster."""

    student: str = ""
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    section: str = ""
    canvas_id: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""

    @property
    def keys(self) -> set[str]:
        """Every id this person can be found by (lower case)."""
        found = (self.student, self.email, self.sis_login_id, self.sis_user_id, self.canvas_id)
        return {value.strip().lower() for value in found if value.strip()}

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def split_name(self) -> tuple[str, str]:
        """(first, last): as given, else from "Last, First" or "First Last"."""
        if self.first_name or self.last_name:
            return self.first_name, self.last_name
        if "," in self.name:
            last, _, first = self.name.partition(",")
            return first.strip(), last.strip()
        first, _, last = self.name.rpartition(" ")
        return (first, last) if first else (last, "")


@dataclass(frozen=True)
class Roster:
    people: tuple[Person, ...]

    def find(self, student: str) -> Person | None:
        key = student.strip().lower()
        return next((p for p in self.people if key in p.keys), None)


def read_roster(path: Path) -> Roster:
    """The roster in ``path``; UsageError says what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--roster {path}: cannot read it ({exc})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or not rows[0]:
        raise UsageError(f"--roster {path}: empty (expected a header row, then one row a student)")
    header = [cell.strip().lower() for cell in rows[0]]
    columns = _canvas_columns(header) if header[:2] == ["student", "id"] else _columns(header)
    if "student" not in columns and "canvas_id" not in columns:
        raise UsageError(
            f"--roster {path}: no column of student ids (name one 'student', or give a "
            "Canvas gradebook export)"
        )
    people = []
    for row in rows[1:]:
        if not any(cell.strip() for cell in row) or "points possible" in row[0].lower():
            continue
        values = {field: row[i].strip() if i < len(row) else "" for field, i in columns.items()}
        people.append(Person(**values))
    return Roster(tuple(people))


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for field, names in _ALIASES.items():
        index = next((header.index(n) for n in names if n in header), None)
        if index is not None:
            found[field] = index
    return found


def _canvas_columns(header: list[str]) -> dict[str, int]:
    return {field: header.index(name) for field, name in _CANVAS.items() if name in header}
