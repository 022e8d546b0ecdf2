"""Each command imports what it needs when it needs it (issue 14: "a command line that feels
instant"). Timings belong in bench/startup.py; these tests say which libraries a command's
process has loaded when it ends, which is what its start-up is made of."""

from __future__ import annotations

import atexit
import gc
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from publish.cli import main
from tests.conftest import ROOT, SEED

HEAVY = ("weasyprint", "ebooklib", "jinja2", "PIL", "fontTools", "lxml", "babel", "pypdf", "rich", "distributed")
"""Third-party libraries that cost a one-off process noticeable time to import."""

_PROBE = """
import json, sys
from publish.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as leaving:
    code = leaving.code
loaded = {name.split(".")[0] for name in sys.modules} | {".".join(name.split(".")[:2]) for name in sys.modules}
print(json.dumps({"code": code, "loaded": sorted(loaded)}), file=sys.stderr)
"""


def _loaded(*args: str, tmp_path: Path) -> set[str]:
    """The top-level packages (and publish's subpackages) a command's process imported."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PUBLISH_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), result.stderr
    return set(report["loaded"])


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    script = "import json, sys, publish.cli; print(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    modules = set(json.loads(result.stdout))
    loaded = {name.split(".")[0] for name in modules}
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    assert "publish.normalise" not in modules and "publish.render" not in modules


@pytest.mark.parametrize("command", [["--help"], ["epub", "--help"], ["pdf", "--help"], ["batch", "--help"]])
def test_help_loads_no_library_reader_or_renderer(command: list[str], tmp_path: Path) -> None:
    loaded = _loaded(*command, tmp_path=tmp_path)
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    assert loaded.isdisjoint({"publish.normalise", "publish.render", "publish.typography"})


def test_an_epub_loads_no_pdf_engine_no_font_subsetter_and_no_babel(tmp_path: Path) -> None:
    """An English book: the colophon's date and names and the quotation marks come from the
    generated CLDR tables, so Babel is not loaded at all."""
    loaded = _loaded("epub", str(SEED), "-o", str(tmp_path / "book.epub"), tmp_path=tmp_path)
    assert (tmp_path / "book.epub").is_file()
    assert {"ebooklib", "jinja2", "lxml", "PIL"} <= loaded  # what an e-book with a drawn cover needs
    assert loaded.isdisjoint({"weasyprint", "fontTools", "pypdf", "babel"}), sorted(loaded & set(HEAVY))


def test_an_epub_without_a_cover_loads_the_font_subsetter_only_to_embed_a_font(tmp_path: Path) -> None:
    plain = _loaded("epub", str(SEED), "--no-cover", "-o", str(tmp_path / "plain.epub"), tmp_path=tmp_path)
    embedded = _loaded("epub", str(SEED), "--embed-font", "-o", str(tmp_path / "font.epub"), tmp_path=tmp_path)
    assert "fontTools" not in plain and "weasyprint" not in plain
    assert "fontTools" in embedded  # the probe sees an import where there is one


def test_inspect_and_audit_load_no_renderer_library(tmp_path: Path) -> None:
    for command in ("inspect", "audit"):
        loaded = _loaded(command, str(SEED), tmp_path=tmp_path)
        assert "publish.normalise" in loaded, command
        assert loaded.isdisjoint({"weasyprint", "fontTools", "ebooklib", "jinja2", "PIL", "pypdf"}), command


def test_a_pdf_loads_no_epub_packager(tmp_path: Path) -> None:
    loaded = _loaded("pdf", str(SEED), "-o", str(tmp_path / "book.pdf"), tmp_path=tmp_path)
    assert "weasyprint" in loaded
    assert "ebooklib" not in loaded


def test_only_the_program_skips_the_collectors_last_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """``publish`` and ``python -m publish`` freeze the collector at exit; a Python caller of
    ``main`` (whose process goes on) is left alone."""
    registered: list[object] = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(sys, "argv", ["publish", "--version"])
    with pytest.raises(SystemExit):
        main()
    assert registered == [gc.freeze]
    registered.clear()
    with pytest.raises(SystemExit):
        main(["--version"])
    assert registered == []


def test_the_program_still_ends_cleanly(tmp_path: Path) -> None:
    """Output flushed, the book whole, the exit code kept, with the last collection skipped."""
    book = tmp_path / "book.epub"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PUBLISH_CACHE_DIR": ""}
    result = subprocess.run(
        [sys.executable, "-m", "publish", "epub", str(SEED), "-o", str(book)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and result.stderr.strip().endswith(f"wrote {book}")
    assert zipfile.ZipFile(book).testzip() is None
    missing = subprocess.run(
        [sys.executable, "-m", "publish", "epub", str(tmp_path / "nowhere.htm")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
