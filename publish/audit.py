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

The steps live in modules of their own: the model's stream (``audit_stream``), the
alignment (``audit_align``), the metadata (``audit_metadata``), the page's side
(``audit_source``); this one puts them together and reports.

Known blind spot: a word lost on its own that equals a whole one-word metadata field (a
bare year when the metadata date is a year, a one-word title) is taken for that field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from publish.audit_align import match, match_notes, match_soft, prefer_hard, runs
from publish.audit_metadata import LABEL_WORDS, absorb_metadata
from publish.audit_source import SoftWord, furniture_lines, source_words
from publish.audit_stream import model_stream, model_words
from publish.model import Document
from publish.normalise import read
from publish.words import words

__all__ = [
    "LABEL_WORDS", "AuditResult", "WordGap", "audit", "compare", "furniture_words", "model_words", "source_words",
]  # fmt: skip

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
    in_both: int = 0
    """Source words matched with a word of the model's text."""
    in_metadata: int = 0
    """Source words the model holds as metadata (a credit line, a dateline, the title)."""
    soft_left_out: int = 0
    """The page's note calls, "Notes" headings and alt text that the model does without."""
    model_soft_only: int = 0
    """The model's soft words (a figure's alt text) that the page does not show."""

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra

    def differences(self, furniture: int = 0) -> list[str]:
        """Why the two word counts differ, reason by reason, with counts; ``furniture``: the
        words of the page's site furniture, which neither count holds.

        Every word of each count is in exactly one reason, so the lines add up to the counts:
        a user who sees "1234 in the page, 1100 in the model" on a page that passes can tell
        where the other 134 went.
        """
        lost = sum(len(gap.words) for gap in self.missing)
        added = sum(len(gap.words) for gap in self.extra)
        page = [
            (self.in_metadata, "held as metadata (title, author, dates, credit lines and their labels)"),
            (self.soft_left_out, 'note calls, "Notes" headings and picture descriptions the model does without'),
            (lost, "missing from the model (below)"),
        ]
        model = [
            (self.model_soft_only, "picture descriptions (alt text) the page shows only where a picture is missing"),
            (added, "not on the page (below)"),
        ]
        lines = [f"{self.in_both} words in both"]
        for side, total, reasons in (("page", self.source_words, page), ("model", self.model_words, model)):
            other = total - self.in_both
            if other:
                told = "; ".join(f"{number} {why}" for number, why in reasons if number)
                lines.append(f"the {side}'s other {other}: {told}")
        if furniture:
            lines.append(
                f'not counted: {furniture} words of the site\'s furniture (navigation rows, "Last updated" lines)'
            )
        return lines


def audit(data: bytes, origin: str) -> AuditResult:
    """Read the page as the pipeline does and compare the model with the page's own words.

    A page the reader refuses (empty, binary) raises ``PublishError``, as ``read`` does.
    """
    return compare(source_words(data, origin), read(data, origin).document, origin)


def compare(source: list[str], document: Document, origin: str) -> AuditResult:
    """Compare source words (``source_words``) with a model, however it was made."""
    stream = model_stream(document)
    source_match = [-1] * len(source)
    body = [j for j in range(stream.body_length) if not isinstance(stream.words[j], SoftWord)]
    match(source, list(range(len(source))), stream.words, body, source_match, drop_islands=True)
    prefer_hard(source, source_match)
    match_notes(source, source_match, stream)
    stream_matched = [False] * len(stream.words)
    for j in source_match:
        if j >= 0:
            stream_matched[j] = True
    match_soft(source, source_match, stream.words, stream_matched)
    absorbed = absorb_metadata(source, source_match, document.metadata)
    missing = [
        i for i, j in enumerate(source_match) if j < 0 and not absorbed[i] and not isinstance(source[i], SoftWord)
    ]
    extra = [j for j, word in enumerate(stream.words) if not stream_matched[j] and not isinstance(word, SoftWord)]
    unmatched = [i for i, j in enumerate(source_match) if j < 0]
    return AuditResult(
        origin=origin,
        source_words=len(source),
        model_words=len(stream.words),
        missing=_gaps(source, missing),
        extra=_gaps(stream.words, extra),
        in_both=len(source) - len(unmatched),
        in_metadata=sum(1 for i in unmatched if absorbed[i] and not isinstance(source[i], SoftWord)),
        soft_left_out=sum(1 for i in unmatched if isinstance(source[i], SoftWord)),
        model_soft_only=sum(
            1 for j, word in enumerate(stream.words) if not stream_matched[j] and isinstance(word, SoftWord)
        ),
    )


def furniture_words(data: bytes, origin: str) -> int:
    """How many words the page's furniture lines hold: what neither count of the audit holds."""
    return sum(len(words(line)) for line in furniture_lines(data, origin))


# --- reporting ---------------------------------------------------------------------------


def _gaps(sequence: Sequence[str], positions: Iterable[int]) -> tuple[WordGap, ...]:
    return tuple(
        WordGap(words=tuple(sequence[start:end]), context=_context(sequence, start, end))
        for start, end in runs(positions)
    )


def _context(sequence: Sequence[str], start: int, end: int) -> str:
    gap = list(sequence[start:end])
    if len(gap) > _SHOWN:
        gap = [*gap[: _SHOWN // 2], "…", *gap[-_SHOWN // 2 :]]
    before = " ".join(sequence[max(0, start - _CONTEXT) : start])
    after = " ".join(sequence[end : end + _CONTEXT])
    return f"{before} [{' '.join(gap)}] {after}".strip()
