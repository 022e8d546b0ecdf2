"""What a book's files are made from, as one hash each: the manifest's keys.

A file is remade when any of its makings changed: the content of any page it is made from,
the options its format depends on, the templates and stylesheets in use (a user's folders and
the built-in ones), or the toolkit's own code. The toolkit is hashed from its files rather
than trusted to its version number, so a change to a reader between releases also remakes
what it would make differently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from publish import __version__
from publish.batch.book import BookSettings
from publish.batch.plan import Job
from publish.resources import builtin_dir

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def toolkit() -> str:
    """The toolkit's fingerprint: its version, code, built-in templates and stylesheets."""
    files = [*_PACKAGE.rglob("*.py"), *_files(builtin_dir("templates")), *_files(builtin_dir("styles"))]
    return _hash([__version__.encode(), *(_entry(path) for path in sorted(files))])


def folder(path: Path | None) -> str:
    """A user's templates or styles folder, by content ("" for none)."""
    return _hash(_entry(file) for file in sorted(_files(path))) if path is not None else ""


def output_key(kind: str, job: Job, digests: Mapping[str, str], settings: BookSettings, tools: str) -> str:
    """The key of one format's files of one book; ``tools``: the toolkit's and user folders' fingerprint."""
    inputs = (f"{path}\0{digests[path]}".encode() for path in job.inputs)
    made = f"{tools}\0{kind}\0{job.kind.value}\0{job.stem}\0{settings.fingerprint(kind)}".encode()
    return _hash([made, *inputs])


def _files(folder: Path | None) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder is not None and folder.is_dir() else []


def _entry(path: Path) -> bytes:
    return path.name.encode() + b"\0" + path.read_bytes()


def _hash(parts: Iterable[bytes]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()
