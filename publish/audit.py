"""The fidelity audit: did every word of a page reach the model, and nothing else?

"No word of the body may be lost or garbled" is the project's first promise; this module
checks it for one page independently of the reader's decisions. The page's visible words
minus the site's furniture (``audit_source``) must equal, word for word and in order, the
words of the model: its text stream (body, then notes) and its metadata.

How the two are compared, and why:

1. The source words are aligned with the body's words of the model's text stream.
   ``difflib.SequenceMatcher`` is quadratic in the frequent words ("the" occurs thousands
   of times in a long chapter), so the alignment is a patience diff: the common prefix and
   suffix are matched outright, words occurring once on each side (else as rarely on both)
   anchor the match, and the stretches between anchors are aligned the same way, down to
   small stretches where ``SequenceMatcher`` is cheap. A 40,000-word chapter aligns in a
   tenth of a second. Matches of one or two words stranded among unmatched words on both
   sides are dropped as chance, and a match won by a soft word (below) goes to its twin
   in the text nearby.
2. Notes may sit anywhere in a page (at its end, after each section), while the model keeps
   them at their call and the stream puts them after the body. So the notes' words are
   aligned with the source words the body left unmatched, in rounds, since notes set in
   several places come in another order than their calls: a note's text may move, body
   text may not.
3. Soft words (note calls, a "Notes" heading, alt text: see ``audit_source``) that are
   left are paired with what the model kept of them between the same matched words; those
   still left are not reported, on either side.
4. Source words still unmatched may be metadata: a run of them that equals a stretch of a
   metadata field (two words or more, or the whole field) is absorbed. Dates are compared
   in their human forms ("8 June 2002", "June 8, 2002", "13.11.2003") since metadata holds
   ISO dates. Credit labels ("Transcription:", "Marked up by … for the Marxists' Internet
   Archive", "Source:") are absorbed only from ``LABEL_WORDS``, and only where they touch
   absorbed metadata: in a credit line, never in a sentence of the body. (Touching is a
   stricter test than "in the header or footer region": note texts sit in the footer, and
   a reader that keeps the title heading in the body would end the header at the title.)
   A run that is mostly not metadata is reported whole.
5. What remains is missing (source words) or extra (stream words), grouped into runs.

Known blind spot: a word lost on its own that equals a whole one-word metadata field (a
bare year when the metadata date is a year, a one-word title) is taken for that field.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from itertools import pairwise
from typing import get_args

from publish.audit_source import SoftWord, fast_words, source_words
from publish.model import Document, Figure, Inline, LineBreak, Metadata, Note, PageMarker, Superscript, Text
from publish.model_walk import Node, parts
from publish.normalise import read
from publish.words import words

__all__ = ["AuditResult", "WordGap", "audit", "compare", "model_words", "source_words"]

LABEL_WORDS = frozenset(
    words(
        "transcription transcribed transcriber transcription/markup html markup marked up marked-up re-marked by "
        "for the marxists' internet archive mia etol from on in at of and "
        "source first published written delivered translated translation translator edited editor "
        "proofread proofreading proofed corrected original online version public domain copyleft "
        # the same labels as the archive's other language sections write them
        "fuente escrito traducido traducción transcripción publicado "
        "fonte scritto tradotto trascrizione pubblicato skrifaður fyrstur útgefandi heimild í"
    )
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_NOT_FROM_THE_PAGE = {"language", "origin", "identifier"}  # metadata fields that are no words of the page
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MOVED_RUN = 3  # note words in a row that count as a match (fewer: only a whole note)
_NOTE_ROUNDS = 8  # notes set in that many places, out of the order of their calls, are still found
_TWIN_REACH = 40  # words between soft words and their twin in the text
_SMALL_REGION = 250_000  # SequenceMatcher's cost bound, in word pairs
_CONTEXT = 6
_SHOWN = 12


@dataclass(frozen=True, slots=True)
class WordGap:
    """A run of consecutive words that one side has and the other lacks."""

    words: tuple[str, ...]
    context: str  # a few words around the gap, from the side where they occur, to find it by eye


@dataclass(frozen=True, slots=True)
class AuditResult:
    """The verdict on one page; word counts include soft words, so they show the sizes compared."""

    origin: str
    source_words: int
    model_words: int
    missing: tuple[WordGap, ...]
    extra: tuple[WordGap, ...]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra


def audit(data: bytes, origin: str) -> AuditResult:
    """Read the page as the pipeline does and compare the model with the page's own words.

    A page the reader refuses (empty, binary) raises ``PublishError``, as ``read`` does.
    """
    return compare(source_words(data, origin), read(data, origin).document, origin)


def compare(source: list[str], document: Document, origin: str) -> AuditResult:
    """Compare source words (``source_words``) with a model, however it was made."""
    stream = _stream(document)
    source_match = [-1] * len(source)
    body = [j for j in range(stream.body_length) if not isinstance(stream.words[j], SoftWord)]
    _match(source, list(range(len(source))), stream.words, body, source_match, drop_islands=True)
    _prefer_hard(source, source_match)
    _match_notes(source, source_match, stream)
    stream_matched = [False] * len(stream.words)
    for j in source_match:
        if j >= 0:
            stream_matched[j] = True
    _match_soft(source, source_match, stream.words, stream_matched)
    absorbed = _absorb_metadata(source, source_match, document.metadata)
    missing = [
        i for i, j in enumerate(source_match) if j < 0 and not absorbed[i] and not isinstance(source[i], SoftWord)
    ]
    extra = [j for j, word in enumerate(stream.words) if not stream_matched[j] and not isinstance(word, SoftWord)]
    return AuditResult(
        origin=origin,
        source_words=len(source),
        model_words=len(stream.words),
        missing=_gaps(source, missing),
        extra=_gaps(stream.words, extra),
    )


# --- the model's words -----------------------------------------------------------------


@dataclass(slots=True)
class _Stream:
    """The model's words in reading order, knowing which came from notes (which may move)."""

    words: list[str] = field(default_factory=list)
    body_length: int = 0
    note_spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    run: list[str] = field(default_factory=list)

    def boundary(self) -> None:
        self.add(fast_words("".join(self.run)))
        self.run = []

    def add(self, found: Iterable[str]) -> None:
        self.words.extend(found)


