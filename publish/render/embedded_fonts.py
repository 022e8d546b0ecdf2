"""The book face inside an e-book, cut down to the characters the book uses.

Reading systems set a book in their own default face unless the book brings one. Embedding
is an option (``--embed-font``): some readers prefer their device's face, and a whole family
would weigh a megabyte. Each face is subset with fontTools to the book's characters (tens of
kilobytes), saved without a fresh timestamp so the same book gives the same bytes, and the
face's licence (SIL Open Font License) travels in the book beside it, as the licence asks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from fontTools import subset
from fontTools.ttLib import TTFont

from publish.render.fonts import font_faces

_GENERIC = {"Source Sans Pro": "sans-serif"}
"""The generic family a face falls back on, where it is not serif."""
# The faces a book's text uses: roman, italic, bold (strong, headings) and bold italic.
_WANTED = {(400, "normal"), (400, "italic"), (700, "normal"), (700, "italic")}


@dataclass(frozen=True, slots=True)
class EmbeddedFace:
    file_name: str
    data: bytes
    weight: int
    style: str


@dataclass(frozen=True, slots=True)
class EmbeddedFonts:
    faces: tuple[EmbeddedFace, ...]
    licence: str
    css: str


def embedded_fonts(characters: str, family: str) -> EmbeddedFonts | None:
    """The book face (``family``, the theme's) subset to ``characters``; None when its font
    package is not installed."""
    faces = [face for face in font_faces() if face.family == family and (face.weight, face.style) in _WANTED]
    if not faces:
        return None
    wanted = sorted({ord(char) for char in characters if not char.isspace()} | {0x20, 0xA0})
    embedded = tuple(
        EmbeddedFace(
            file_name=f"fonts/{face.path.name}",
            data=_subset(face.path.read_bytes(), wanted),
            weight=face.weight,
            style=face.style,
        )
        for face in faces
    )
    licence_path = faces[0].path.parent / "LICENSE.txt"
    licence = licence_path.read_text(encoding="utf-8") if licence_path.is_file() else ""
    rules = [
        f'@font-face {{ font-family: "{family}"; src: url("{face.file_name}"); '
        f"font-weight: {face.weight}; font-style: {face.style}; }}"
        for face in embedded
    ]
    rules.append(f'body {{ font-family: "{family}", {_GENERIC.get(family, "serif")}; }}')
    return EmbeddedFonts(faces=embedded, licence=licence, css="\n".join(rules) + "\n")


def _subset(data: bytes, codepoints: list[int]) -> bytes:
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False  # screens render without it; it is most of a subset's weight
    options.name_IDs = ["*"]  # keep the copyright and licence names the OFL requires
    options.notdef_outline = True
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
