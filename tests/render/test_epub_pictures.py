"""Pictures go into the e-book from the input's own folder, checked; anything else is described."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from tests.support import epubcheck

_PAGE = """<html><head><title>Pictures</title></head><body>
<h1>A page of pictures</h1>
<p>Before the pictures, some words of the text so that the page is an article.</p>
<p><img src="img/crowd.png" alt="A crowd in the square"></p>
<p>Between the pictures there is more text to read.</p>
<p><img src="./img/crowd.png" alt="The crowd again"></p>
<p><img src="img/{name}" alt="Broken"></p>
<p><img src="../outside.png" alt="Outside"></p>
<p><img src="http://example.org/far.jpg" alt="Far away"></p>
<p><img src="img/nowhere.gif" alt="Missing"></p>
<p>After the pictures, the end of the text.</p>
</body></html>"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str], Path]:
    root = tmp_path_factory.mktemp("pictures")
    folder = root / "page"
    (folder / "img").mkdir(parents=True)
    Image.new("RGB", (120, 80), (200, 40, 30)).save(folder / "img" / "crowd.png")
    whole = folder / "img" / "whole.jpg"
    Image.effect_noise((200, 200), 50).convert("RGB").save(whole, quality=90)
    (folder / "img" / "broken.jpg").write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    Image.new("RGB", (10, 10)).save(root / "outside.png")
    page = folder / "page.htm"
    page.write_text(_PAGE.format(name="broken.jpg"), encoding="utf-8")
    out = root / "book.epub"
    command = [sys.executable, "-m", "publish", "epub", str(page), "-o", str(out)]
    return out, subprocess.run(command, capture_output=True, text=True, check=False), root


def _chapter(book: Path) -> etree._Element:
    with zipfile.ZipFile(book) as archive:
        return etree.fromstring(archive.read("EPUB/text.xhtml"))


def test_a_picture_beside_the_input_is_packaged_once_and_shown(
    built: tuple[Path, subprocess.CompletedProcess[str], Path],
) -> None:
    book, result, _ = built
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(book) as archive:
        images = [name for name in archive.namelist() if name.startswith("EPUB/images/")]
        assert images == ["EPUB/images/1.png"]  # two spellings of one file, packaged once
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    shown = [(img.get("src"), img.get("alt")) for img in _chapter(book).iter("{*}img")]
    assert shown == [("images/1.png", "A crowd in the square"), ("images/1.png", "The crowd again")]
    item = next(item for item in opf.iter("{*}item") if item.get("href") == "images/1.png")
    assert item.get("media-type") == "image/png"
    modes = [meta.text for meta in opf.iter("{*}meta") if meta.get("property") == "schema:accessMode"]
    assert modes == ["textual", "visual"]


def test_every_other_picture_is_described_and_each_cause_said_once(
    built: tuple[Path, subprocess.CompletedProcess[str], Path],
) -> None:
    book, result, _ = built
    described = [" ".join(p.itertext()) for p in _chapter(book).iter("{*}p") if "[Picture" in "".join(p.itertext())]
    assert described == ["[Picture: Broken]", "[Picture: Outside]", "[Picture: Far away]", "[Picture: Missing]"]
    warnings = [line for line in result.stderr.splitlines() if "E001" in line]
    assert len(warnings) == 4
    assert any("img/broken.jpg" in line and "damaged" in line for line in warnings)
    assert any("../outside.png" in line and "outside the input's folder" in line for line in warnings)
    assert any("http://example.org/far.jpg" in line and "nothing is downloaded" in line for line in warnings)
    assert any("img/nowhere.gif" in line and "no such file" in line for line in warnings)


def test_a_book_with_pictures_passes_epubcheck(built: tuple[Path, subprocess.CompletedProcess[str], Path]) -> None:
    book, _, _ = built
    assert epubcheck(book) == []


def test_nothing_outside_the_folder_is_packaged(built: tuple[Path, subprocess.CompletedProcess[str], Path]) -> None:
    book, _, root = built
    outside = (root / "outside.png").read_bytes()
    with zipfile.ZipFile(book) as archive:
        assert all(archive.read(name) != outside for name in archive.namelist())