_JOINED = tuple(kind for kind in get_args(Inline) if kind not in (Superscript, LineBreak))
"""Inlines whose words run on with their neighbours' ("<em>T</em>he")."""


def model_words(document: Document) -> tuple[list[str], list[str]]:
    """The text stream (body without notes, then each note's words) and the metadata's words.

    MIA pages set note texts after the body, so that is where a reader of the page meets them.
    """
    stream = _stream(document)
    return stream.words, [word for phrase in _metadata_phrases(document.metadata) for word in phrase]


def _stream(document: Document) -> _Stream:
    stream = _Stream()
    _walk(document.body, stream)
    stream.boundary()
    stream.body_length = len(stream.words)
    seen: set[Note] = set()
    position = 0
    while position < len(stream.notes):  # notes found inside notes join the queue
        note = stream.notes[position]
        position += 1
        if note not in seen:  # a note called twice is printed once on the page
            seen.add(note)
            start = len(stream.words)
            _walk(note.blocks, stream)
            stream.boundary()
            stream.note_spans.append((start, len(stream.words)))
    return stream


def _walk(nodes: Iterable[Node], stream: _Stream) -> None:
    """Follow ``model_walk``'s parts, so a node type added later is read, not skipped.

    Inline containers join their words with their neighbours ("<em>T</em>he"); blocks,
    their parts (cells, lines of verse, list items), line breaks and superscripts separate
    them, as they do in the page.
    """
    for node in nodes:
        if isinstance(node, Text):
            stream.run.append(node.text)
        elif isinstance(node, Note):
            stream.boundary()
            stream.notes.append(node)
        elif isinstance(node, PageMarker):
            pass
        elif isinstance(node, Figure):
            stream.boundary()
            _walk(node.caption, stream)
            stream.boundary()
            stream.add(SoftWord(word) for word in words(node.alt))
        elif isinstance(node, _JOINED):
            for part in parts(node):
                _walk(part, stream)
        else:
            stream.boundary()
            for part in parts(node):
                _walk(part, stream)
                stream.boundary()


# --- metadata ----------------------------------------------------------------------------


def _metadata_phrases(metadata: Metadata) -> list[list[str]]:
    """Every text the metadata holds, read off its fields so that a field added later counts too.

    An ISO date is given in the forms a page writes it; a contributor by name.
    """
    texts: list[str] = []
    for item in fields(metadata):
        if item.name in _NOT_FROM_THE_PAGE:
            continue
        value = getattr(metadata, item.name)
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str):
                texts += _date_forms(text) if _ISO.fullmatch(text) else [text]
            elif isinstance(getattr(text, "name", None), str):
                texts.append(text.name)
    return [phrase for text in texts if (phrase := words(text))]


def _date_forms(iso: str) -> list[str]:
    """The ways a page writes the date that metadata holds as ISO 8601, saying no less than it.

    A day's date is not matched by its bare year: "1991" alone in the source is more likely
    a word lost from the text than the "3 February 1991" that the metadata knows.
    """
    match = _ISO.fullmatch(iso)
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


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _absorb_metadata(source: Sequence[str], source_match: Sequence[int], metadata: Metadata) -> list[bool]:
    """Which unmatched source words the metadata accounts for (see the module's step 3)."""
    absorbed = [False] * len(source)
    index = _phrase_index(_metadata_phrases(metadata))
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


