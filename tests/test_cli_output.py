"""What the commands report: -v/-q and ``--format json`` (one object a line on stderr, for tools),
run as a user runs them, in a process of their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEED

# A page that says it is Latin-1 but is UTF-8 (an informational N001) and shows a picture that is
# not there (a warning E001): a diagnostic of each severity a book is still made with.
_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Le café</title>'
    "</head><body><h1>Le café</h1><p>Un café crème, s’il vous plaît, à la française.</p>"
    '<p><img src="gone.jpg" alt=""></p></body></html>'
)


def _publish(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "publish", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
        check=False,
    )  # fmt: skip


def _records(stderr: str) -> list[dict[str, Any]]:
    """Every line of stderr, each of which must be one JSON object."""
    records = [json.loads(line) for line in stderr.splitlines()]
    assert all(isinstance(record, dict) for record in records)
    return records


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "cafe.htm"
    path.write_bytes(_PAGE.encode("utf-8"))
    return path


@pytest.mark.parametrize("command", ["epub", "pdf"])
def test_json_is_one_object_a_line_with_the_diagnostics_and_what_was_written(command: str, page: Path) -> None:
    done = _publish(command, page.name, "--format", "json", cwd=page.parent)
    assert done.returncode == 0, done.stderr
    records = _records(done.stderr)
    diagnostics = [record for record in records if record["event"] == "diagnostic"]
    assert diagnostics and {"code", "severity", "where", "message"} <= set(diagnostics[0])
    assert {record["severity"] for record in diagnostics} == {"warning"}, "info only with -v"
    assert any(record["code"] == "E001" and "gone.jpg" in record["message"] for record in diagnostics)
    wrote = records[-1]
    assert wrote["event"] == "wrote" and (page.parent / wrote["path"]).is_file()
    if command == "pdf":
        assert "pages" in wrote["summary"]
    assert done.stdout == ""


def test_verbose_json_adds_the_informational_diagnostics(page: Path) -> None:
    records = _records(_publish("epub", page.name, "--format", "json", "-v", cwd=page.parent).stderr)
    assert {(record["code"], record["severity"]) for record in records if record["event"] == "diagnostic"} >= {
        ("N001", "info"),
        ("E001", "warning"),
    }


@pytest.mark.parametrize("form", ["text", "json"])
def test_quiet_says_nothing_when_all_went_well(form: str, page: Path) -> None:
    done = _publish("pdf", page.name, "-q", "--format", form, cwd=page.parent)
    assert done.returncode == 0 and done.stderr == "" and done.stdout == ""
    assert page.with_suffix(".pdf").is_file()


def test_text_stays_as_it_was(page: Path) -> None:
    done = _publish("epub", page.name, "-o", "book.epub", cwd=page.parent)
    lines = done.stderr.splitlines()
    assert lines[-1] == "publish: wrote book.epub"
    assert any(line.startswith("cafe.htm: warning E001: ") for line in lines)
    assert not any(" N001" in line for line in lines)


@pytest.mark.parametrize("quiet", [[], ["-q"]])
def test_an_error_is_one_object_and_exit_2(quiet: list[str], tmp_path: Path) -> None:
    done = _publish("epub", "nowhere.htm", "--format", "json", *quiet, cwd=tmp_path)
    assert done.returncode == 2
    (record,) = _records(done.stderr)
    assert record == {
        "event": "error",
        "code": None,
        "severity": "error",
        "where": "nowhere.htm",
        "message": record["message"],
    }
    assert record["message"] and "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir()), "no half-written file"


def test_an_error_in_text_stays_one_line_even_quiet(tmp_path: Path) -> None:
    done = _publish("pdf", "nowhere.htm", "-q", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("publish: nowhere.htm: ") and done.stderr.count("\n") == 1


def test_a_usage_mistake_is_one_object_when_json_was_asked_for(page: Path) -> None:
    done = _publish("pdf", page.name, "--format", "json", "--paper", cwd=page.parent)
    assert done.returncode == 2
    (record,) = _records(done.stderr)
    assert record["event"] == "error" and record["where"] == "publish pdf"
    assert record["message"] == "argument --paper: expected one argument"
    unknown = _publish("epub", page.name, "--format=json", "--colour", cwd=page.parent)
    assert unknown.returncode == 2
    assert _records(unknown.stderr)[0]["message"] == "unrecognized arguments: --colour"
    text = _publish("pdf", page.name, "--paper", cwd=page.parent)
    assert text.returncode == 2 and text.stderr.startswith("usage: publish pdf"), "text: argparse's usage, as ever"


def test_verbose_and_quiet_together_are_refused(page: Path) -> None:
    done = _publish("epub", page.name, "-v", "-q", cwd=page.parent)
    assert done.returncode == 2 and "not allowed with argument" in done.stderr
    assert not page.with_suffix(".epub").exists()


@pytest.fixture
def archive(tmp_path: Path, page: Path) -> Path:
    """Three pages: one made into a book with a warning, a plain text, and an empty page that fails."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    page.rename(folder / page.name)
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    (folder / "empty.htm").write_bytes(b"")
    return folder


def test_batch_json_lists_each_failure_then_the_counts(archive: Path, tmp_path: Path) -> None:
    done = _publish("batch", str(archive), "library", "--text", "-j", "1", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    records = _records(done.stderr)
    assert [record["event"] for record in records] == ["failed", "summary"], "no progress lines"
    assert records[0]["book"] == "empty.htm" and records[0]["message"] == "the file is empty"
    summary = records[1]
    assert (summary["made"], summary["failed"], summary["books"]) == (2, 1, 3)
    assert Path(tmp_path, summary["report"]).is_file()


def test_batch_quiet_shows_the_failures_only(archive: Path, tmp_path: Path) -> None:
    done = _publish("batch", str(archive), "library", "--text", "-j", "1", "-q", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["  failed: empty.htm: the file is empty"]
    assert len(list((tmp_path / "library").rglob("*.epub"))) == 2
