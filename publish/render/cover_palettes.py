"""The covers' colours: a palette per language or collection, every one legible (WCAG contrast).

A reader knows a series by its colour: a language keeps its colour from book to book, and a
collection (a column, a correspondence) gets its own by a checksum of its name.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass


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


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
