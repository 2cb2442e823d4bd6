"""`grade report`: the numbers match the results, pages are self-contained, visibility holds."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support import EXERCISES, read_document

from grader.batch import BatchOptions, Job, discover, run_batch
from grader.batch.results import error_result
from grader.cli import main
from grader.errors import UsageError
from grader.exercise import load_exercise
from grader.formats.markdown import fence as _fence
from grader.report import build_report
from grader.result import render_document

SOLUTION = (EXERCISES / "toy" / "source.py").read_text()
CLASS = {
    "alice": SOLUTION,
    "bob": SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "return x + 2.0"),
    "carol": "def double(x) return",
    "dave": SOLUTION.replace("return 2.0 * np.asarray(x, dtype=float)", "x *= 2\n    return x"),
    "erin": SOLUTION,
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class")
    for student, text in CLASS.items():
        (root / f"{student}.py").write_text(text)
    toy = load_exercise(EXERCISES / "toy")
    out = tmp_path_factory.mktemp("results")
    run_batch(discover(root, {"toy": toy}), {"toy": toy}, out, BatchOptions(jobs=2))
    return out


@pytest.fixture(scope="module")
def report(results: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build_report(results, out)
    return out


def documents(results: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: read_document(p) for p in sorted(results.glob("toy/*.json"))}


class Page(HTMLParser):
    """Tags with their attributes, and the text of each table's cells by section id."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._section = ""
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "section":
            self._section = found.get("id") or ""
        elif tag == "tr":
            self.tables.setdefault(self._section, []).append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self.tables[self._section][-1].append(text)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_gradebook_has_the_scores_of_every_result(results: Path, report: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((report / "gradebook.csv").read_text())))
    found = documents(results)
    assert [row["student"] for row in rows] == sorted(found)
    for row in rows:
        document = found[row["student"]]
        assert float(row["toy total"]) == document["score"]
        assert float(row["toy max"]) == document["max_score"]
        assert row["toy status"] == document["extra_data"]["status"]
        for test in document["tests"]:
            assert float(row[f"toy:{test['extra_data']['id']}"]) == test["score"]


def test_summary_json_has_the_same_numbers(results: Path, report: Path) -> None:
    summary = json.loads((report / "summary.json").read_text())
    found = documents(results)
    (exercise,) = summary["exercises"]
    scores = [d["score"] for d in found.values()]
    assert exercise["submissions"] == len(found) == 5
    assert exercise["mean"] == pytest.approx(sum(scores) / len(scores))
    assert exercise["full_marks"] == sum(d["score"] == d["max_score"] for d in found.values())
    assert exercise["errors"] == 1  # carol's syntax error
    for check in exercise["checks"]:
        outcomes = [t for d in found.values() for t in d["tests"]]
        mine = [t for t in outcomes if t["extra_data"]["id"] == check["id"]]
        assert check["total"] == len(mine)
        assert check["passed"] == sum(t["status"] == "passed" for t in mine)
    named = {m["id"]: m["students"] for m in exercise["misconceptions"]}
    assert "bob" in named["double-adds"] and "dave" in named["double-in-place"]
    assert [t["student"] for t in summary["trouble"]] == ["carol"]
    assert summary["students"]["alice"]["toy"]["score"] == 4


def test_class_page_shows_the_numbers_of_the_results(results: Path, report: Path) -> None:
    page = Page((report / "index.html").read_text())
    found = documents(results)
    students = {row[0]: row[1:] for row in page.tables["students"][1:]}
    assert sorted(students) == sorted(found)
    for name, document in found.items():
        assert f"{document['score']:g} / {document['max_score']:g}" in students[name][0]
    checks = {row[0].split(" ")[-1]: row for row in page.tables["ex-toy"] if len(row) == 5}
    for test in found["alice"]["tests"]:
        check_id = test["extra_data"]["id"]
        passed = sum(
            t["status"] == "passed"
            for d in found.values()
            for t in d["tests"]
            if t["extra_data"]["id"] == check_id
        )
        assert checks[check_id][3] == f"{passed} / {len(found)}"
    trouble = page.tables["trouble"]
    assert [row[0] for row in trouble[1:]] == ["carol"]


