"""The cover's picture: a grey mask of the ink drawn where the text was set, written as a
palette PNG from ground to ink.

Everything on a cover is one ink on one ground, so the picture is drawn as the ink's coverage
(antialiasing included) and saved with a 256-step palette: the same pixels as an RGB picture,
a third of the bytes to compress, several times faster to save.
"""

from __future__ import annotations

import math
import struct
import threading
import zlib
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from isal import isal_zlib
from PIL import Image, ImageDraw, ImageFont

from publish.render.cover_setting import HEIGHT, MARGIN, WIDTH, Measure, Setting

_PNG_COMPRESSION = 1  # ISA-L's level 1: the cover is flat colour, and higher levels save little
# The picture is drawn one pixel to the right of a blank first column: in PNG data every row
# starts with its filter type, and 0 is "none", so the picture's bytes are the PNG's rows as
# they stand, with no copy to make.
ROW_START = 1
STRIDE = ROW_START + WIDTH
RULE = 4  # the rules' thickness


class Canvas:
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
        self.image = image if image is not None else Image.new("L", (STRIDE, HEIGHT), 0)
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
            yield from _blank((top - y) * STRIDE)
            yield self.image.crop((0, top, STRIDE, bottom)).tobytes()
            y = bottom
        yield from _blank((HEIGHT - y) * STRIDE)

    def release(self) -> None:
        """Done with: cleared where it was inked, the picture is kept for the next cover."""
        for top, bottom in self.bands():
            self.image.paste(0, (0, top, STRIDE, bottom))
        self._spare.image = self.image


def _merged(bands: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for top, bottom in sorted(bands):
        if merged and top <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        elif top < bottom:
            merged.append((top, bottom))
    return merged


_ZEROS = memoryview(bytes(STRIDE * 400))


def _blank(size: int) -> Iterator[memoryview]:
    while size > 0:
        piece = _ZEROS[: min(size, len(_ZEROS))]
        size -= len(piece)
        yield piece


def draw_block(canvas: Canvas, setting: Setting, top: float, colour: int) -> float:
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


def _draw_line(canvas: Canvas, measure: Measure, line: str, x: float, baseline: float, colour: int) -> None:
    x += ROW_START
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


def draw_rule(canvas: Canvas, left: float, top: float, length: float) -> None:
    canvas.inked(top, top + RULE)
    canvas.draw.rectangle((ROW_START + left, top, ROW_START + left + length - 1, top + RULE - 1), fill=255)


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


def png(rows: Iterable[bytes | memoryview], palette: bytes, size: tuple[int, int]) -> bytes:
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
def ramp(ground: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    """256 colours from the ground (coverage 0) to the ink (coverage 255), as a PLTE chunk holds them."""
    return bytes(round(g + (i - g) * step / 255) for step in range(256) for g, i in zip(ground, ink, strict=True))
