"""From paths to a loaded Document: a single page, or a whole work from its index page.

This is the disk-facing shell around the pure readers (with ``files.py``), shared by the
command line and batch: it decides what the input is, reads exactly the files a work's
index links to inside the work's own folder, and hands bytes to the pure functions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from publish import xmlchars
from publish.bounded_read import is_regular, read_limited
from publish.errors import Diagnostic, PublishError, Severity
from publish.files import index_of, read_input
from publish.limits import DEFAULT, Limits
from publish.model import Block, Document, Heading, Section, Text
from publish.normalise import read
from publish.normalise.decode import decode
from publish.normalise.html import notes_page
from publish.normalise.work import Chapter, absent_parts, assemble_anthology, assemble_work, chapter_links
from publish.overrides import Overrides
from publish.pipeline import Loaded, families_of, typeset
from publish.words import block_text
from publish.workfiles import (
    MIN_CHAPTERS,
    ChapterLink,
    NotesEvidence,
    WorkFiles,
    absent_links,
    looks_like_index,
    separate_writings,
    work_files,
)


class DiskFolder:
    """The work's folder on disk, each file read once; nothing outside the folder counts."""

    def __init__(self, folder: Path, *, limits: Limits = DEFAULT) -> None:
        self._root = folder.resolve()
        self._limits = limits
        self._data: dict[Path, bytes] = {}
        self._citations: dict[Path, dict[str, list[str]]] = {}

    def is_page(self, path: Path) -> bool:
        return is_regular(path) and self._root in path.resolve().parents

    def data(self, path: Path) -> bytes:
        """The page's bytes, read from where its links lead only if that is inside the folder
        (checked again here, as the file is read: a link may have changed since ``is_page``),
        and then without following a link in its last part."""
        if path not in self._data:
            resolved = path.resolve()
            if self._root not in resolved.parents:
                raise PublishError(str(path), f"leads outside the work's folder {self._root}, and is not read")
            self._data[path] = read_input(resolved, limits=self._limits, follow=False)
        return self._data[path]

    def text(self, path: Path) -> str:
        return decode(self.data(path), str(path)).text

    def citations(self, path: Path) -> dict[str, list[str]]:
        if path not in self._citations:
            self._citations[path] = notes_page.citations(self.text(path))
        return self._citations[path]

    def notes_evidence(self, path: Path) -> NotesEvidence:
        return notes_page.notes_evidence(path.name.split("__")[-1], self.text(path))


def load(
    path: Path, *, whole_work: bool = True, overrides: Overrides | None = None, limits: Limits = DEFAULT
) -> Loaded:
    """A page, or the work whose index page (or folder) ``path`` names; ``overrides``: the user's
    metadata over the reader's; ``limits``: the size a page may have."""
    if path.is_dir():
        index = index_of(path)
        if not index.is_file():
            raise PublishError(str(path), "is a directory with no index.htm in it; give a page, or a work's folder")
        path = index
    data = read_input(path, limits=limits)
    absent: tuple[ChapterLink, ...] = ()
    if whole_work and looks_like_index(path):
        folder = DiskFolder(path.parent, limits=limits)
        links = chapter_links(data, str(path))
        files = work_files(path, links, folder)
        if files is not None:
            return _load_work(files, data, folder, overrides, limits)
        absent = absent_links(path, links, folder) if len(links) >= MIN_CHAPTERS else ()  # a work, all absent
    result = read(data, str(path), limits=limits)
    diagnostics = (*result.diagnostics, *absent_parts(result.document, absent, str(path)))
    families = families_of([(str(path), result)])
    return typeset(result.document, result.format, diagnostics, families=families, overrides=overrides, limits=limits)


def require_text(loaded: Loaded, where: str) -> Loaded:
    """``loaded`` if it has text to publish; else the reader's N010 as the one-line error.

    A page that is empty or only shows scans would make a book of a title page and nothing
    else, which no one asked for: the user is told, and no file is written. A work is refused
    when every one of its chapters is such a page (its index is only their contents), as
    ``publish batch`` leaves such a work out; an empty chapter among others is a warning.
    """
    empty = {d.where: d.message for d in loaded.diagnostics if d.code == "N010"}
    if not empty:
        return loaded
    if loaded.format == "work":
        chapters = [page for page, _ in loaded.families[1:]]
        if chapters and all(page in empty for page in chapters):
            raise PublishError(where, f"no text to publish in any of its {len(chapters)} pages (scans only?)")
        return loaded
    if loaded.format == "anthology":  # each text is a section, titled: refused when every text is empty
        if len(empty) < len(loaded.document.body):
            return loaded
        raise PublishError(where, f"no text to publish in any of its {len(loaded.document.body)} texts")
    if _has_text(loaded.document.body):
        return loaded
    message = next(iter(empty.values()))
    raise PublishError(where, message if message.startswith("no text") else f"no text to publish: {message}")


