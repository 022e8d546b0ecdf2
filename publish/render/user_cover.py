"""A cover the user supplies: a readable JPEG or PNG file, or a ``PublishError`` naming the
file and what is wrong with it."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from publish.bounded_read import read_limited
from publish.errors import PublishError
from publish.limits import DEFAULT, Limits

_MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True, slots=True)
class CoverFile:
    data: bytes
    media_type: str  # "image/jpeg" or "image/png"
    width: int
    height: int


def user_cover(path: str | Path, *, limits: Limits = DEFAULT) -> CoverFile:
    """A cover the user supplies, checked to be a JPEG or PNG that decodes in full: read only
    from a regular file (``--cover /dev/zero`` or a FIFO is refused, not read without end) of at
    most ``limits.cover_bytes``, and within Pillow's decompression-bomb limit."""
    name = str(path)
    data = read_limited(path, limits.cover_bytes, what="cover")
    if not data:
        raise PublishError(name, "the cover image is an empty file")
    try:
        with warnings.catch_warnings():  # Pillow warns of a bomb before its error: refused alike
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            kind, width, height = _decoded(data)
    except UnidentifiedImageError as error:
        raise PublishError(name, "the cover is not an image Pillow can read (use a JPEG or PNG)") from error
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise PublishError(name, f"the cover image has too many pixels to decode safely ({error})") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise PublishError(name, f"the cover image is damaged or truncated ({error})") from error
    if kind not in _MEDIA_TYPES:
        raise PublishError(name, f"the cover is a {kind} image; use a JPEG or PNG")
    return CoverFile(data=data, media_type=_MEDIA_TYPES[kind], width=width, height=height)


def _decoded(data: bytes) -> tuple[str | None, int, int]:
    """The picture's format and size, once every byte of it has been decoded."""
    with Image.open(BytesIO(data)) as probe:
        kind = probe.format
        probe.verify()
    with Image.open(BytesIO(data)) as image:
        image.load()
        width, height = image.size
    return kind, width, height
