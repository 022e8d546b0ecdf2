"""Book covers: a typographic cover drawn locally, or a user's own image checked and passed on.

``cover_image`` sets the author, title, subtitle and year of a book on a solid colour field in
the book faces (Source Serif Pro and Source Sans Pro, from their pip packages, see ``fonts``),
in the manner of a publisher's pamphlet series: author in tracked capitals under a thin rule,
a large serif title that wraps on word boundaries and shrinks in steps until it fits, the year,
and the series line "Marxists Internet Archive" at the foot. The result is a 1600×2400 PNG,
byte-identical for the same input on the same installation (no timestamps, fixed compression).

Scripts: the Source faces cover Latin (with the diacritics of European languages and
Esperanto), Greek and Cyrillic; Noto Sans CJK, if its optional package is installed, Chinese,
Japanese and Korean. Only those installed faces are used, never a system font (a book is made
from what the set-up installs). Characters they lack (Arabic, Hebrew, Devanagari …, or CJK
without the package) appear as the font's "missing glyph" box: the cover is made, never an
exception, and ``missing_characters`` names them so that a caller can leave such a cover
out. A block whose first strong letter is Arabic or Hebrew is ranged right. "The same
installation" matters: whether Pillow has libraqm (kerning, shaping) changes the pixels.

``user_cover`` accepts a cover the user supplies: a readable JPEG or PNG file, or a
``PublishError`` naming the file and what is wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image

from publish.model import Metadata
from publish.render.cover_canvas import ROW_START, RULE, STRIDE, Canvas, draw_block, draw_rule, png, ramp
from publish.render.cover_faces import missing_letters
from publish.render.cover_palettes import PALETTES, Palette, contrast_ratio, palette_for, relative_luminance, rgb
from publish.render.cover_setting import (
    AUTHOR,
    COLLECTION,
    DATE,
    HEIGHT,
    MARGIN,
    SERIES_STYLE,
    SUBTITLE,
    TITLE,
    WIDTH,
    Style,
    file_for,
    prepare,
    set_text,
    text_direction,
)
from publish.render.translations import join_names, translations
from publish.render.user_cover import CoverFile, user_cover

__all__ = [
    "HEIGHT", "MARGIN", "MEDIA_TYPE", "PALETTES", "SERIES", "THUMBNAIL_SCALE", "WIDTH",
    "CoverFile", "CoverImages", "CoverText", "Palette",
    "contrast_ratio", "cover_image", "display_date", "missing_characters", "palette_for",
    "relative_luminance", "render_cover", "render_cover_images", "user_cover",
]  # fmt: skip

MEDIA_TYPE = "image/png"
SERIES = "Marxists Internet Archive"
_TOP = 190
_BOTTOM = 150


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverText:
    """What a cover says. ``author`` is the credit line as set (several authors already joined)."""

    title: str
    author: str
    language: str
    date: str | None = None
    subtitle: str | None = None
    collection: str | None = None

    @classmethod
    def from_metadata(cls, metadata: Metadata) -> CoverText:
        return cls(
            title=metadata.title,
            author=join_names(metadata.authors, metadata.language),
            language=metadata.language,
            date=metadata.date or metadata.first_published or metadata.written,
            subtitle=metadata.subtitle,
            collection=metadata.collection,
        )


def cover_image(
    title: str,
    author: str,
    date: str | None = None,
    subtitle: str | None = None,
    language: str = "en",
    collection: str | None = None,
) -> bytes:
    """A 1600×2400 PNG cover for a book; see ``render_cover``."""
    return render_cover(
        CoverText(title=title, author=author, date=date, subtitle=subtitle, language=language, collection=collection)
    )


def display_date(date: str | None) -> str | None:
    """The year of an ISO 8601 date ("1919", "1980-04", "2002-06-08"); any other date as given."""
    if date is None or not date.strip():
        return None
    match = re.fullmatch(r"(\d{4})(-\d{2}(-\d{2})?)?", date.strip())
    return match.group(1) if match else " ".join(date.split())


def missing_characters(cover: CoverText) -> str:
    """The characters of a cover that no available font can draw (shown as boxes), in code-point order."""
    lacking: set[str] = set()
    for text, style in _blocks(cover):
        lacking.update(missing_letters(file_for(text, style), text))
    return "".join(sorted(lacking))


def _blocks(cover: CoverText) -> Iterator[tuple[str, Style]]:
    date = display_date(cover.date)
    for text, style in (
        (cover.author, AUTHOR),
        (cover.title, TITLE),
        (cover.subtitle, SUBTITLE),
        (date, DATE),
        (SERIES, SERIES_STYLE),
        (cover.collection, COLLECTION),
    ):
        if text and text.strip():
            yield prepare(text, style), style


# --- the cover ---------------------------------------------------------------------------

_SHORT_RULE = 240  # the length of the rule under the author
_AUTHOR_ROOM = 300  # most height the author line(s) may take


def render_cover(cover: CoverText) -> bytes:
    """The cover as PNG bytes: 1600×2400, the same bytes for the same input.

    Everything is drawn in one ink on one ground, so the picture is drawn as a grey mask (the
    ink's coverage, antialiasing included) and saved with a 256-step palette from ground to
    ink: the same pixels as an RGB picture, a third of the bytes to compress, several times
    faster to save.
    """
    return render_cover_images(cover, thumbnail=False).cover


THUMBNAIL_SCALE = 8
"""A catalogue's thumbnail is the cover at an eighth of its size: 200×300."""
_SMALL = (WIDTH // THUMBNAIL_SCALE, HEIGHT // THUMBNAIL_SCALE)


@dataclass(frozen=True, slots=True)
class CoverImages:
    cover: bytes
    """The 1600×2400 PNG ``render_cover`` makes."""
    thumbnail: bytes
    """The same picture at 200×300, for a catalogue's lists (empty if not asked for)."""


def render_cover_images(cover: CoverText, *, thumbnail: bool = True) -> CoverImages:
    """The cover and its thumbnail, drawn once: the thumbnail is the cover's own pixels reduced
    (each its 8×8 block's mean), in the same palette, reduced only where there is ink."""
    canvas = _paint(cover)
    palette = palette_for(cover.language, cover.collection)
    colours = ramp(rgb(palette.background), rgb(palette.text))
    try:
        small = png(_thumbnail(canvas), colours, _SMALL) if thumbnail else b""
        return CoverImages(cover=png(canvas.rows(), colours, (WIDTH, HEIGHT)), thumbnail=small)
    finally:
        canvas.release()


def _thumbnail(canvas: Canvas) -> list[bytes]:
    """The picture's rows at an eighth of its size, each led by its PNG filter byte (none)."""
    scale = THUMBNAIL_SCALE
    small = Image.new("L", _SMALL, 0)
    for top, bottom in canvas.bands():
        first, last = top // scale, min(_SMALL[1], -(-bottom // scale))
        box = (ROW_START, first * scale, STRIDE, last * scale)
        small.paste(canvas.image.reduce(scale, box=box), (0, first))
    data, width = small.tobytes(), _SMALL[0]
    return [b"\0" + data[row * width : (row + 1) * width] for row in range(_SMALL[1])]


def _paint(cover: CoverText) -> Canvas:
    canvas = Canvas()
    ink = 255
    language = cover.language

    # Foot, from the bottom up: series line, collection, rule.
    series = set_text(SERIES, SERIES_STYLE, 100, language)
    series_top = HEIGHT - _BOTTOM - series.height
    draw_block(canvas, series, series_top, ink)
    foot_rule = series_top - 44
    if cover.collection and cover.collection.strip():
        collection = set_text(cover.collection, COLLECTION, 100, language)
        foot_rule -= collection.height + 20
        draw_block(canvas, collection, series_top - 24 - collection.height, ink)
    draw_rule(canvas, MARGIN, foot_rule, WIDTH - 2 * MARGIN)

    # Head: author, rule.
    y: float = _TOP
    if cover.author.strip():
        author = set_text(cover.author, AUTHOR, _AUTHOR_ROOM, language)
        y = draw_block(canvas, author, y, ink) + 40
    draw_rule(canvas, WIDTH - MARGIN - _SHORT_RULE if text_direction(cover.title) == "rtl" else MARGIN, y, _SHORT_RULE)
    y += RULE + 110

    # Body: title, subtitle, date, in the room left between head and foot.
    bottom = foot_rule - 110
    date_text = display_date(cover.date)
    date = set_text(date_text, DATE, 100, language) if date_text else None
    reserve = (date.height + 90) if date else 0.0
    subtitle = None
    if cover.subtitle and cover.subtitle.strip():
        subtitle = set_text(cover.subtitle, SUBTITLE, (bottom - y - reserve) * 0.35, language)
        reserve += subtitle.height + 56
    named = cover.title if cover.title.strip() else translations(language).gettext("Untitled")
    title = set_text(named, TITLE, bottom - y - reserve, language)
    y = draw_block(canvas, title, y, ink)
    if subtitle is not None:
        y = draw_block(canvas, subtitle, y + 56, ink)
    if date is not None:
        draw_block(canvas, date, y + 90, ink)
    return canvas
