"""The pictures a book shows, taken from the input's own folder and checked before packaging.

An archive page names its pictures by relative URL (``../img/lenin.jpg``). An e-book must
carry them, but only from where the page lives: nothing is fetched from the network, nothing
is read outside the input's folder, and a file that is missing, damaged or of a kind e-book
readers cannot show is left out with a diagnostic naming it (the book then describes the
picture in words, from its alt text). Every picture is decoded in full before it is taken:
a truncated JPEG would otherwise pass into the book and fail in the reader.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from publish.bounded_read import read_limited
from publish.errors import Diagnostic, PublishError, Severity
from publish.limits import DEFAULT, Limits
from publish.urls import split, unquote

# EPUB 3.3's core image types that Pillow can check (SVG would need its own checks).
_MEDIA_TYPES = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "GIF": ("image/gif", "gif"),
    "WEBP": ("image/webp", "webp"),
}


@dataclass(frozen=True, slots=True)
class Picture:
    file_name: str  # inside the book, e.g. "images/1.jpg"
    media_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Pictures:
    found: dict[str, Picture]  # by the source the model names
    diagnostics: tuple[Diagnostic, ...]

    @property
    def files(self) -> list[Picture]:
        """Each file once (two sources may name the same file), in the order first shown."""
        return list({picture.file_name: picture for picture in self.found.values()}.values())


def gather(sources: Iterable[str], base_dir: Path | None, where: str, *, limits: Limits = DEFAULT) -> Pictures:
    """Each distinct source that can be packaged, numbered in the order the book shows them;
    a file over ``limits.picture_bytes`` is left out unread."""
    found: dict[str, Picture] = {}
    left_out: dict[str, list[str]] = {}  # sources, by why they are left out
    seen: set[str] = set()
    by_path: dict[Path, Picture] = {}
    for source in sources:
        if source in seen:
            continue
        seen.add(source)
        path, why = _locate(source, base_dir)
        if path is not None and path in by_path:  # two spellings of one file: packaged once
            found[source] = by_path[path]
            continue
        picture = None
        if path is not None:
            picture, why = _load(path, f"images/{len(by_path) + 1}", limits)
        if picture is None:
            left_out.setdefault(why, []).append(source)
            continue
        assert path is not None
        found[source] = by_path[path] = picture
    diagnostics = [_left_out(sources, why, where) for why, sources in left_out.items()]
    return Pictures(found=found, diagnostics=tuple(diagnostics))


def _left_out(sources: list[str], why: str, where: str) -> Diagnostic:
    """One line per cause, however many pictures share it (a page of 60 photographs whose
    files were not mirrored would otherwise bury every other message)."""
    if len(sources) == 1:
        message = f"the picture {sources[0]} is described in words, not shown: {why}"
    else:
        named = ", ".join(sources[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
        message = f"{len(sources)} pictures are described in words, not shown ({named}): {why}"
    return Diagnostic(code="E001", severity=Severity.WARNING, where=where, message=message)


def _locate(source: str, base_dir: Path | None) -> tuple[Path | None, str]:
    """The file a relative URL names inside ``base_dir``, or why there is none to read."""
    parts = split(source.strip())
    if parts is None:
        return None, "its address is malformed"
    if parts.scheme or parts.netloc:
        return None, "it is not in the input's folder (nothing is downloaded)"
    if base_dir is None:
        return None, "no input folder was given to take pictures from"
    if not parts.path:
        return None, "the picture has no file name"
    root = base_dir.resolve()
    path = (root / unquote(parts.path)).resolve()
    if path != root and root not in path.parents:
        return None, "it is outside the input's folder"
    if not path.is_file():
        return None, "there is no such file beside the input"
    return path, ""


def _load(path: Path, stem: str, limits: Limits) -> tuple[Picture | None, str]:
    """The picture at ``path`` (resolved inside the input's folder, so a link there is not
    followed), read only if a regular file within the limit, and decoded in full; Pillow's
    decompression-bomb warning is a reason to leave it out, never a raw warning on stderr."""
    try:
        data = read_limited(path, limits.picture_bytes, what="picture", follow=False)
    except PublishError as error:
        why = error.cause  # "2.0 GB, over the …", "a FIFO, not a regular file", "no such file"
        return None, f"the file is {why}" if why[:1].isdigit() or why.startswith("a ") else why
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                kind = image.format
                image.load()  # decodes every byte: a damaged file is found here, not in a reader
    except UnidentifiedImageError:
        return None, "it is not a picture file that can be read"
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return None, f"it has more pixels than Pillow decodes safely ({Image.MAX_IMAGE_PIXELS})"
    except (OSError, SyntaxError, ValueError) as error:
        return None, f"the file is damaged or cannot be read ({error})"
    if kind not in _MEDIA_TYPES:
        return None, f"{kind} pictures cannot be shown by e-book readers; convert it to PNG or JPEG"
    media_type, extension = _MEDIA_TYPES[kind]
    return Picture(file_name=f"{stem}.{extension}", media_type=media_type, data=data), ""
