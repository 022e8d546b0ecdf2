"""Compiled templates kept between processes: used when nothing changed, never stale, and
never in the way (an unwritable or damaged cache only costs the compile)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader

from publish.render.template_cache import SourceKeyedCache, cache_folder
from tests.conftest import ROOT, SEED


def _render(templates: Path, cache: Path, trim_blocks: bool = False) -> tuple[str, int]:
    """The page as rendered by a fresh environment, and how many templates it compiled."""
    env = Environment(
        loader=FileSystemLoader(str(templates)), bytecode_cache=SourceKeyedCache(cache), trim_blocks=trim_blocks
    )
    compiled = 0
    compile_code = env.compile

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal compiled
        compiled += 1
        return compile_code(*args, **kwargs)

    env.compile = counting  # type: ignore[method-assign]
    return env.get_template("page.html").render(name="Engels"), compiled


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{% if name %}\nHello {{ name }}{% endif %}\n", encoding="utf-8")
    return folder


def test_a_second_process_loads_instead_of_compiling(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _render(templates, cache)
    second = _render(templates, cache)
    assert first == ("\nHello Engels", 1)
    assert second == ("\nHello Engels", 0)
    assert len(list(cache.glob("*.jinja"))) == 1


def test_a_changed_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _render(templates, cache)
    page = templates / "page.html"
    stat = page.stat()
    page.write_text("Goodbye {{ name }}\n", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same time: only the source tells
    assert _render(templates, cache) == ("Goodbye Engels", 1)


def test_other_settings_are_another_entry(templates: Path, tmp_path: Path) -> None:
    """trim_blocks changes the compiled code, not the source: it must not be served the other's."""
    cache = tmp_path / "cache"
    assert _render(templates, cache) == ("\nHello Engels", 1)
    assert _render(templates, cache, trim_blocks=True) == ("Hello Engels", 1)
    assert _render(templates, cache, trim_blocks=True) == ("Hello Engels", 0)
    assert len(list(cache.glob("*.jinja"))) == 2


def test_an_unwritable_cache_is_skipped(templates: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert _render(templates, blocker / "cache") == ("\nHello Engels", 1)
    assert _render(templates, blocker / "cache") == ("\nHello Engels", 1)


def test_a_damaged_entry_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _render(templates, cache)
    for entry in cache.glob("*.jinja"):
        entry.write_bytes(entry.read_bytes()[:20])
    assert _render(templates, cache) == ("\nHello Engels", 1)
    assert _render(templates, cache) == ("\nHello Engels", 0)


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PUBLISH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "publish" / "templates"
    monkeypatch.setenv("PUBLISH_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_folder() == tmp_path / "mine"
    monkeypatch.setenv("PUBLISH_CACHE_DIR", "")
    assert cache_folder() is None


def _publish_epub(output: Path, cache_home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
    env.pop("PUBLISH_CACHE_DIR", None)
    command = [sys.executable, "-m", "publish", "epub", str(SEED), "-o", str(output)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_processes_at_once_share_the_cache(tmp_path: Path) -> None:
    """Three books at once into an empty cache, then one from the full cache: all the same."""
    home = tmp_path / "cache-home"
    running = [_publish_epub(tmp_path / f"book{number}.epub", home) for number in range(3)]
    for process in running:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    entries = sorted((home / "publish" / "templates").iterdir())
    assert entries and all(entry.suffix == ".jinja" for entry in entries), entries  # no temporary files left
    last = _publish_epub(tmp_path / "last.epub", home)
    assert last.communicate(timeout=300)[1].count("wrote") == 1 and last.returncode == 0
    books = {(tmp_path / f"book{number}.epub").read_bytes() for number in range(3)}
    assert books == {(tmp_path / "last.epub").read_bytes()}
    assert sorted((home / "publish" / "templates").iterdir()) == entries