def _load_work(
    files: WorkFiles, data: bytes, folder: DiskFolder, overrides: Overrides | None, limits: Limits
) -> Loaded:
    index = read(data, str(files.index), limits=limits)
    diagnostics: list[Diagnostic] = list(index.diagnostics)
    notes = {name: folder.data(path) for name, path in files.notes.items()}
    calls = {page: folder.citations(page) for _, page in files.chapters}
    taken = {ident for cited in calls.values() for name, ids in cited.items() if name in notes for ident in ids}
    chapters: list[Chapter] = []
    read_pages = [(str(files.index), index)]
    for link, page in files.chapters:
        if page.name.split("__")[-1] in notes:
            result = read(folder.data(page), str(page), taken=taken, limits=limits)
            if not _has_text(result.document.body):
                continue  # every note went to the chapter that calls it; headings alone are left
        else:
            cited = {name: notes[name] for name in calls[page] if name in notes}
            result = read(folder.data(page), str(page), notes_pages=cited, limits=limits)
        diagnostics.extend(result.diagnostics)
        read_pages.append((str(page), result))
        chapters.append(Chapter(href=link.href, label=link.label, document=result.document))
    writings = separate_writings(_Said.of(index.document), [_Said.of(chapter.document) for chapter in chapters])
    if writings is not None:
        message = f"{writings}, made into one book as asked (publish batch makes each a book of its own)"
        diagnostics.append(Diagnostic(code="N042", severity=Severity.WARNING, where=str(files.index), message=message))
    document, found_diagnostics = assemble_work(index.document, chapters, files.missing, str(files.index))
    every = (*diagnostics, *found_diagnostics)
    return typeset(document, "work", every, families=families_of(read_pages), overrides=overrides, limits=limits)


@dataclasses.dataclass(frozen=True, slots=True)
class _Said:
    """What a page says of itself (``workfiles.Described``)."""

    title: str
    authors: tuple[str, ...]
    dates: tuple[str, ...]

    @classmethod
    def of(cls, document: Document) -> _Said:
        metadata = document.metadata
        dates = (metadata.date, metadata.written, metadata.delivered, metadata.first_published)
        return cls(title=metadata.title, authors=metadata.authors, dates=tuple(date for date in dates if date))


def _has_text(blocks: tuple[Block, ...]) -> bool:
    return bool(block_text([block for block in blocks if not isinstance(block, Heading)], notes=False).strip())


def load_anthology(
    paths: list[Path],
    *,
    title: str | None,
    author: str | None,
    overrides: Overrides | None = None,
    limits: Limits = DEFAULT,
) -> Loaded:
    """Several separate texts as one book, in the order given; each keeps its own credits.

    ``overrides`` (the command line's) go over ``title`` and ``author`` (a selection's own)."""
    title = overrides.title if overrides is not None and overrides.title else title
    if title is None:
        raise PublishError(str(paths[0]), "several inputs make an anthology: give it a --title")
    items = [read(read_input(path, limits=limits), str(path), limits=limits) for path in paths]
    diagnostics = tuple(diagnostic for item in items for diagnostic in item.diagnostics)
    document = assemble_anthology([item.document for item in items], title=title, author=author)
    families = families_of(zip(map(str, paths), items, strict=True))
    return typeset(document, "anthology", diagnostics, families=families, overrides=overrides, limits=limits)


def load_selection(
    path: Path, overrides: Overrides | None = None, *, allow_outside: bool = False, limits: Limits = DEFAULT
) -> Loaded:
    """An anthology described in a TOML file: a title, an optional author, and its items in order.

    title = "…"; author = "…"; [[item]] path = "relative/or/absolute.htm", title = "optional".
    A selection may come from anyone, so its items are read only from its own folder (links
    resolved) unless ``allow_outside``: else ``path = "/etc/passwd"`` would be printed as a chapter.
    """
    import tomllib  # only for a selection file: not worth its import in every book

    try:
        selection = tomllib.loads(read_limited(path, limits.selection_bytes, what="selection").decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PublishError(str(path), f"is not a valid TOML selection: {error}") from error
    items = selection.get("item")
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) and "path" in i for i in items):
        raise PublishError(str(path), 'lists no items: add [[item]] tables with a path = "…"')
    listed = [(path.parent / str(item["path"]), str(item["title"]) if "title" in item else None) for item in items]
    if not allow_outside:
        for number, (item_path, _) in enumerate(listed, start=1):
            confined(item_path, path.parent, f"{path}: item {number}")
    title, author = str(selection.get("title") or path.stem), selection.get("author")
    return load_selected(listed, title=title, author=author, overrides=overrides, limits=limits)


def confined(path: Path, folder: Path, item: str) -> None:
    """Refuse ``path`` (PublishError naming ``item`` and the path) unless it lies inside
    ``folder`` once both are resolved, symbolic links included."""
    root = folder.resolve()
    if root not in path.resolve().parents:
        cause = f"{path} is outside the selection's folder {root}; give --allow-outside to read it"
        raise PublishError(item, cause)


def load_selected(
    items: Sequence[tuple[Path, str | None]],
    *,
    title: str,
    author: str | None,
    overrides: Overrides | None = None,
    limits: Limits = DEFAULT,
) -> Loaded:
    """An anthology of ``items`` (each a path and the title its section takes, if given): what a
    selection file or a project file's ``[anthology.NAME]`` describes."""
    paths = [path for path, _ in items]
    loaded = load_anthology(paths, title=title, author=author, overrides=overrides, limits=limits)
    renamed = tuple(
        dataclasses.replace(section, title=(Text(text=xmlchars.clean(given)),))
        if given is not None and isinstance(section, Section)
        else section
        for section, (_, given) in zip(loaded.document.body, items, strict=True)
    )
    return dataclasses.replace(loaded, document=dataclasses.replace(loaded.document, body=renamed))
