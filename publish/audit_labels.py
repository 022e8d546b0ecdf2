"""The credit labels the audit may absorb, taken from the reader's own lexicon.

A credit line's labels ("Proofreader:", "Transcription/Markup:", "Fuente:") are on the page
and, once the reader has read the line, nowhere in the model but as the role or field they
name. The audit must know every label the reader accepts, or a page the reader read rightly
fails ("proofreader" lost); a second, hand-kept list would fall behind the lexicon as it
grows. So the words are read off the lexicon's label patterns, which are regular expressions
over a small, finite vocabulary: each pattern is expanded to the texts it matches, open parts
(``\\w+``, a run of any words) standing for no label word.

This reads the reader's vocabulary, not its decisions: which line is a credit line and which
words it holds is still the audit's own judgement (``audit_metadata``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from itertools import product
from re import _constants as constants  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

from publish.normalise.lexicon import Lexicon, combined
from publish.words import words

_OPEN = "\x00"
"""Stands for any text a pattern leaves open (``\\w+``): no word of a label, and a word break."""
_MAX_TEXTS = 4096
"""A pattern that matches more texts than this is not a label's (none comes near)."""

_PATTERN_FIELDS = (
    "last_updated", "written", "delivered", "source", "published", "published_plain", "rights", "qualifiers",
    "dedications",
)  # fmt: skip
"""Lexicon fields of label patterns (besides ``roles``)."""
_WORD_FIELDS = ("published_joins", "label_joins", "credit_by", "name_ends", "articles", "list_and", "date_glue")
"""Lexicon fields of plain words that join a label to its names or date ("Marked up by … for the
MIA", "Written on 8 June")."""


def label_texts(lexicon: Lexicon) -> list[str]:
    """Every text a label pattern of ``lexicon`` matches, open parts as ``_OPEN``."""
    patterns = [label for _, label in lexicon.roles]
    patterns += [pattern for name in _PATTERN_FIELDS for pattern in getattr(lexicon, name)]
    patterns += [re.escape(word) for name in _WORD_FIELDS for word in getattr(lexicon, name)]
    return [text for pattern in patterns for text in expand(pattern)]


@cache
def label_words() -> frozenset[str]:
    """The words of every label the reader knows, in every language it knows (normalised as ``words``)."""
    return frozenset(word for text in label_texts(combined()) for word in words(text.replace(_OPEN, " ")))


def expand(pattern: str) -> list[str]:
    """The texts ``pattern`` matches (case as written), open parts as ``_OPEN``; ValueError if too many."""
    texts = _sequence(parser.parse(pattern, re.IGNORECASE))
    return sorted(texts)


def _sequence(items: Iterable[tuple[object, object]]) -> set[str]:
    texts = {""}
    for op, value in items:
        choices = _item(op, value)
        texts = {left + right for left, right in product(texts, choices)}
        if len(texts) > _MAX_TEXTS:
            raise ValueError("a pattern that matches too many texts to be a label")
    return texts


def _item(op: object, value: object) -> set[str]:
    if op is constants.LITERAL:
        return {chr(value)}  # type: ignore[arg-type]
    if op is constants.IN:
        return _class(value)  # type: ignore[arg-type]
    if op is constants.SUBPATTERN:
        return _sequence(value[-1])  # type: ignore[index]
    if op is constants.BRANCH:
        return {text for branch in value[1] for text in _sequence(branch)}  # type: ignore[index]
    if op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
        low: int = value[0]  # type: ignore[index]
        high: int = value[1]  # type: ignore[index]
        return _repeat(low, high, _sequence(value[2]))  # type: ignore[index]
    if op is constants.CATEGORY:
        return {" "} if value is constants.CATEGORY_SPACE else {_OPEN}
    if op in (constants.AT, constants.ASSERT, constants.ASSERT_NOT):
        return {""}
    return {_OPEN}  # any character, a back-reference: nothing a label word is made of


def _class(members: list[tuple[object, object]]) -> set[str]:
    """A character class: its characters, a space for ``\\s``; open if it holds a range or ``\\w``."""
    chars: set[str] = set()
    for op, value in members:
        if op is constants.LITERAL:
            chars.add(chr(value))  # type: ignore[arg-type]
        elif op is constants.CATEGORY and value is constants.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return {_OPEN}
    return chars


def _repeat(low: int, high: int, inner: set[str]) -> set[str]:
    """``inner`` repeated: optional parts both ways, runs of spaces as one, other runs open."""
    if inner <= {" ", ""}:
        return {" "}  # a space where the text may have one: "transcription / markup" is three words
    if high == 1:
        return inner | ({""} if low == 0 else set())
    if inner == {_OPEN}:
        return {_OPEN} if low else {"", _OPEN}
    return {_OPEN}  # "(?:\w+\s+){0,2}": a run of any words