# --- alignment ---------------------------------------------------------------------------


def _align(a: Sequence[str], b: Sequence[str]) -> list[int]:
    """For each word of ``a``, the index of the word of ``b`` it is matched with, or -1."""
    match = [-1] * len(a)
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        if alo == 0 and blo == 0:
            # The page's head is matched only from the body's side: the words before the body are
            # metadata, and "Chris" of the author's heading must not be taken for the body's first word.
            ahi, bhi = _common_suffix(a, b, alo, ahi, blo, bhi, match)
        else:
            alo, blo = _common_prefix(a, b, alo, ahi, blo, bhi, match)
            ahi, bhi = _common_suffix(a, b, alo, ahi, blo, bhi, match)
        if alo == ahi or blo == bhi:
            continue
        anchors = _anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            for i, j in anchors:
                match[i] = j
                stack.append((alo, i, blo, j))
                alo, blo = i + 1, j + 1
            stack.append((alo, ahi, blo, bhi))
        elif (ahi - alo) * (bhi - blo) <= _SMALL_REGION:
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for block in matcher.get_matching_blocks():
                for k in range(block.size):
                    match[alo + block.a + k] = blo + block.b + k
    return match


def _common_prefix(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, match: list[int]
) -> tuple[int, int]:
    while alo < ahi and blo < bhi and a[alo] == b[blo]:
        match[alo] = blo
        alo, blo = alo + 1, blo + 1
    return alo, blo


def _common_suffix(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, match: list[int]
) -> tuple[int, int]:
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
        ahi, bhi = ahi - 1, bhi - 1
        match[ahi] = bhi
    return ahi, bhi


