"""What a book's files are made from, as one hash each: the manifest's keys.

A file is remade when any of its makings changed: the content of any page it is made from,
the options its format depends on, the templates and stylesheets in use (a user's folders, the
theme's and the built-in ones), or the toolkit's own code. The toolkit is hashed from its files rather
than trusted to its version number, so a change to a reader between releases also remakes
what it would make differently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from publish import __version__
from publish.batch.plan import Job
from publish.bounded_read import read_limited
from publish.limits import MIB
from publish.resources import builtin_dir

_PACKAGE = Path(__file__).resolve().parent.parent
FOLDER_FILE_BYTES = 64 * MIB
"""A template, stylesheet or theme file (a font among them: the CJK face is 16 MB)."""


_COORDINATOR = ("api", "catalogue", "cluster", "command", "keys", "manifest", "opds", "pool", "progress", "remote")
_NOT_IN_BOOKS = {
    *(f"batch/{name}.py" for name in (*_COORDINATOR, "report", "runner", "tree")),
    *("__main__.py", "cli.py", "audit.py", "audit_source.py"),
}
"""Code that runs, records, reports or checks, and is in no book's bytes (the command line's
choices reach a book through its options, which are keyed themselves)."""


@cache
def toolkit() -> str:
    """The toolkit's fingerprint: its version, the code that makes books, the built-in
    templates and stylesheets of books (the catalogue's look has a key of its own)."""
    code = [path for path in _PACKAGE.rglob("*.py") if path.relative_to(_PACKAGE).as_posix() not in _NOT_IN_BOOKS]
    files = [*code, *_files(builtin_dir("templates")), *_files(builtin_dir("styles"))]
    return digest([__version__.encode(), *(_entry(path) for path in sorted(files))])


def folder(path: Path | None) -> str:
    """A user's templates or styles folder, by the content of what books are made with ("" for none)."""
    files = sorted(_files(path))
    return digest(_entry(file) for file in files) if files else ""


def theme(folder: Path | None) -> str:
    """A theme, by the content of the files books are made with in it and in the themes it
    extends ("" for classic, which ``toolkit`` covers): a changed theme file remakes the books."""
    from publish.themes import chain

    entries = []
    for number, root in enumerate(chain(folder)):
        files = [*_files(root / "templates"), *_files(root / "styles"), root / "theme.toml"]
        for path in sorted(path for path in files if path.is_file()):
            entries.append(f"{number}/{path.relative_to(root).as_posix()}".encode() + b"\0" + _read(path))
    return digest(entries) if entries else ""


def output_key(kind: str, job: Job, digests: Mapping[str, str], made_with: str) -> str:
    """The key of one kind of file of one book; ``made_with``: the toolkit's and the user
    folders' fingerprints and the settings' fingerprint for that kind (``BookSettings.fingerprint``)."""
    inputs = (f"{path}\0{digests[path]}".encode() for path in job.inputs)
    return digest([f"{made_with}\0{kind}\0{job.kind.value}\0{job.stem}".encode(), *inputs])


def _files(folder: Path | None) -> list[Path]:
    """The files of a templates or styles folder that books are made with: not the catalogue's."""
    if folder is None or not folder.is_dir():
        return []
    return [
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.relative_to(folder).parts[0] != "catalogue"
        and path.name not in ("catalogue.css", "catalogue.extra.css")
    ]


def _entry(path: Path) -> bytes:
    return path.name.encode() + b"\0" + _read(path)


def _read(path: Path) -> bytes:
    """A template, stylesheet or theme file, through the bounded reader: a FIFO put in a user's
    styles folder is refused in one line, not waited on, and a huge file is not read."""
    return read_limited(path, FOLDER_FILE_BYTES, what="template or stylesheet")


def digest(parts: Iterable[bytes]) -> str:
    """One hex digest of ``parts``, each length-prefixed so that no two lists of parts collide."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()
