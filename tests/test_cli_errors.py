"""The command line's mistakes and edge cases, each one line and the right exit code, as a user meets them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from publish.errors import Diagnostic, Severity
from publish.summary import summarised
from tests.conftest import SEED

_SCAN = (
    '<html><head><title>Scans</title></head><body><h1>The Scans</h1><p><img src="p1.jpg" alt="page 1"></p>'
    '<p><img src="p2.jpg" alt=""></p></body></html>'
)


def _publish(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish", *args], capture_output=True, text=True, cwd=cwd, timeout=600, check=False
    )


def _one_line(done: subprocess.CompletedProcess[str], *, code: int = 2) -> str:
    assert done.returncode == code, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.mark.parametrize(("command", "typo"), [("epub", "--papr"), ("pdf", "--papre"), ("inspect", "--diagnostix")])
def test_a_mistyped_option_shows_the_commands_usage(command: str, typo: str) -> None:
    done = _publish(command, typo, "x", str(SEED))
    assert done.returncode == 2
    assert f"usage: publish {command} " in done.stderr, "the command's usage, which lists its options"
    assert f"publish {command}: error: unrecognized arguments: {typo}" in done.stderr
    assert "COMMAND" not in done.stderr


@pytest.mark.parametrize("option", ["--styles", "--templates"])
@pytest.mark.parametrize("command", ["epub", "pdf"])
def test_a_look_folder_that_is_not_there_is_an_error(tmp_path: Path, option: str, command: str) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "my-look"
    line = _one_line(_publish(command, str(SEED), option, str(missing), "-o", str(out)))
    assert line == f"publish: {option} {missing}: no such folder"
    afile = tmp_path / "look.css"
    afile.write_text("p {}")
    line = _one_line(_publish(command, str(SEED), option, str(afile), "-o", str(out)))
    assert line.startswith(f"publish: {option} {afile}: is not a folder")
    assert not out.exists()


def test_a_batch_checks_its_look_folders_too(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    line = _one_line(_publish("batch", str(archive), str(tmp_path / "out"), "--styles", str(tmp_path / "nope")))
    assert "--styles" in line and "no such folder" in line


@pytest.mark.parametrize(
    ("template", "broken", "line_number"),
    [("epub/chapter.xhtml.j2", "line one\n{% if x %}\n{{ title }\n", 3), ("pdf/pamphlet.html.j2", "{% for %}\n", 1)],
)
def test_a_template_with_a_syntax_error_is_named_with_its_line(
    tmp_path: Path, template: str, broken: str, line_number: int
) -> None:
    folder = tmp_path / "templates"
    (folder / template).parent.mkdir(parents=True)
    (folder / template).write_text(broken)
    command = template.split("/")[0]
    out = tmp_path / f"book.{command}"
    line = _one_line(_publish(command, str(SEED), "--templates", str(folder), "-o", str(out)))
    assert line.startswith(f"publish: {folder / template}:{line_number}: template syntax error: "), line
    assert not out.exists()


@pytest.mark.parametrize(
    "address", ["https://www.marxists.org/archive/marx/index.htm", "http://example.org/a.htm", "www.marxists.org/x.htm"]
)
def test_a_web_address_is_not_read(tmp_path: Path, address: str) -> None:
    commands = [(name, address) for name in ("epub", "pdf", "inspect", "audit")] + [("batch", address, str(tmp_path))]
    for command in commands:
        line = _one_line(_publish(*command, cwd=tmp_path))
        assert "is a web address; publish reads pages from disk" in line
    assert list(tmp_path.iterdir()) == []


def test_a_work_given_by_its_index_is_named_for_the_work(corpus: Path, tmp_path: Path) -> None:
    """``zombiecap/index.html`` makes ``zombiecap.epub``, as ``publish batch`` names it, not ``index.epub``."""
    work = corpus / "mia-tree" / "archive" / "harman" / "2009" / "zombiecap"
    done = _publish("epub", str(work / "index.html"), "-o", str(tmp_path) + "/")
    assert done.returncode == 0, done.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["zombiecap.epub"]


def test_a_work_beside_other_pages_is_named_for_its_index(tmp_path: Path) -> None:
    """``eec-index.html`` (a work sharing its folder, as on the ETOL) makes ``eec.epub``; a folder its name."""
    folder = tmp_path / "1971"
    folder.mkdir()
    for name, text in (("eec-pt1.htm", "The first part of the argument."), ("eec-pt2.htm", "The second part.")):
        (folder / name).write_text(f"<html><head><title>{name}</title></head><body><h1>Part</h1><p>{text}</p></body>")
    links = '<p><a href="eec-pt1.htm">Part 1</a></p><p><a href="eec-pt2.htm">Part 2</a></p>'
    (folder / "eec-index.html").write_text(f"<html><head><title>EEC</title></head><body><h1>EEC</h1>{links}</body>")
    done = _publish("epub", str(folder / "eec-index.html"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "eec.epub").is_file()
    (folder / "index.htm").write_bytes((folder / "eec-index.html").read_bytes())
    done = _publish("epub", str(folder), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "1971.epub").is_file()
    done = _publish("epub", str(folder / "eec-pt1.htm"), cwd=tmp_path)
    assert (tmp_path / "eec-pt1.epub").is_file(), "a page is named for itself"


def test_many_n041_lines_are_one(corpus: Path, tmp_path: Path) -> None:
    """Harman's *History* names 41 parts that link to no page: one line says so; -v lists them."""
    index = corpus / "mia-tree" / "archive" / "harman" / "1999" / "history" / "index.htm"
    done = _publish("inspect", "--diagnostics", str(index))
    every = [line for line in done.stdout.splitlines() if "N041" in line]
    assert len(every) > 30
    epub = _publish("epub", str(index), "-o", str(tmp_path) + "/")
    assert epub.returncode == 0, epub.stderr
    summary = [line for line in epub.stderr.splitlines() if "N041" in line]
    assert len(summary) == 1
    assert f"N041: {len(every)} contents entries link to no page: " in summary[0]
    assert summary[0].endswith(f"and {len(every) - 3} more (-v lists all)")
    verbose = _publish("epub", str(index), "-o", str(tmp_path) + "/", "-v")
    assert len([line for line in verbose.stderr.splitlines() if "N041" in line]) == len(every)