def _anchors(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs of words as rare on both sides, in order: words that occur once, else up to 4 times alike."""
    in_a = Counter(a[alo:ahi])
    in_b = Counter(b[blo:bhi])
    for limit in (1, 4):
        rare = {word for word, n in in_a.items() if n <= limit and in_b.get(word) == n}
        if rare:
            return _increasing(_pairs(a, b, alo, ahi, blo, bhi, rare))
    return []


def _pairs(
    a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int, rare: set[str]
) -> list[tuple[int, int]]:
    """The rare words' positions in a's order; the k-th occurrence in a pairs with the k-th in b."""
    in_b: dict[str, list[int]] = {}
    for j in range(blo, bhi):
        if b[j] in rare:
            in_b.setdefault(b[j], []).append(j)
    used: Counter[str] = Counter()
    pairs: list[tuple[int, int]] = []
    for i in range(alo, ahi):
        if a[i] in rare:
            pairs.append((i, in_b[a[i]][used[a[i]]]))
            used[a[i]] += 1
    return pairs


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing on both sides (patience sorting)."""
    tails: list[int] = []  # b-position ending the best chain of each length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _matched_runs(source_match: Sequence[int]) -> list[tuple[int, int]]:
    """Stretches matched word for word: consecutive on both sides."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(source_match) + 1):
        if (
            i == len(source_match)
            or min(source_match[i], source_match[i - 1]) < 0
            or (source_match[i] != source_match[i - 1] + 1)
        ):
            if source_match[start] >= 0:
                runs.append((start, i))
            start = i
    return runs


def _match(
    a: Sequence[str], a_at: list[int], b: Sequence[str], b_at: list[int], a_match: list[int], *, drop_islands: bool
) -> list[int]:
    """Align the words of ``a`` at ``a_at`` with those of ``b`` at ``b_at``; fill ``a_match``.

    Returns, for each of ``a_at``, the index into ``b_at`` it is aligned with, or -1. With
    ``drop_islands``, matches of one or two words with unmatched words on both sides, on
    both sides, are dropped: "of the" in a note's text is no match for "of the" in a "Top of
    the page" that the reader kept.
    """
    pairs = _align([a[i] for i in a_at], [b[j] for j in b_at])
    if drop_islands:
        _drop_islands(pairs, len(b_at))
    for k, m in enumerate(pairs):
        if m >= 0:
            a_match[a_at[k]] = b_at[m]
    return pairs


def _drop_islands(pairs: list[int], b_length: int) -> None:
    b_matched = [False] * b_length
    for m in pairs:
        if m >= 0:
            b_matched[m] = True
    for start, end in _matched_runs(pairs):
        first, last = pairs[start], pairs[end - 1]
        if end - start > 2 or start == 0 or end == len(pairs) or first == 0 or last == b_length - 1:
            continue
        if pairs[start - 1] < 0 and pairs[end] < 0 and not b_matched[first - 1] and not b_matched[last + 1]:
            for k in range(start, end):
                pairs[k] = -1


def _match_notes(source: Sequence[str], source_match: list[int], stream: _Stream) -> None:
    """Align the notes' words with the source words the body left, wherever the page set the notes.

    A matched stretch counts if it is three words or more, or a whole (short) note: a lone
    "the" of a note must not stand in for a word lost from the body. Notes set in several
    places (after a section, at the end) come in another order than the calls, so the pass
    repeats on what is left. Soft words sit it out: in "69. Ibid., p. 70. 70. Ibid., p. 95."
    the note numbers would pair with the page numbers; ``_match_soft`` places them afterwards.
    """
    note_of = {j: span for span in stream.note_spans for j in range(*span)}
    taken = set(source_match)
    for _ in range(_NOTE_ROUNDS):
        left = [i for i, j in enumerate(source_match) if j < 0 and not isinstance(source[i], SoftWord)]
        notes = [
            j
            for j in range(stream.body_length, len(stream.words))
            if j not in taken and not isinstance(stream.words[j], SoftWord)
        ]
        if not left or not notes:
            return
        found = [-1] * len(source)
        pairs = _match(source, left, stream.words, notes, found, drop_islands=False)
        matched = False
        for start, end in _matched_runs(pairs):
            first, last = notes[pairs[start]], notes[pairs[end - 1]] + 1
            if end - start >= _MOVED_RUN or note_of.get(first) == (first, last):
                for k in range(start, end):
                    source_match[left[k]] = found[left[k]]
                    taken.add(found[left[k]])
                matched = True
        if not matched:
            return


def _prefer_hard(source: Sequence[str], source_match: list[int]) -> None:
    """Give a match to the text's words rather than to equal soft words near them.

    "Rivera's murals" is an image's alt text and then the first words of its caption, and
    the model has them once: they are the caption's. Likewise a note call "[4]" before
    "4. Kronstadt". The twin is looked for among the unmatched words on either side, so no
    other match is crossed.
    """
    for start, end in _runs(i for i, j in enumerate(source_match) if j >= 0 and isinstance(source[i], SoftWord)):
        for twin in _unmatched_around(source_match, start, end):
            if _is_free_twin(source, source_match, start, end, twin):
                for offset in range(end - start):
                    source_match[twin + offset] = source_match[start + offset]
                    source_match[start + offset] = -1
                break


def _unmatched_around(source_match: Sequence[int], start: int, end: int) -> Iterator[int]:
    """Where an equal run could start: after the run, then before it, over unmatched words only."""
    size = end - start
    position = end
    while position + size <= len(source_match) and position - end < _TWIN_REACH:
        yield position
        if source_match[position] >= 0:
            break
        position += 1
    position = start - size
    while position >= 0 and start - position < _TWIN_REACH:
        yield position
        if source_match[position + size - 1] >= 0:
            break
        position -= 1


def _is_free_twin(source: Sequence[str], source_match: Sequence[int], start: int, end: int, twin: int) -> bool:
    return all(
        source_match[twin + offset] < 0
        and source[twin + offset] == source[start + offset]
        and not isinstance(source[twin + offset], SoftWord)
        for offset in range(end - start)
    )


def _match_soft(source: Sequence[str], source_match: list[int], words: Sequence[str], matched: list[bool]) -> None:
    """Pair soft words left over with what the model kept of them, between the same matched words."""
    edges = [(-1, -1), *((i, j) for i, j in enumerate(source_match) if j >= 0), (len(source), len(words))]
    for (p, sp), (q, sq) in pairwise(edges):
        soft = [i for i in range(p + 1, q) if isinstance(source[i], SoftWord)]
        free = [j for j in range(sp + 1, sq) if not matched[j]]
        if not soft or not free or len(soft) * len(free) > _SMALL_REGION:
            continue
        matcher = SequenceMatcher(None, [source[i] for i in soft], [words[j] for j in free], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                source_match[soft[block.a + k]] = free[block.b + k]
                matched[free[block.b + k]] = True


def _runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive integers grouped as half-open ranges."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs


# --- reporting ---------------------------------------------------------------------------


def _gaps(sequence: Sequence[str], positions: Iterable[int]) -> tuple[WordGap, ...]:
    return tuple(
        WordGap(words=tuple(sequence[start:end]), context=_context(sequence, start, end))
        for start, end in _runs(positions)
    )


def _context(sequence: Sequence[str], start: int, end: int) -> str:
    gap = list(sequence[start:end])
    if len(gap) > _SHOWN:
        gap = [*gap[: _SHOWN // 2], "…", *gap[-_SHOWN // 2 :]]
    before = " ".join(sequence[max(0, start - _CONTEXT) : start])
    after = " ".join(sequence[end : end + _CONTEXT])
    return f"{before} [{' '.join(gap)}] {after}".strip()
