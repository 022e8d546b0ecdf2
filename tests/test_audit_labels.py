"""Every credit label the reader accepts is one the fidelity audit knows ("Proofreader:" was a lost word).

The labels are not listed here: each test walks the reader's own lexicon, every language, every
text each label pattern matches, and puts the label on a small page as the archive sets a
credit line. Where the reader takes the line (the name becomes a contributor, the value a
field), the audit must pass the page: the label's words are metadata, not lost text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from publish.audit import LABEL_WORDS, audit, compare, source_words
from publish.audit_labels import expand, label_texts
from publish.model import Document, Metadata, Paragraph, Text
from publish.normalise import read
from publish.normalise.lexicon import LEXICONS, combined
from publish.words import words

_OPEN = "\x00"
_PAGE = """<html><head><title>Rosa Example: On Strikes</title></head><body>
<h2>Rosa Example</h2><h1>On Strikes</h1>
<p class="information"><span class="info">{label}:</span> {value}</p>
<p>The strike began on a Monday. Nobody expected it. It spread to every depot in the city, and the workers won.</p>
</body></html>"""
_FIELDS: dict[str, tuple[str, Callable[[Metadata], str | None]]] = {
    "written": ("8 June 1905", lambda m: m.written),
    "delivered": ("8 June 1905", lambda m: m.delivered),
    "source": ("Socialist Worker, No.1803", lambda m: m.source),
}


def _labels(patterns: list[str]) -> list[str]:
    """Each text the patterns match, as a page would write it (a capital first)."""
    texts = [text for pattern in patterns for text in expand(pattern) if _OPEN not in text]
    return [text[0].upper() + text[1:] for text in dict.fromkeys(texts)]


def _page(label: str, value: str) -> bytes:
    return _PAGE.format(label=label, value=value).encode("utf-8")


@pytest.mark.parametrize("language", list(LEXICONS))
def test_every_role_label_the_reader_accepts_passes_the_audit(language: str) -> None:
    labels = _labels([pattern for _, pattern in LEXICONS[language].roles])
    accepted, failing = 0, []
    for label in labels:
        page = _page(label, "John Smith")
        if not any(person.name == "John Smith" for person in read(page, "p.htm").document.metadata.contributors):
            continue
        accepted += 1
        result = audit(page, "p.htm")
        if not result.passed:
            failing.append((label, [gap.words for gap in (*result.missing, *result.extra)]))
    assert not failing, f"labels the reader accepts and the audit counts as lost: {failing}"
    assert accepted == len(labels) or not labels, "every role label of the lexicon reads as a credit"


@pytest.mark.parametrize("field", list(_FIELDS))
def test_every_field_label_the_reader_accepts_passes_the_audit(field: str) -> None:
    value, held = _FIELDS[field]
    accepted, failing = 0, []
    for label in _labels([pattern for lexicon in LEXICONS.values() for pattern in getattr(lexicon, field)]):
        page = _page(label, value)
        if not held(read(page, "p.htm").document.metadata):
            continue
        accepted += 1
        if not (result := audit(page, "p.htm")).passed:
            failing.append((label, [gap.words for gap in (*result.missing, *result.extra)]))
    assert accepted, "the test reaches the reader's labels"
    assert not failing, f"{field} labels the reader accepts and the audit counts as lost: {failing}"


def test_proofreader_on_a_real_credit_line() -> None:
    page = _page("Proofreader", "John Smith")
    assert [(c.name, [role.value for role in c.roles]) for c in read(page, "p.htm").document.metadata.contributors] == [
        ("John Smith", ["proofreader"])
    ]
    assert audit(page, "p.htm").passed


def test_label_words_come_from_the_lexicon_and_never_from_open_parts() -> None:
    """Each label word is a word of some text a label pattern matches; ``\\w+`` gives none."""
    from_lexicon = {word for text in label_texts(combined()) for word in words(text.replace(_OPEN, " "))}
    assert from_lexicon == LABEL_WORDS
    assert {"proofreader", "transcription", "markup", "fuente", "übersetzt", "πηγή"} <= LABEL_WORDS
    assert expand(r"translat(?:ed|ion)(?:\s+from\s+the\s+\w+)?") == [
        "translated",
        f"translated from the {_OPEN}",
        "translation",
        f"translation from the {_OPEN}",
    ]
    assert expand(r"proof-?read(?:ed)?") == ["proof-read", "proof-readed", "proofread", "proofreaded"]
    assert expand(r"mark(?:ed)?[- ]?up\s*/\s*x") == sorted(
        f"mark{ed}{gap}up / x" for ed in ("", "ed") for gap in ("", "-", " ")
    )


def test_a_label_is_absorbed_only_beside_metadata_never_in_the_body() -> None:
    """The lexicon's wider vocabulary does not let the audit swallow body words: a lost sentence
    made of nothing but label words is still lost."""
    page = (
        b"<html><body><h1>On Strikes</h1><p>The strike began.</p>"
        b"<p>Proofread and translated by the editor.</p></body></html>"
    )
    lost = Document(
        metadata=Metadata(title="On Strikes", language="en"),
        body=(Paragraph(content=(Text(text="The strike began."),)),),
    )
    assert set(words("Proofread and translated by the editor")) <= LABEL_WORDS
    result = compare(source_words(page, "p.htm"), lost, "p.htm")
    assert [gap.words for gap in result.missing] == [("proofread", "and", "translated", "by", "the", "editor")]
