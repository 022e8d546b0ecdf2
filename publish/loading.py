"""From paths to a loaded Document: a single page, or a whole work from its index page.

This is the disk-facing shell around the pure readers (with ``files.py``), shared by the
command line and batch: it decides what the input is, reads exactly the files a work's
index links to inside the work's own folder, and hands bytes to the pure functions.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from publish.errors import Diagnostic, PublishError
from publish.files import read_input
from publish.model import Block, Heading, Section, Text
from publish.normalise import read
from publish.normalise.decode import decode
from publish.normalise.html import notes_page
from publish.normalise.work import Chapter, ChapterLink, assemble_anthology, assemble_work, chapter_links
from publish.pipeline import Loaded, typeset
from publish.words import block_text

_INDEX_NAMES = ("index.htm", "index.html")
_MIN_CHAPTERS = 2


def load(path: Path, *, whole_work: bool = True) -> Loaded:
    """A page, or the work whose index page (or folder) ``path`` names."""
    if path.is_dir():
        index = next((path / name for name in _INDEX_NAMES if (path / name).is_file()), None)
        if index is None:
            raise PublishError(str(path), "is a directory with no index.htm in it; give a page, or a work's folder")
        path = index
    data = read_input(path)
    links = chapter_links(data, str(path)) if whole_work and _looks_like_index(path) else []
    if sum(1 for link in links if _resolve(path, link.href) is not None) < _MIN_CHAPTERS:
        result = read(data, str(path))
        return typeset(result.document, result.format, result.diagnostics)
    return _load_work(path, data, links)


def _looks_like_index(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(_INDEX_NAMES) or name.split("__")[-1] in _INDEX_NAMES


def _load_work(index_path: Path, data: bytes, links: list[ChapterLink]) -> Loaded:
    index = read(data, str(index_path))
    diagnostics: list[Diagnostic] = list(index.diagnostics)
    resolved = [(link, _resolve(index_path, link.href)) for link in links]
    found = [(link, page) for link, page in resolved if page is not None]
    missing = [link for link, page in resolved if page is None]
    pages = {page: read_input(page) for _, page in found}
    calls = {page: notes_page.citations(decode(data, str(page)).text) for page, data in pages.items()}
    notes = _notes_pages(index_path, pages, calls)
    taken = {ident for cited in calls.values() for name, ids in cited.items() if name in notes for ident in ids}
    chapters: list[Chapter] = []
    for link, page in found:
        if page.name.split("__")[-1] in notes:
            result = read(pages[page], str(page), taken=taken)
            if not _has_text(result.document.body):
                continue  # every note went to the chapter that calls it; headings alone are left
        else:
            cited = {name: notes[name] for name in calls[page] if name in notes}
            result = read(pages[page], str(page), notes_pages=cited)
        diagnostics.extend(result.diagnostics)
        chapters.append(Chapter(href=link.href, label=link.label, document=result.document))
    document, found_diagnostics = assemble_work(index.document, chapters, missing, str(index_path))
    return typeset(document, "work", (*diagnostics, *found_diagnostics))


def _has_text(blocks: tuple[Block, ...]) -> bool:
    return bool(block_text([block for block in blocks if not isinstance(block, Heading)], notes=False).strip())


def _notes_pages(
    index_path: Path, pages: dict[Path, bytes], calls: dict[Path, dict[str, list[str]]]
) -> dict[str, bytes]:
    """The work's separate notes pages (file name -> bytes), linked from the index or not."""
    counts: dict[str, int] = {}
    for cited in calls.values():
        for name, ids in cited.items():
            counts[name] = counts.get(name, 0) + len(ids)
    notes: dict[str, bytes] = {}
    for name, count in counts.items():
        path = _resolve(index_path, name)
        if path is None:
            continue
        data = pages.get(path) or read_input(path)
        if notes_page.is_notes_page(name, decode(data, str(path)).text, count):
            notes[name] = data
    return notes


def _resolve(index_path: Path, href: str) -> Path | None:
    """The chapter file, beside the index or, in a flattened copy of the archive, with its prefix."""
    folder = index_path.parent
    prefix = index_path.name[: -len(index_path.name.split("__")[-1])] if "__" in index_path.name else ""
    for candidate in (folder / href, folder / f"{prefix}{href}"):
        if candidate.is_file() and folder.resolve() in candidate.resolve().parents:
            return candidate
    return None


def load_anthology(paths: list[Path], *, title: str | None, author: str | None) -> Loaded:
    """Several separate texts as one book, in the order given; each keeps its own credits."""
    if title is None:
        raise PublishError(str(paths[0]), "several inputs make an anthology: give it a --title")
    items = [read(read_input(path), str(path)) for path in paths]
    diagnostics = tuple(diagnostic for item in items for diagnostic in item.diagnostics)
    document = assemble_anthology([item.document for item in items], title=title, author=author)
    return typeset(document, "anthology", diagnostics)


def load_selection(path: Path) -> Loaded:
    """An anthology described in a TOML file: a title, an optional author, and its items in order.

    title = "…"; author = "…"; [[item]] path = "relative/or/absolute.htm", title = "optional".
    """
    try:
        selection = tomllib.loads(read_input(path).decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PublishError(str(path), f"is not a valid TOML selection: {error}") from error
    items = selection.get("item")
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) and "path" in i for i in items):
        raise PublishError(str(path), 'lists no items: add [[item]] tables with a path = "…"')
    paths = [(path.parent / str(item["path"])) for item in items]
    loaded = load_anthology(paths, title=str(selection.get("title") or path.stem), author=selection.get("author"))
    renamed = tuple(
        dataclasses.replace(section, title=(Text(text=str(item["title"])),))
        if "title" in item and isinstance(section, Section)
        else section
        for section, item in zip(loaded.document.body, items, strict=True)
    )
    return dataclasses.replace(loaded, document=dataclasses.replace(loaded.document, body=renamed))
