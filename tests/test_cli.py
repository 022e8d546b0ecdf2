"""The command line as a user meets it: real processes, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from publish import __version__
from tests.conftest import SEED


def _publish(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish", *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


def test_version_and_help() -> None:
    assert _publish("--version").stdout.strip() == f"publish {__version__}"
    help_text = _publish("--help").stdout
    for command in ("epub", "pdf", "inspect"):
        assert command in help_text


def test_inspect_prints_the_model(tmp_path: Path) -> None:
    result = _publish("inspect", str(SEED))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    metadata = data["metadata"]
    assert metadata["title"] == "A different kind of party altogether"
    assert metadata["authors"] == ["Chris Harman"]
    assert metadata["date"] == "2002-06-08"
    assert metadata["language"] == "en"
    assert "No.1803" in metadata["source"]
    assert {"name": "Einde O’Callaghan", "roles": ["markup"]} in metadata["contributors"]
    assert metadata["last_updated"] == "2009-12-11"
    assert data["body"][0]["type"] == "Paragraph"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "picture.htm"
    binary.write_bytes(bytes(range(256)) * 20)
    folder = tmp_path / "folder.htm"
    folder.mkdir()
    return {
        "missing": (tmp_path / "missing.htm", "no such file"),
        "empty": (empty, "empty"),
        "binary": (binary, "binary"),
        "directory": (folder, "directory"),
    }


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "directory"])
@pytest.mark.parametrize("command", ["epub", "pdf", "inspect"])
def test_bad_input_gets_one_line_and_exit_2_and_no_output(tmp_path: Path, kind: str, command: str) -> None:
    path, cause = _bad_inputs(tmp_path)[kind]
    out = tmp_path / "out"
    out.mkdir()
    args = [command, str(path)] + ([] if command == "inspect" else ["-o", str(out) + "/"])
    result = _publish(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and cause in lines[0]
    assert "Traceback" not in result.stderr
    assert list(out.iterdir()) == []
    assert result.stdout == ""


def test_epub_and_pdf_write_where_asked(tmp_path: Path) -> None:
    epub = _publish("epub", str(SEED), "-o", str(tmp_path / "book.epub"))
    assert epub.returncode == 0, epub.stderr
    assert (tmp_path / "book.epub").read_bytes()[:2] == b"PK"
    pdf = _publish("pdf", str(SEED), "-o", str(tmp_path), "--paper", "a5")
    assert pdf.returncode == 0, pdf.stderr
    written = tmp_path / SEED.with_suffix(".pdf").name
    assert written.read_bytes()[:5] == b"%PDF-"
    assert "pages, A5" in pdf.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unknown_paper_is_refused_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    result = _publish("pdf", str(SEED), "--paper", "b5", "-o", str(out))
    assert result.returncode == 2 and result.stderr.startswith("publish: --paper b5: choose one of a5, a4, a6")
    assert len(result.stderr.strip().splitlines()) == 1 and not out.exists()


def test_bleed_out_of_range_or_with_a_booklet_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    for arguments, cause in (
        (("--bleed", "0"), "--bleed 0: must be more than 0"),
        (("--bleed", "25"), "--bleed 25: must be more than 0 and at most 10 mm"),
        (("--bleed", "3", "--impose", "booklet"), "--bleed: applies to single pages"),
    ):
        result = _publish("pdf", str(SEED), *arguments, "-o", str(out))
        assert result.returncode == 2 and result.stderr.startswith(f"publish: {cause}"), result.stderr
        assert not out.exists()


def test_books_are_written_with_the_users_umask(tmp_path: Path) -> None:
    out = tmp_path / "party.epub"
    command = [sys.executable, "-m", "publish", "epub", str(SEED), "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False, umask=0o027)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["party.epub"], "no temporary file is left"


def test_inspect_diagnostics_names_each_page_family(corpus: Path) -> None:
    """``--diagnostics`` says which family's cues read each page; plain text has no family."""
    lenin = _publish("inspect", "--diagnostics", str(corpus / "mia" / "archive__lenin__works__1913__mar__x01.htm"))
    assert lenin.returncode == 0, lenin.stderr
    assert "x01.htm: read as the lenin_cw page family" in lenin.stdout
    work = _publish("inspect", "--diagnostics", str(corpus / "mia-tree" / "archive" / "lafargue" / "1883" / "lazy"))
    assert work.returncode == 0, work.stderr
    families = [line for line in work.stdout.splitlines() if "page family" in line]
    assert len(families) > 2 and any("index.htm" in line for line in families)
    seed = _publish("inspect", "--diagnostics", str(SEED))
    assert seed.returncode == 0 and "page family" not in seed.stdout
