"""The audit's alignment: source words matched with the model's stream, body, notes, soft words.

A patience diff (see ``audit``, steps 1 to 3): common prefix and suffix, rare words as
anchors, ``SequenceMatcher`` only on small stretches; then the notes' words in rounds
against what the body left, then soft words between the same matched words.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

from publish.audit_source import SoftWord
from publish.audit_stream import Stream

_MOVED_RUN = 3  # note words in a row that count as a match (fewer: only a whole note)
_NOTE_ROUNDS = 8  # notes set in that many places, out of the order of their calls, are still found
_TWIN_REACH = 40  # words between soft words and their twin in the text
_SMALL_REGION = 250_000  # SequenceMatcher's cost bound, in word pairs


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


def match(
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


def match_notes(source: Sequence[str], source_match: list[int], stream: Stream) -> None:
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
        pairs = match(source, left, stream.words, notes, found, drop_islands=False)
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


def prefer_hard(source: Sequence[str], source_match: list[int]) -> None:
    """Give a match to the text's words rather than to equal soft words near them.

    "Rivera's murals" is an image's alt text and then the first words of its caption, and
    the model has them once: they are the caption's. Likewise a note call "[4]" before
    "4. Kronstadt". The twin is looked for among the unmatched words on either side, so no
    other match is crossed.
    """
    for start, end in runs(i for i, j in enumerate(source_match) if j >= 0 and isinstance(source[i], SoftWord)):
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


def match_soft(source: Sequence[str], source_match: list[int], words: Sequence[str], matched: list[bool]) -> None:
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


def runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Consecutive integers grouped as half-open ranges."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs
