"""A cover the user supplies: a readable JPEG or PNG file, or a ``PublishError`` naming the
file and what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from publish.errors import PublishError

_MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True, slots=True)
class CoverFile:
    data: bytes
    media_type: str  # "image/jpeg" or "image/png"
    width: int
    height: int


def user_cover(path: str | Path) -> CoverFile:
    """A cover the user supplies, checked to be a JPEG or PNG that decodes in full."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise PublishError(name, f"cannot read the cover image ({error.strerror or error})") from error
    if not data:
        raise PublishError(name, "the cover image is an empty file")
    try:
        with Image.open(BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        with Image.open(BytesIO(data)) as image:
            image.load()
            width, height = image.size
    except UnidentifiedImageError as error:
        raise PublishError(name, "the cover is not an image Pillow can read (use a JPEG or PNG)") from error
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise PublishError(name, f"the cover image is damaged or truncated ({error})") from error
    if kind not in _MEDIA_TYPES:
        raise PublishError(name, f"the cover is a {kind} image; use a JPEG or PNG")
    return CoverFile(data=data, media_type=_MEDIA_TYPES[kind], width=width, height=height)
