"""Setting a cover's text: wrapping on word boundaries, balancing lines and shrinking in steps
until a block fits the measure, the line limit and the room it is given.

Letter-spaced lines (the author, the series line) are measured cluster by cluster; scripts
that need shaping are never letter-spaced. A block whose first strong letter is Arabic or
Hebrew is ranged right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice

from PIL import ImageFont

from publish.render.cover_faces import LAYOUT, FontFile, face_path, font_at, missing_letters
from publish.render.fonts import cjk_face, has_cjk

WIDTH = 1600
HEIGHT = 2400

# Page geometry, in pixels: the text measure is WIDTH - 2 * MARGIN wide.
MARGIN = 150
MEASURE = WIDTH - 2 * MARGIN


@dataclass(frozen=True, slots=True)
class Style:
    face: tuple[str, int, str]  # family, weight, style
    sizes: tuple[int, ...]  # tried largest first
    leading: float  # line distance, in ems
    tracking: float = 0.0  # extra space between letters, in ems
    capitals: bool = False
    max_lines: int = 99


AUTHOR = Style(("Source Sans Pro", 600, "normal"), (58, 52, 46, 42, 38, 34, 30), 1.3, 0.12, True, 4)
TITLE = Style(
    ("Source Serif Pro", 700, "normal"),
    (232, 208, 184, 168, 152, 140, 128, 116, 104, 96, 88, 80, 72, 64, 58, 52),
    1.06,
    max_lines=7,
)
SUBTITLE = Style(("Source Serif Pro", 400, "italic"), (64, 58, 52, 48, 44, 40, 36), 1.25, max_lines=4)
DATE = Style(("Source Sans Pro", 400, "normal"), (60, 52, 44, 38), 1.2, 0.08, max_lines=1)
SERIES_STYLE = Style(("Source Sans Pro", 600, "normal"), (32, 28, 24), 1.3, 0.16, True, 1)
COLLECTION = Style(("Source Sans Pro", 400, "normal"), (32, 28, 24), 1.3, 0.04, max_lines=2)


def file_for(text: str, style: Style) -> FontFile:
    """The style's face, or the face that lacks fewest of the text's letters: its upright
    (Source Serif Pro's italic has no Cyrillic or Greek: a roman subtitle beats boxes), then
    the CJK face if it is installed (Chinese, Japanese and Korean titles)."""
    family, weight, slant = style.face
    file = FontFile(face_path(family, weight, slant))
    if not missing_letters(file, text):
        return file
    cjk = cjk_face()
    others = [
        *([FontFile(face_path(family, weight))] if slant != "normal" else []),
        *([FontFile(str(cjk.path))] if cjk is not None and has_cjk(text) else []),
    ]
    return min([file, *others], key=lambda candidate: len(missing_letters(candidate, text)))


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


def text_direction(text: str) -> str:
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


class Measure:
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


def _wrap(tokens: Sequence[tuple[str, str]], measure: Measure, width: float, most: int | None = None) -> list[str]:
    """Greedy wrap at the breaks ``_tokens`` finds; a piece wider than ``width`` is broken between letters.

    With ``most``, wrapping stops at ``most + 1`` lines: a block that long does not fit, and a
    cover shows at most a few lines, so a title of 25,000 words (or one word of a million
    letters) costs a few lines' measuring, not a layout of every word at every size."""
    return list(islice(_lines(tokens, measure, width), None if most is None else most + 1))


def _lines(tokens: Sequence[tuple[str, str]], measure: Measure, width: float) -> Iterator[str]:
    current = ""
    for joint, piece in tokens:
        trial = f"{current}{joint}{piece}" if current else piece
        if measure.fits(trial, width):
            current = trial
            continue
        if current:
            yield current
        current = ""
        for part in _break_piece(piece, measure, width):
            if current:
                yield current
            current = part
    if current:
        yield current


def _break_piece(piece: str, measure: Measure, width: float) -> Iterator[str]:
    if measure.fits(piece, width):
        yield piece
        return
    current = ""
    for cluster in _clusters(piece):
        if current and not measure.fits(current + cluster, width):
            yield current
            current = ""
        current += cluster
    if current:
        yield current


def _balance(tokens: Sequence[tuple[str, str]], measure: Measure, lines: list[str]) -> list[str]:
    """The same number of lines as greedy wrapping gives, made as even as that allows."""
    if len(lines) < 2:
        return lines
    widest = max(right - left for left, right in map(measure.extent, (piece for _, piece in tokens)))
    if widest > MEASURE:
        return lines
    low, high = max(widest, MEASURE / 2), float(MEASURE)
    best = lines
    for _ in range(6):  # to within 10 px of the narrowest measure: finer changes no break
        middle = (low + high) / 2
        trial = _wrap(tokens, measure, middle, most=len(lines))
        if len(trial) <= len(lines):
            best, high = trial, middle
        else:
            low = middle
    return best


@dataclass(frozen=True, slots=True)
class Setting:
    """One block of text fitted to the measure: its font, size and lines."""

    measure: Measure
    lines: tuple[str, ...]
    leading: float  # pixels
    direction: str

    @property
    def height(self) -> float:
        ascent, descent = self.measure.font.getmetrics()
        return ascent + descent + self.leading * (len(self.lines) - 1)


def prepare(text: str, style: Style) -> str:
    text = " ".join(text.split())
    return text.upper() if style.capitals else text


_LINE_CHARACTERS = 300
"""More letters than the widest line holds at any style's smallest size (about 200 narrow ones)."""


def _showable(text: str, style: Style) -> str:
    """``text`` cut to what ``style``'s lines could ever show, marked with an ellipsis if cut.

    Measuring a line costs time in its length, and a hostile title may be 25,000 words or one
    word of a million letters: cut, the rest of setting measures a few lines' worth, and the
    cut text still overflows the block, so the cover ends its last line with an ellipsis."""
    most = style.max_lines * _LINE_CHARACTERS
    return text if len(text) <= most else f"{text[:most]}…"


def set_text(text: str, style: Style, max_height: float, language: str) -> Setting:
    """The largest size at which ``text`` fits the measure, the line limit and ``max_height``.

    A size is taken only if no word has to be broken between letters, unless even the smallest
    size needs that. At the smallest size, lines that still do not fit are dropped and the last
    kept line ends in an ellipsis, so that nothing is ever drawn outside the page's margins.
    """
    text = _showable(prepare(text, style), style)
    file = file_for(text, style)
    lang = language if LAYOUT == ImageFont.Layout.RAQM and language else None
    tracking = style.tracking if _trackable(text) else 0.0
    tokens = _tokens(text)
    direction = text_direction(text)
    setting: Setting | None = None
    for size in style.sizes:
        measure = Measure(font_at(file, size), tracking * size, lang)
        lines = _wrap(tokens, measure, MEASURE, most=style.max_lines)
        setting = Setting(measure, tuple(lines), style.leading * size, direction)
        if (
            len(lines) <= style.max_lines
            and setting.height <= max_height
            and all(measure.fits(piece, MEASURE) for _, piece in tokens)  # every piece is on those lines
        ):
            return Setting(measure, tuple(_balance(tokens, measure, lines)), setting.leading, direction)
    assert setting is not None
    return _truncate(setting, style.max_lines, max_height)


def _truncate(setting: Setting, max_lines: int, max_height: float) -> Setting:
    ascent, descent = setting.measure.font.getmetrics()
    room = max(1, min(max_lines, int((max_height - ascent - descent) // setting.leading) + 1))
    if len(setting.lines) <= room:
        return setting
    last = setting.lines[room - 1]
    while last and not setting.measure.fits(f"{last}…", MEASURE):
        last = last[:-1]
    lines = (*setting.lines[: room - 1], f"{last.rstrip(' ,;:.')}…")
    return Setting(setting.measure, lines, setting.leading, setting.direction)
