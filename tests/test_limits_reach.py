"""Each limit reaches the stage that keeps it, whichever way it is given: the command line, the
project file, the Python API and a batch run. (``test_limits_options`` checks the parsing; this
checks that the value parsed is the one the reader, the bounds and the picture reader obey.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import publish
from publish.errors import PublishError
from publish.limits import Limits

WORDS = 3000


def _page(folder: Path, *, picture: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    figure = '<p><img src="plate.png" alt="A plate of the printing press"></p>' if picture else ""
    if picture:
        Image.new("RGB", (300, 200), "white").save(folder / "plate.png")
    page = folder / "long.html"
    page.write_text(
        "<html><head><title>A Long Speech</title></head><body><h1>A Long Speech</h1>"
        f"<p>{'word ' * WORDS}</p>{figure}</body></html>",
        encoding="utf-8",
    )
    return page


def _publish(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PUBLISH_WARM": "0"}
    return subprocess.run(
        [sys.executable, "-m", "publish", *argv], cwd=folder, capture_output=True, text=True, env=environment
    )


def test_the_command_line_limits_reach_the_reader_and_the_bounds(tmp_path: Path) -> None:
    page = _page(tmp_path)
    refused = _publish(tmp_path, "epub", page.name, "--max-input-size", "1K", "-o", "a.epub")
    assert refused.returncode == 2 and "over the 1 KB limit for a page" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not (tmp_path / "a.epub").exists()

    cut = _publish(tmp_path, "epub", page.name, "--max-paragraph-words", "1000", "-o", "a.epub")
    assert cut.returncode == 0, cut.stderr
    assert "N060" in cut.stderr
    book = zipfile.ZipFile(tmp_path / "a.epub")
    pages = [book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml")]
    text = next(page for page in pages if "word word" in page)
    assert text.count("<p") >= 3 and text.count("word") == WORDS


def test_the_project_file_limit_holds_and_the_command_line_raises_it(tmp_path: Path) -> None:
    page = _page(tmp_path)
    (tmp_path / "publish.toml").write_text('max_input_size = "1K"\n', encoding="utf-8")
    refused = _publish(tmp_path, "pdf", page.name, "-o", "a.pdf")
    assert refused.returncode == 2 and "over the 1 KB limit" in refused.stderr
    raised = _publish(tmp_path, "epub", page.name, "--max-input-size", "1M", "-o", "a.epub")
    assert raised.returncode == 0, raised.stderr


def test_the_picture_limit_reaches_the_epub_and_the_pdf(tmp_path: Path) -> None:
    page = _page(tmp_path, picture=True)
    for kind in ("epub", "pdf"):
        made = _publish(tmp_path, kind, page.name, "--max-picture-size", "100", "-o", f"a.{kind}")
        assert made.returncode == 0, made.stderr
        assert "plate.png" in made.stderr and "limit" in made.stderr, (kind, made.stderr)
    assert not [name for name in zipfile.ZipFile(tmp_path / "a.epub").namelist() if "plate" in name]


def test_the_api_takes_limits(tmp_path: Path) -> None:
    page = _page(tmp_path)
    with pytest.raises(PublishError, match="over the"):
        publish.read(page, limits=Limits(input_bytes=1024))
    with pytest.raises(PublishError, match="over the"):
        publish.read(page.read_bytes(), limits=Limits(input_bytes=1024))
    said: list[publish.Diagnostic] = []
    document = publish.read(page, limits=Limits(paragraph_words=1000), diagnostics=said)
    assert [d.code for d in said if d.code == "N060"] and len(document.body) >= 3


def test_batch_reads_a_refused_page_again_when_the_limit_rises(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    _page(archive)
    first = _publish(tmp_path, "batch", "archive", "out", "--max-input-size", "1K", "--format", "json", "-q")
    second = _publish(tmp_path, "batch", "archive", "out", "--format", "json", "-q")
    assert "over the 1 KB limit" in first.stdout + first.stderr
    assert second.returncode == 0, second.stderr
    assert list((tmp_path / "out").rglob("*.epub")), second.stdout + second.stderr
    assert "over the" not in second.stdout + second.stderr
    json.dumps(second.stdout)  # the run's report is text a tool reads