def test_pages_are_self_contained(report: Path) -> None:
    for path in [report / "index.html", *sorted((report / "students").glob("*.html"))]:
        page = Page(path.read_text())
        images = 0
        for tag, attrs in page.tags:
            assert tag not in ("script", "link", "iframe", "object", "embed"), (path, tag)
            for name in ("src", "href", "srcset", "data"):
                value = attrs.get(name) or ""
                assert "://" not in value and not value.startswith("//"), (path, tag, value)
            if tag == "img":
                images += 1
                assert (attrs.get("src") or "").startswith("data:image/svg+xml;base64,")
        assert "url(" not in path.read_text()
        if path.name == "index.html":
            assert images == 2  # a histogram and the pass rates of the one exercise


def test_student_pages_show_hidden_checks_by_name_and_result_only(
    results: Path, report: Path
) -> None:
    bob = read_document(results / "toy" / "bob.json")
    hidden = [t for t in bob["tests"] if t["visibility"] == "hidden" and t["status"] == "failed"]
    visible = [t for t in bob["tests"] if t["visibility"] == "visible" and t["status"] == "failed"]
    assert hidden and visible
    for suffix in (".html", ".md"):
        text = (report / "students" / f"bob{suffix}").read_text()
        for test in hidden:
            assert test["name"] in text
            message = test["extra_data"]["message"]
            assert message.splitlines()[0] not in text
        for test in visible:
            assert test["output"].splitlines()[0].replace("'", "&#39;") in text or (
                test["output"].splitlines()[0] in text
            )
        assert "Adds 2 instead of multiplying by 2" in text  # the misconception is named
        assert "What to try next" in text
    carol = (report / "students" / "carol.md").read_text()
    assert "Nothing could be checked" in carol and "syntax error" in carol


def test_after_due_date_checks_show_their_message_once_released(
    results: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "results"
    shutil.copytree(results, copy)
    path = copy / "toy" / "bob.json"
    document = json.loads(path.read_text())
    test = next(t for t in document["tests"] if t["visibility"] == "hidden" and t["score"] == 0)
    test["visibility"] = "after_due_date"
    path.write_text(json.dumps(document))
    message = test["extra_data"]["message"].splitlines()[0]
    build_report(copy, tmp_path / "before")
    assert message not in (tmp_path / "before" / "students" / "bob.md").read_text()
    build_report(copy, tmp_path / "after", released=True)
    assert message in (tmp_path / "after" / "students" / "bob.md").read_text()


def test_a_grader_error_is_listed_and_not_blamed_on_the_student(
    results: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "results"
    shutil.copytree(results, copy)
    toy = load_exercise(EXERCISES / "toy")
    job = Job("zoe", "toy", tmp_path / "zoe.py")
    text = render_document(
        error_result(job, {"toy": toy}, BatchOptions(), "the worker process died")
    )
    (copy / "toy" / "zoe.json").write_text(text)
    build_report(copy, tmp_path / "report")
    page = (tmp_path / "report" / "students" / "zoe.md").read_text()
    assert "not your fault" in page and "0 / 4" in page
    trouble = Page((tmp_path / "report" / "index.html").read_text()).tables["trouble"]
    assert ["zoe", "toy", "error", "the worker process died"] in trouble


def test_the_report_is_the_same_when_built_twice(results: Path, tmp_path: Path) -> None:
    build_report(results, tmp_path / "a")
    build_report(results, tmp_path / "b")
    for name in ("index.html", "gradebook.csv", "summary.json", "students/bob.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert str(results) not in (tmp_path / "a" / "summary.json").read_text()


def test_report_command_and_its_errors(results: Path, tmp_path: Path) -> None:
    copy = tmp_path / "results"
    shutil.copytree(results, copy)
    (copy / "toy" / "broken.json").write_text("{not json")
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(copy), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert "broken.json: skipped" in result.output
    assert (tmp_path / "r" / "index.html").is_file()
    assert "file://" in result.output
    missing = runner.invoke(main, ["report", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "no such folder" in missing.output
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(main, ["report", str(tmp_path / "empty"), "--out", str(tmp_path)])
    assert empty.exit_code == 2 and "no results found" in empty.output


def test_a_missing_report_extra_says_what_to_install(
    results: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "matplotlib" else real(name, *args),
    )
    with pytest.raises(UsageError, match=r'pip install "numpy-grade\[report\]"'):
        build_report(results, tmp_path)


def test_grading_never_imports_the_report_libraries() -> None:
    code = (
        "import sys, grader.cli, grader.batch, grader.grading\n"
        "print([m for m in ('matplotlib', 'jinja2') if m in sys.modules])"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"


def test_markdown_fences_outgrow_the_backticks_they_hold() -> None:
    assert _fence("plain") == "```"
    assert _fence("a ```` b") == "`````"
