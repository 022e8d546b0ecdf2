"""The installed faces a cover is set in, and which letters each can draw.

Only the faces the set-up installs are used (never a system font); a letter a face lacks is
found by comparing its mask with that of the "missing glyph", so a cover can name the letters
it would draw as boxes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from PIL import ImageFont, features

from publish.errors import PublishError
from publish.render.fonts import font_faces

LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
"""Kerning and shaping with libraqm when Pillow has it (it changes the pixels)."""


def face_path(family: str, weight: int, style: str = "normal") -> str:
    for face in font_faces():
        if face.family == family and face.weight == weight and face.style == style:
            return str(face.path)
    raise PublishError(family, f"the font {family} {weight} {style} is not installed (pip package missing?)")


@dataclass(frozen=True, slots=True)
class FontFile:
    path: str
    index: int = 0


@cache
def font_at(file: FontFile, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(file.path, size, index=file.index, layout_engine=LAYOUT)


@cache
def _probe(file: FontFile) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(file.path, 32, index=file.index, layout_engine=ImageFont.Layout.BASIC)


@cache
def _notdef_mask(file: FontFile) -> bytes:
    return bytes(_probe(file).getmask("\U0010ffff"))


@cache
def _has_glyph(file: FontFile, char: str) -> bool:
    return bytes(_probe(file).getmask(char)) != _notdef_mask(file)


def _needs_glyph(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"})


def missing_letters(file: FontFile, text: str) -> str:
    return "".join(sorted({c for c in text if _needs_glyph(c) and not _has_glyph(file, c)}))
