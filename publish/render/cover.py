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

import math
import re
import struct
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from isal import isal_zlib
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError, features

from publish.errors import PublishError
from publish.model import Metadata
from publish.render.fonts import cjk_face, font_faces, has_cjk

WIDTH = 1600
HEIGHT = 2400
MEDIA_TYPE = "image/png"
SERIES = "Marxists Internet Archive"

# Page geometry, in pixels: the text measure is WIDTH - 2 * MARGIN wide.
MARGIN = 150
_TOP = 190
_BOTTOM = 150
_MEASURE = WIDTH - 2 * MARGIN

_PNG_COMPRESSION = 1  # ISA-L's level 1: the cover is flat colour, and higher levels save little
# The picture is drawn one pixel to the right of a blank first column: in PNG data every row
# starts with its filter type, and 0 is "none", so the picture's bytes are the PNG's rows as
# they stand, with no copy to make.
_ROW_START = 1
_STRIDE = _ROW_START + WIDTH
_LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


# --- palettes ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Palette:
    """A colour field and the one colour all its type, rules and marks are set in."""

    name: str
    background: str
    text: str


PALETTES: tuple[Palette, ...] = (
    Palette("brick", "#B22A1E", "#FBF1DF"),
    Palette("ochre", "#E3A72F", "#1A1A1A"),
    Palette("navy", "#1E2B47", "#F3E9D2"),
    Palette("vermilion on black", "#141414", "#E8553A"),
    Palette("bottle green", "#2E4D3A", "#F1EAD6"),
    Palette("teal", "#1F5C5A", "#F4EEDF"),
    Palette("claret", "#7A1F2B", "#F6E7D0"),
    Palette("sky", "#C7DBE4", "#13223D"),
    Palette("plum", "#4A2444", "#F5E1E6"),
    Palette("orange", "#E4612A", "#161616"),
    Palette("red on paper", "#EFE7D6", "#A3231C"),
    Palette("yellow", "#F2C94C", "#1C1C1C"),
)

_BY_NAME = {palette.name: palette for palette in PALETTES}

# A fixed colour for the archive's commonest languages; any other language, and every
# collection, is given one by a stable checksum of its name.
_LANGUAGE_PALETTES = {
    "en": "brick",
    "es": "ochre",
    "fr": "navy",
    "de": "vermilion on black",
    "it": "bottle green",
    "pt": "teal",
    "ru": "claret",
    "el": "sky",
    "pl": "plum",
    "nl": "orange",
    "sv": "sky",
    "zh": "red on paper",
    "ja": "red on paper",
    "eo": "bottle green",
    "tr": "yellow",
}


def palette_for(language: str, collection: str | None = None) -> Palette:
    """The palette of a collection if there is one, else of the language (``"es-PE"`` is ``"es"``)."""
    if collection and collection.strip():
        return PALETTES[zlib.crc32(collection.strip().casefold().encode("utf-8")) % len(PALETTES)]
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    name = _LANGUAGE_PALETTES.get(primary)
    if name is not None:
        return _BY_NAME[name]
    return PALETTES[zlib.crc32(primary.encode("ascii", "replace")) % len(PALETTES)]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# --- input -------------------------------------------------------------------------------


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
            author=", ".join(metadata.authors),
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


# --- fonts -------------------------------------------------------------------------------


def _face(family: str, weight: int, style: str = "normal") -> str:
    for face in font_faces():
        if face.family == family and face.weight == weight and face.style == style:
            return str(face.path)
    raise PublishError(family, f"the font {family} {weight} {style} is not installed (pip package missing?)")


@dataclass(frozen=True, slots=True)
class _FontFile:
    path: str
    index: int = 0


