"""The audit's metadata step: unmatched source words that the model holds as metadata, not text.

A credit line ("Transcribed by … for the Marxists' Internet Archive") or a dateline is on the
page and in the model, but in its metadata. A run of unmatched words that equals a stretch of
a metadata field is absorbed; labels only where they touch absorbed metadata. Dates are
compared in the forms a page writes them, month names from CLDR (Babel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from babel.dates import get_month_names

from publish.audit_labels import label_words
from publish.audit_source import SoftWord
from publish.isodates import ISO_DATE
from publish.model import Metadata
from publish.words import words

LABEL_WORDS = label_words()
"""The words of every credit label the reader knows, in every language (``audit_labels``)."""
_MONTHS = tuple(name.casefold() for _, name in sorted(get_month_names("wide", locale="en").items()))
_NOT_FROM_THE_PAGE = {"language", "origin", "identifier"}  # metadata fields that are no words of the page


def metadata_phrases(metadata: Metadata) -> list[list[str]]:
    """Every text the metadata holds, read off its fields so that a field added later counts too.

    An ISO date is given in the forms a page writes it; a contributor by name.
    """
    texts: list[str] = []
    for item in fields(metadata):
        if item.name in _NOT_FROM_THE_PAGE:
            continue
        value = getattr(metadata, item.name)
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str) and ISO_DATE.fullmatch(text):
                texts += _date_forms(text) + (_coarser_forms(text) if item.name == "date" else [])
            elif isinstance(text, str):
                texts.append(text)
            elif isinstance(getattr(text, "name", None), str):
                texts.append(text.name)
    return [phrase for text in texts if (phrase := words(text))]


def _date_forms(iso: str) -> list[str]:
    """The ways a page writes the date that metadata holds as ISO 8601, saying no less than it.

    A day's date is not matched by its bare year: "1991" alone in the source is more likely
    a word lost from the text than the "3 February 1991" that the metadata knows.
    """
    match = ISO_DATE.fullmatch(iso)
    if match is None:
        return [iso]
    year, month, day = match.groups()
    if month is None or not 1 <= int(month) <= len(_MONTHS):
        return [year]
    name = _MONTHS[int(month) - 1]
    if day is None:
        return [f"{name} {year}", f"{name[:3]} {year}", f"{int(month)} {year}"]
    forms = [iso]
    for shown in (str(int(day)), str(int(day)) + _ordinal_suffix(int(day))):
        forms += [f"{shown} {name} {year}", f"{name} {shown} {year}", f"{shown} {name[:3]} {year}"]
        forms += [f"{name[:3]} {shown} {year}", f"{shown} of {name} {year}"]
    for separator in (" ", "-", "."):
        forms += [separator.join((str(int(day)), str(int(month)), year)), separator.join((day, month, year))]
    return forms


def _coarser_forms(iso: str) -> list[str]:
    """The text's date may be the header's "(1929)" made precise by a "Written: 11 July 1929"
    line that agrees with it (``dates.consistent_refinement``): the header's year (or month)
    is then a form of that date as the page wrote it, not a word lost from the text."""
    parts = iso.split("-")
    return [form for end in range(1, len(parts)) for form in _date_forms("-".join(parts[:end]))]


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def absorb_metadata(source: Sequence[str], source_match: Sequence[int], metadata: Metadata) -> list[bool]:
    """Which unmatched source words the metadata accounts for (see the module's step 3)."""
    absorbed = [False] * len(source)
    index = _phrase_index(metadata_phrases(metadata))
    for run in _unmatched_runs(source, source_match):
        for i, taken in zip(run, _absorb_run([source[i] for i in run], index), strict=True):
            absorbed[i] = taken
    return absorbed


def _unmatched_runs(source: Sequence[str], source_match: Sequence[int]) -> list[list[int]]:
    """Positions of unmatched words in a row; soft words neither join nor break a run."""
    runs: list[list[int]] = [[]]
    for i, j in enumerate(source_match):
        if j >= 0:
            runs.append([])
        elif not isinstance(source[i], SoftWord):
            runs[-1].append(i)
    return [run for run in runs if run]


def _absorb_run(run: Sequence[str], index: _PhraseIndex) -> list[bool]:
    """The words of one unmatched run that are metadata, or none if the run is mostly not.

    A run counts as metadata when stretches of two words or more cover half of it, or when
    it is wholly metadata with lone words (a year, a one-word title) counted too; so a
    passage lost from the body is reported whole, not riddled by the author's name or a
    common phrase that happens to be in a title.
    """
    strict = _with_labels(run, _stretches(run, index, single=False))
    loose = _with_labels(run, _stretches(run, index, single=True))
    if all(loose) or 2 * sum(strict) >= len(run):
        return loose
    return [False] * len(run)


def _with_labels(run: Sequence[str], taken: list[bool]) -> list[bool]:
    """Label words touching absorbed metadata, directly or through other labels: a credit line's labels."""
    result = list(taken)
    for order in (range(1, len(run)), range(len(run) - 2, -1, -1)):
        for i in order:
            neighbour = i - 1 if order.step == 1 else i + 1
            if not result[i] and result[neighbour] and run[i] in LABEL_WORDS:
                result[i] = True
    return result


_PhraseIndex = tuple[list[list[str]], dict[str, list[tuple[int, int]]]]


def _phrase_index(phrases: list[list[str]]) -> _PhraseIndex:
    where: dict[str, list[tuple[int, int]]] = {}
    for number, phrase in enumerate(phrases):
        for position, word in enumerate(phrase):
            where.setdefault(word, []).append((number, position))
    return phrases, where


def _stretches(run: Sequence[str], index: _PhraseIndex, *, single: bool) -> list[bool]:
    """Greedy longest stretches of ``run`` found in a phrase: two words or more, or a whole one-word phrase."""
    phrases, where = index
    taken = [False] * len(run)
    i = 0
    while i < len(run):
        best = 0
        for number, position in where.get(run[i], ()):
            phrase = phrases[number]
            length = 1
            while i + length < len(run) and position + length < len(phrase):
                if run[i + length] != phrase[position + length]:
                    break
                length += 1
            if length >= 2 or (single and len(phrase) == 1):
                best = max(best, length)
        for offset in range(best):
            taken[i + offset] = True
        i += max(best, 1)
    return taken