def test_summarised_keeps_a_few_lines_and_other_pages_apart() -> None:
    def n041(where: str, entry: str) -> Diagnostic:
        message = f"contents entry {entry!r} links to no page"
        return Diagnostic(code="N041", severity=Severity.WARNING, where=where, message=message)

    other = Diagnostic(code="N040", severity=Severity.WARNING, where="a.htm", message="linked page x.htm is missing")
    many = [n041("a.htm", f"Chapter {n}") for n in range(1, 8)]
    few = [n041("b.htm", "Preface"), n041("b.htm", "Appendix")]
    result = summarised([other, *many, *few])
    assert result[0] == other and result[2:] == few
    assert result[1].where == "a.htm" and result[1].code == "N041"
    assert result[1].message == (
        "7 contents entries link to no page: 'Chapter 1', 'Chapter 2', 'Chapter 3' and 4 more (-v lists all)"
    )


def test_nothing_to_publish_is_an_error_not_an_empty_book(tmp_path: Path) -> None:
    """A page of scans, a plain text of furniture, a work of scans: exit 2, one line, no file."""
    (tmp_path / "scan.htm").write_text(_SCAN)
    (tmp_path / "empty.txt").write_text("The Title\n\nLast updated on 1 May 2009\n")
    work = tmp_path / "scans"
    work.mkdir()
    for name in ("one.htm", "two.htm"):
        (work / name).write_text(_SCAN)
    links = '<p><a href="one.htm">One</a></p><p><a href="two.htm">Two</a></p>'
    (work / "index.htm").write_text(f"<html><head><title>Work</title></head><body><h1>Work</h1>{links}</body></html>")
    for command in ("epub", "pdf"):
        assert "scan.htm: no text to publish: it only shows" in _one_line(_publish(command, "scan.htm", cwd=tmp_path))
        assert "empty.txt: no text to publish" in _one_line(_publish(command, "empty.txt", cwd=tmp_path))
        line = _one_line(_publish(command, "scans/index.htm", cwd=tmp_path))
        assert line.startswith("publish: scans/index.htm: no text to publish in any of its 2 pages")
        line = _one_line(_publish(command, "scan.htm", "empty.txt", "--title", "Nothing", cwd=tmp_path))
        assert line == "publish: scan.htm: no text to publish in any of its 2 texts"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["empty.txt", "scan.htm", "scans"]


def test_a_batch_leaves_pages_with_nothing_to_publish_out_with_the_reason(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "scan.htm").write_text(_SCAN)
    (archive / "party.txt").write_bytes(SEED.read_bytes())
    done = _publish("batch", str(archive), str(tmp_path / "out"), "--text", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "skip scan.htm: no text to publish: it only shows 1 image(s)" in done.stdout
    assert "book party (article, would make)" in done.stdout


def test_the_corpus_work_of_scans_is_refused_and_a_work_with_some_text_is_not(corpus: Path, tmp_path: Path) -> None:
    """*La Permanenta Revolucio* in Esperanto is twelve wrappers around scans: no book; one of its
    pages alone neither. Kidron's atlas has scan-only pages (front, back) among pages of text: a book."""
    scans = corpus / "mia-tree" / "esperanto" / "laperm"
    line = _one_line(_publish("epub", str(scans), "-o", str(tmp_path) + "/"))
    assert line == f"publish: {scans}: no text to publish in any of its 12 pages (scans only?)"
    line = _one_line(_publish("pdf", str(scans / "lpr2_05.htm"), "-o", str(tmp_path) + "/"))
    assert line.startswith(f"publish: {scans / 'lpr2_05.htm'}: no text to publish: it only shows ")
    assert list(tmp_path.iterdir()) == []
    atlas = _publish(
        "epub", str(corpus / "mia-tree" / "archive" / "kidron" / "works" / "1981" / "maps"), "-o", str(tmp_path) + "/"
    )
    assert atlas.returncode == 0, atlas.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["maps.epub"]