@cache
def _font(file: _FontFile, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(file.path, size, index=file.index, layout_engine=_LAYOUT)


@cache
def _probe(file: _FontFile) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(file.path, 32, index=file.index, layout_engine=ImageFont.Layout.BASIC)


@cache
def _notdef_mask(file: _FontFile) -> bytes:
    return bytes(_probe(file).getmask("\U0010ffff"))


@cache
def _has_glyph(file: _FontFile, char: str) -> bool:
    return bytes(_probe(file).getmask(char)) != _notdef_mask(file)


def _needs_glyph(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zs", "Zl", "Zp"})


def _missing(file: _FontFile, text: str) -> str:
    return "".join(sorted({c for c in text if _needs_glyph(c) and not _has_glyph(file, c)}))


def _file_for(text: str, style: _Style) -> _FontFile:
    """The style's face, or the face that lacks fewest of the text's letters: its upright
    (Source Serif Pro's italic has no Cyrillic or Greek: a roman subtitle beats boxes), then
    the CJK face if it is installed (Chinese, Japanese and Korean titles)."""
    family, weight, slant = style.face
    file = _FontFile(_face(family, weight, slant))
    if not _missing(file, text):
        return file
    cjk = cjk_face()
    others = [
        *([_FontFile(_face(family, weight))] if slant != "normal" else []),
        *([_FontFile(str(cjk.path))] if cjk is not None and has_cjk(text) else []),
    ]
    return min([file, *others], key=lambda candidate: len(_missing(candidate, text)))


def missing_characters(cover: CoverText) -> str:
    """The characters of a cover that no available font can draw (shown as boxes), in code-point order."""
    lacking: set[str] = set()
    for text, style in _blocks(cover):
        lacking.update(_missing(_file_for(text, style), text))
    return "".join(sorted(lacking))


# --- text setting ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    face: tuple[str, int, str]  # family, weight, style
    sizes: tuple[int, ...]  # tried largest first
    leading: float  # line distance, in ems
    tracking: float = 0.0  # extra space between letters, in ems
    capitals: bool = False
    max_lines: int = 99


_AUTHOR = _Style(("Source Sans Pro", 600, "normal"), (58, 52, 46, 42, 38, 34, 30), 1.3, 0.12, True, 4)
_TITLE = _Style(
    ("Source Serif Pro", 700, "normal"),
    (232, 208, 184, 168, 152, 140, 128, 116, 104, 96, 88, 80, 72, 64, 58, 52),
    1.06,
    max_lines=7,
)
_SUBTITLE = _Style(("Source Serif Pro", 400, "italic"), (64, 58, 52, 48, 44, 40, 36), 1.25, max_lines=4)
_DATE = _Style(("Source Sans Pro", 400, "normal"), (60, 52, 44, 38), 1.2, 0.08, max_lines=1)
_SERIES = _Style(("Source Sans Pro", 600, "normal"), (32, 28, 24), 1.3, 0.16, True, 1)
_COLLECTION = _Style(("Source Sans Pro", 400, "normal"), (32, 28, 24), 1.3, 0.04, max_lines=2)


def _blocks(cover: CoverText) -> Iterator[tuple[str, _Style]]:
    date = display_date(cover.date)
    for text, style in (
        (cover.author, _AUTHOR),
        (cover.title, _TITLE),
        (cover.subtitle, _SUBTITLE),
        (date, _DATE),
        (SERIES, _SERIES),
        (cover.collection, _COLLECTION),
    ):
        if text and text.strip():
            yield _prepare(text, style), style


def _trackable(text: str) -> bool:
    """Letter-spacing draws clusters one by one; only scripts that need no shaping allow that."""
    return all(ord(c) < 0x0590 or 0x1D00 <= ord(c) <= 0x20CF for c in text)


def _clusters(text: str) -> list[str]:
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


_BREAK_AFTER = re.compile(r"(?<=[\w)][-‐–—/])(?=\w)")


def _tokens(text: str) -> list[tuple[str, str]]:
    """The pieces a line may break between, each with what joins it to the one before: a word
    boundary (" ") or, inside a compound, the point after a hyphen, dash or slash ("")."""
    tokens: list[tuple[str, str]] = []
    for word in text.split(" "):
        for i, piece in enumerate(_BREAK_AFTER.split(word)):
            tokens.append(("" if i else " ", piece))
    return tokens


def _direction(text: str) -> str:
    """ "rtl" if the first letter with a strong direction is Hebrew or Arabic, else "ltr"."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in {"R", "AL"}:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@cache
def _cluster_metrics(font: ImageFont.FreeTypeFont, cluster: str) -> tuple[float, float, float]:
    """A cluster's ink left and right edges and its advance."""
    left, _, right, _ = font.getbbox(cluster)
    return float(left), float(right), float(font.getlength(cluster))


class _Measure:
    """Ink extents of lines in one font at one size, with letter-spacing in pixels."""

    def __init__(self, font: ImageFont.FreeTypeFont, tracking: float, language: str | None) -> None:
        self.font, self.tracking, self.language = font, tracking, language
        self._extents: dict[str, tuple[float, float]] = {}

    def extent(self, line: str) -> tuple[float, float]:
        """The left and right edges of a line's ink, drawn from x = 0."""
        found = self._extents.get(line)
        if found is None:
            found = self._extents[line] = self._extent(line)
        return found

    def _extent(self, line: str) -> tuple[float, float]:
        if not self.tracking:
            left, _, right, _ = self.font.getbbox(line, language=self.language)
            return float(left), float(right)
        left = right = 0.0
        for i, (cluster, x) in enumerate(self.placed(line)):
            ink_left, ink_right, _ = _cluster_metrics(self.font, cluster)
            if i == 0:
                left = x + ink_left
            right = max(right, x + ink_right)
        return left, right

    def placed(self, line: str) -> Iterator[tuple[str, int]]:
        """The clusters of a letter-spaced line and where each is drawn, on whole pixels."""
        x = 0.0
        for cluster in _clusters(line):
            yield cluster, round(x)
            x += _cluster_metrics(self.font, cluster)[2] + self.tracking

    def fits(self, line: str, width: float) -> bool:
        left, right = self.extent(line)
        return right - left <= width


def _wrap(tokens: Sequence[tuple[str, str]], measure: _Measure, width: float) -> list[str]:
    """Greedy wrap at the breaks ``_tokens`` finds; a piece wider than ``width`` is broken between letters."""
    lines: list[str] = []
    current = ""
    for joint, piece in tokens:
        trial = f"{current}{joint}{piece}" if current else piece
        if measure.fits(trial, width):
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        for part in _break_piece(piece, measure, width):
            if current:
                lines.append(current)
            current = part
    if current:
        lines.append(current)
    return lines


def _break_piece(piece: str, measure: _Measure, width: float) -> list[str]:
    if measure.fits(piece, width):
        return [piece]
    parts: list[str] = []
    current = ""
    for cluster in _clusters(piece):
        if current and not measure.fits(current + cluster, width):
            parts.append(current)
            current = ""
        current += cluster
    if current:
        parts.append(current)
    return parts


def _balance(tokens: Sequence[tuple[str, str]], measure: _Measure, lines: list[str]) -> list[str]:
    """The same number of lines as greedy wrapping gives, made as even as that allows."""
    if len(lines) < 2:
        return lines
    widest = max(right - left for left, right in map(measure.extent, (piece for _, piece in tokens)))
    if widest > _MEASURE:
        return lines
    low, high = max(widest, _MEASURE / 2), float(_MEASURE)
    best = lines
    for _ in range(6):  # to within 10 px of the narrowest measure: finer changes no break
        middle = (low + high) / 2
        trial = _wrap(tokens, measure, middle)
        if len(trial) <= len(lines):
            best, high = trial, middle
        else:
            low = middle
    return best


@dataclass(frozen=True, slots=True)
class _Setting:
    """One block of text fitted to the measure: its font, size and lines."""

    measure: _Measure
    lines: tuple[str, ...]
    leading: float  # pixels
    direction: str

    @property
    def height(self) -> float:
        ascent, descent = self.measure.font.getmetrics()
        return ascent + descent + self.leading * (len(self.lines) - 1)


def _prepare(text: str, style: _Style) -> str:
    text = " ".join(text.split())
    return text.upper() if style.capitals else text


def _set(text: str, style: _Style, max_height: float, language: str) -> _Setting:
    """The largest size at which ``text`` fits the measure, the line limit and ``max_height``.

    A size is taken only if no word has to be broken between letters, unless even the smallest
    size needs that. At the smallest size, lines that still do not fit are dropped and the last
    kept line ends in an ellipsis, so that nothing is ever drawn outside the page's margins.
    """
    text = _prepare(text, style)
    file = _file_for(text, style)
    lang = language if _LAYOUT == ImageFont.Layout.RAQM and language else None
    tracking = style.tracking if _trackable(text) else 0.0
    tokens = _tokens(text)
    direction = _direction(text)
    setting: _Setting | None = None
    for size in style.sizes:
        measure = _Measure(_font(file, size), tracking * size, lang)
        lines = _wrap(tokens, measure, _MEASURE)
        setting = _Setting(measure, tuple(lines), style.leading * size, direction)
        whole = all(measure.fits(piece, _MEASURE) for _, piece in tokens)
        if whole and len(lines) <= style.max_lines and setting.height <= max_height:
            return _Setting(measure, tuple(_balance(tokens, measure, lines)), setting.leading, direction)
    assert setting is not None
    return _truncate(setting, style.max_lines, max_height)


def _truncate(setting: _Setting, max_lines: int, max_height: float) -> _Setting:
    ascent, descent = setting.measure.font.getmetrics()
    room = max(1, min(max_lines, int((max_height - ascent - descent) // setting.leading) + 1))
    if len(setting.lines) <= room:
        return setting
    last = setting.lines[room - 1]
    while last and not setting.measure.fits(f"{last}…", _MEASURE):
        last = last[:-1]
    lines = (*setting.lines[: room - 1], f"{last.rstrip(' ,;:.')}…")
    return _Setting(setting.measure, lines, setting.leading, setting.direction)


class _Canvas:
    """The cover's picture, and the bands of rows that anything was drawn on.

    Most of a cover is bare ground. Knowing where the ink is, the PNG's data is read out of
    the picture only there, and the rest is given as zeros without being copied; and a
    picture is used for cover after cover (one per thread), cleared only where it was inked:
    a new 4 MB picture each time cost more in fresh memory than the drawing itself.
    """

    _spare = threading.local()

    def __init__(self) -> None:
        image: Image.Image | None = getattr(self._spare, "image", None)
        self._spare.image = None
        self.image = image if image is not None else Image.new("L", (_STRIDE, HEIGHT), 0)
        self.draw = ImageDraw.Draw(self.image)
        self._inked: list[tuple[int, int]] = []

    def inked(self, top: float, bottom: float) -> None:
        """Rows ``top`` to ``bottom`` have ink (a margin of rows is added for rounding)."""
        self._inked.append((max(0, math.floor(top) - 2), min(HEIGHT, math.ceil(bottom) + 3)))

    def bands(self) -> list[tuple[int, int]]:
        return _merged(self._inked)

    def rows(self) -> Iterator[bytes | memoryview]:
        """The picture's bytes from top to bottom, in pieces."""
        y = 0
        for top, bottom in self.bands():
            yield from _blank((top - y) * _STRIDE)
            yield self.image.crop((0, top, _STRIDE, bottom)).tobytes()
            y = bottom
        yield from _blank((HEIGHT - y) * _STRIDE)

    def release(self) -> None:
        """Done with: cleared where it was inked, the picture is kept for the next cover."""
        for top, bottom in self.bands():
            self.image.paste(0, (0, top, _STRIDE, bottom))
        self._spare.image = self.image


def _merged(bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for top, bottom in sorted(bands):
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        elif top < bottom:
            merged.append((top, bottom))
    return merged


_ZEROS = memoryview(bytes(_STRIDE * 400))


def _blank(size: int) -> Iterator[memoryview]:
    while size > 0:
        piece = _ZEROS[: min(size, len(_ZEROS))]
        size -= len(piece)
        yield piece


def _draw(canvas: _Canvas, setting: _Setting, top: float, colour: int) -> float:
    """Draw a block with its first line's ascent at ``top``, ranged left (right for Arabic and
    Hebrew); return the y of its last line's descent."""
    font = setting.measure.font
    ascent, descent = font.getmetrics()
    baseline = top + ascent
    for line in setting.lines:
        left, right = setting.measure.extent(line)
        x = WIDTH - MARGIN - right if setting.direction == "rtl" else MARGIN - left
        _draw_line(canvas, setting.measure, line, x, baseline, colour)
        baseline += setting.leading
    return baseline - setting.leading + descent


def _draw_line(canvas: _Canvas, measure: _Measure, line: str, x: float, baseline: float, colour: int) -> None:
    x += _ROW_START
    if not measure.tracking:
        font, language = measure.font, measure.language
        _, top, _, bottom = font.getbbox(line, anchor="ls", language=language)
        canvas.inked(baseline + top, baseline + bottom)
        canvas.draw.text((x, baseline), line, font=font, fill=colour, anchor="ls", language=language)
        return
    left, base = round(x), round(baseline)
    for cluster, offset in measure.placed(line):
        if not cluster.isspace():
            mask, ink_left, ink_top = _glyph(measure.font, cluster)
            canvas.inked(base + ink_top, base + ink_top + mask.height)
            canvas.draw.bitmap((left + offset + ink_left, base + ink_top), mask, fill=colour)


def _rule(canvas: _Canvas, left: float, top: float, length: float) -> None:
    canvas.inked(top, top + _RULE)
    canvas.draw.rectangle((_ROW_START + left, top, _ROW_START + left + length - 1, top + _RULE - 1), fill=255)


@lru_cache(maxsize=4096)
def _glyph(font: ImageFont.FreeTypeFont, cluster: str) -> tuple[Image.Image, int, int]:
    """A letter-spaced cluster drawn once, with its ink's offset from the pen on the baseline.

    Tracked lines (the author, the series line) are drawn a cluster at a time; the same few
    dozen capitals recur on every cover, and drawing a cached mask is many times faster than
    having FreeType render the glyph again.
    """
    box = font.getbbox(cluster, anchor="ls")
    left, top, right, bottom = math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
    mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(mask).text((-left, -top), cluster, font=font, fill=255, anchor="ls")
    return mask, left, top


# --- the cover ---------------------------------------------------------------------------

_RULE = 4  # the rules' thickness
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
    ramp = _ramp(_rgb(palette.background), _rgb(palette.text))
    try:
        small = _png(_thumbnail(canvas), ramp, _SMALL) if thumbnail else b""
        return CoverImages(cover=_png(canvas.rows(), ramp, (WIDTH, HEIGHT)), thumbnail=small)
    finally:
        canvas.release()


def _thumbnail(canvas: _Canvas) -> list[bytes]:
    """The picture's rows at an eighth of its size, each led by its PNG filter byte (none)."""
    scale = THUMBNAIL_SCALE
    small = Image.new("L", _SMALL, 0)
    for top, bottom in canvas.bands():
        first, last = top // scale, min(_SMALL[1], -(-bottom // scale))
        box = (_ROW_START, first * scale, _STRIDE, last * scale)
        small.paste(canvas.image.reduce(scale, box=box), (0, first))
    data, width = small.tobytes(), _SMALL[0]
    return [b"\0" + data[row * width : (row + 1) * width] for row in range(_SMALL[1])]


def _paint(cover: CoverText) -> _Canvas:
    canvas = _Canvas()
    ink = 255
    language = cover.language

    # Foot, from the bottom up: series line, collection, rule.
    series = _set(SERIES, _SERIES, 100, language)
    series_top = HEIGHT - _BOTTOM - series.height
    _draw(canvas, series, series_top, ink)
    foot_rule = series_top - 44
    if cover.collection and cover.collection.strip():
        collection = _set(cover.collection, _COLLECTION, 100, language)
        foot_rule -= collection.height + 20
        _draw(canvas, collection, series_top - 24 - collection.height, ink)
    _rule(canvas, MARGIN, foot_rule, WIDTH - 2 * MARGIN)

    # Head: author, rule.
    y: float = _TOP
    if cover.author.strip():
        author = _set(cover.author, _AUTHOR, _AUTHOR_ROOM, language)
        y = _draw(canvas, author, y, ink) + 40
    _rule(canvas, WIDTH - MARGIN - _SHORT_RULE if _direction(cover.title) == "rtl" else MARGIN, y, _SHORT_RULE)
    y += _RULE + 110

    # Body: title, subtitle, date, in the room left between head and foot.
    bottom = foot_rule - 110
    date_text = display_date(cover.date)
    date = _set(date_text, _DATE, 100, language) if date_text else None
    reserve = (date.height + 90) if date else 0.0
    subtitle = None
    if cover.subtitle and cover.subtitle.strip():
        subtitle = _set(cover.subtitle, _SUBTITLE, (bottom - y - reserve) * 0.35, language)
        reserve += subtitle.height + 56
    title = _set(cover.title if cover.title.strip() else "Untitled", _TITLE, bottom - y - reserve, language)
    y = _draw(canvas, title, y, ink)
    if subtitle is not None:
        y = _draw(canvas, subtitle, y + 56, ink)
    if date is not None:
        _draw(canvas, date, y + 90, ink)
    return canvas


def _png(rows: Iterable[bytes | memoryview], palette: bytes, size: tuple[int, int]) -> bytes:
    """A palette PNG from the picture's bytes, each row led by its filter byte.

    Written here rather than by Pillow for speed: Pillow filters every row and compresses
    with zlib, 10 ms for a cover; ISA-L's deflate (``isal``) takes about 1 ms for the same
    picture, and the rows need no filter (a flat field compresses to nearly nothing).
    """
    header = struct.pack(">IIBBBBB", *size, 8, 3, 0, 0, 0)  # 8-bit palette, no interlace
    deflate = isal_zlib.compressobj(_PNG_COMPRESSION)
    data = b"".join([*(deflate.compress(piece) for piece in rows), deflate.flush()])
    chunks = [(b"IHDR", header), (b"PLTE", palette), (b"IDAT", data)]
    parts = [b"\x89PNG\r\n\x1a\n"]
    for kind, data in (*chunks, (b"IEND", b"")):
        parts += [struct.pack(">I", len(data)), kind, data, struct.pack(">I", zlib.crc32(kind + data))]
    return b"".join(parts)


@cache
def _ramp(ground: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    """256 colours from the ground (coverage 0) to the ink (coverage 255), as a PLTE chunk holds them."""
    return bytes(round(g + (i - g) * step / 255) for step in range(256) for g, i in zip(ground, ink, strict=True))


# --- a user's own cover ------------------------------------------------------------------

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
