"""The API's types are real: ``mypy --strict`` passes a script that uses it as documented and
fails one that misuses it, line by line (were any name ``Any``, its line would pass)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

_GOOD = """
import dataclasses
from pathlib import Path

import publish
import publish.batch.runner  # the subpackage imported too: publish.batch is still the function
from publish.model import Block, Document, Heading, Section

diagnostics: list[publish.Diagnostic] = []
doc: publish.Document = publish.read(Path("party.htm"), diagnostics=diagnostics)
page: Document = publish.read(b"<p>text</p>", origin="memory.htm")
doc = dataclasses.replace(doc, metadata=dataclasses.replace(doc.metadata, authors=("Chris Harman",)))
epub: bytes = publish.render_epub(doc, publish.EpubOptions(embed_font=True), diagnostics=diagnostics)
pdf: bytes = publish.render_pdf(doc, publish.PdfOptions(paper="a4"))
booklet = publish.PamphletOptions(pdf=publish.PdfOptions(), booklet=publish.Booklet(signature=8))
imposed: bytes = publish.render_pamphlet(doc, booklet)
anthology: Document = publish.read_selection("reading.toml")
report: publish.Report = publish.batch("archive", "library", publish.BatchOptions(formats=("epub", "pdf")))
made: int = report.made + report.unchanged
failures: list[str] = [f"{name}: {cause}" for name, cause in report.failures]
warnings = [d for d in diagnostics if d.severity is publish.Severity.WARNING]


def headings(blocks: tuple[Block, ...]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            found.append(str(block.level))
        elif isinstance(block, Section):
            found.extend(headings(block.blocks))
    return found


try:
    publish.read("absent.htm")
except publish.PublishError as error:
    where: str = error.path + error.cause
"""

_BAD = """
import publish

doc = publish.read("party.htm")
publish.render_epub("not a document")
publish.read(3.5)
text: str = publish.render_pdf(doc)
publish.PdfOptions(papr="a4")
count: int = publish.batch("archive", "library")
publish.render_pamphlet(doc, publish.PdfOptions())
doc.metadata.title = "frozen"
publish.render_mobi(doc)
"""
_BAD_LINES = (5, 6, 7, 8, 9, 10, 11, 12)


def _mypy(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict on ``script`` as a user runs it: the checkout's ``publish`` found as an
    installed package would be (its own errors silent), outside any project configuration."""
    path = folder / "script.py"
    path.write_text(script)
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--cache-dir", str(folder / "c")]
    return subprocess.run(
        [*command, str(path)], capture_output=True, text=True, cwd=folder, env=env, timeout=300, check=False
    )


def test_a_script_using_the_api_as_documented_passes_mypy_strict(tmp_path: Path) -> None:
    completed = _mypy(_GOOD, tmp_path)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_each_misuse_of_the_api_is_a_mypy_error_on_its_line(tmp_path: Path) -> None:
    completed = _mypy(_BAD, tmp_path)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    lines = {int(number) for number in re.findall(r"^script\.py:(\d+): error:", completed.stdout, re.MULTILINE)}
    assert lines == set(_BAD_LINES), completed.stdout
