"""A byte no charset defines never reaches a book: neither the EPUB nor the PDF shows U+FFFD.

The page is a real-looking archive page whose cp1252 text holds the five bytes cp1252 leaves
undefined (0x81 0x8D 0x8F 0x90 0x9D, stray bytes the archive has) and a ``&#65533;``
reference; it is published with the command line as a user would, and the books are read
back with EPUBCheck's unzip view and pdftotext.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support import epubcheck, spine_documents, xhtml_text

PAGE = (
    b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    b"<title>Stray bytes</title></head><body>"
    b'<p class="title">Stray bytes</p>'
    b"<p>The workers\x81 of the caf\xe9 met\x8d at the \x93Stra\x8fe\x94 every evening\x90 to read"
    b" the paper\x9d and the news&#65533; of the strike.</p></body></html>"
)


def _publish(kind: str, source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "publish", kind, str(source), "-o", str(out)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_undefined_bytes_are_dropped_from_epub_and_pdf(tmp_path: Path) -> None:
    source = tmp_path / "stray.htm"
    source.write_bytes(PAGE)
    epub, pdf = tmp_path / "stray.epub", tmp_path / "stray.pdf"
    made = _publish("epub", source, epub)
    assert made.returncode == 0, made.stderr
    assert "N002" in made.stderr
    assert _publish("pdf", source, pdf).returncode == 0
    with zipfile.ZipFile(epub) as book:
        assert not [name for name in book.namelist() if "\ufffd".encode() in book.read(name)]
    text = " ".join(xhtml_text(page) for _, page in spine_documents(epub.read_bytes()))
    assert "The workers of the café met at the “Straße”" not in text  # 0x8F is no ß: simply gone
    assert "The workers of the café met at the “Strae” every evening to read the paper and the news of" in text
    assert not [m for m in epubcheck(epub) if m["severity"] in ("ERROR", "FATAL", "WARNING")]
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    printed = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\ufffd" not in printed
    assert "every evening to read" in " ".join(printed.split())
