"""The README's Python examples run as written: each ```python block is executed on its own, in
a fresh namespace, from a folder laid out as the checkout is (``sources/``) so that a reader can
run it as is, and what it writes is a real book."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT

_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def _examples() -> list[tuple[int, str]]:
    """(line in README.md, code) of every ```python block."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [(text.count("\n", 0, match.start()) + 1, match.group(1)) for match in _BLOCK.finditer(text)]


def test_the_readme_has_python_examples() -> None:
    assert len(_examples()) >= 5, "the README's Python API section shows no runnable examples"


@pytest.mark.parametrize(("line", "code"), _examples(), ids=[f"README.md:{line}" for line, _ in _examples()])
def test_a_readme_example_runs_and_what_it_writes_is_a_book(
    line: int, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sources").symlink_to(ROOT / "sources", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "__readme__"})
    for book in tmp_path.rglob("*.epub"):
        with zipfile.ZipFile(book) as epub:
            assert epub.read("mimetype") == b"application/epub+zip", book
    for pamphlet in tmp_path.rglob("*.pdf"):
        assert len(PdfReader(io.BytesIO(pamphlet.read_bytes())).pages) > 0, pamphlet
