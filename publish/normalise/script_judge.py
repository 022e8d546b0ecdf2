"""Whether a page labelled with a non-Latin charset really holds Latin-script text.

Pages of English, French … are labelled ``windows-1251`` or ``iso-8859-7`` by a copied
template; read as labelled, one accented letter becomes a Cyrillic or Greek letter inside a
Latin word ("sйances"). A real Russian or Greek page has whole words of that script. So the
words that hold high bytes are judged under the label: words mixing ASCII letters with letters
of the label's script are evidence the label lies, words wholly in its script that it tells
the truth. The label is overruled only when mixed words outnumber whole ones, the page's
letters are mostly Latin, and the page's declared language (its ``lang`` or its archive
folder) is not written in the label's script.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from publish.language_tags import script_of
from publish.normalise.language import from_path, normalise_tag

_HIGH_WORD = re.compile(rb"[A-Za-z\x80-\xff]*[\x80-\xff][A-Za-z\x80-\xff]*")
_LANG = re.compile(rb"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z_-]+)""", re.IGNORECASE)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
LATIN_CANDIDATE = "cp1252"  # Latin-1's superset: the charset of the archive's Latin pages


@dataclass(frozen=True, slots=True)
class Verdict:
    """The evidence that a label's script is not the page's, for the diagnostic."""

    label: str
    script: str
    mixed: int
    whole: int
    language: str | None

    def explain(self) -> str:
        language = f", declared language {self.language!r}" if self.language else ""
        return (
            f"page declares charset {self.label!r} ({self.script.lower()}) but its text is Latin-script:"
            f" {self.mixed} word(s) with high bytes mix Latin and {self.script.lower()} letters under that label,"
            f" {self.whole} are wholly {self.script.lower()}{language}; decoded as {LATIN_CANDIDATE}"
        )


def judge(data: bytes, label: str, where: str) -> Verdict | None:
    """A verdict against ``label`` if the page's words say its text is Latin-script, else None."""
    script = label_script(label)
    if script is None:
        return None
    mixed = whole = 0
    for match in _HIGH_WORD.finditer(data):
        letters = [char for char in match.group().decode(label, errors="replace") if char.isalpha()]
        in_script = sum(1 for char in letters if _script_of(char) == script)
        if not in_script:
            continue  # high bytes that are punctuation under the label (quotes, dashes)
        if in_script == len(letters):
            whole += 1
        elif any(char.isascii() for char in letters):
            mixed += 1
    if mixed <= whole:
        return None
    text = data.decode(label, errors="replace")
    latin = len(_ASCII_LETTER.findall(text))
    if latin <= sum(1 for char in text if char.isalpha() and _script_of(char) == script):
        return None
    declared = _declared_language(data, where)
    if declared is not None and script_of(declared) not in (None, "Latn"):
        return None
    return Verdict(label=label, script=script, mixed=mixed, whole=whole, language=declared)


@cache
def label_script(label: str) -> str | None:
    """The script of the letters a charset's high bytes stand for ("CYRILLIC"), None if Latin."""
    try:
        high = bytes(range(0x80, 0x100)).decode(label, errors="ignore")
    except LookupError:
        return None
    counts: dict[str, int] = {}
    for char in high:
        if char.isalpha():
            script = _script_of(char)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda script: counts[script])
    return None if best == "LATIN" else best


def _declared_language(data: bytes, where: str) -> str | None:
    by_folder = from_path(where)
    if by_folder:
        return by_folder
    match = _LANG.search(data[:4096])
    return normalise_tag(match.group(1).decode("ascii")) if match else None


@cache
def _script_of(char: str) -> str:
    """The first word of a letter's Unicode name: its script, near enough ("CYRILLIC", "GREEK")."""
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]
