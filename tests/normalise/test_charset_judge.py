"""A non-Latin charset label over Latin-script text is overruled by the words; a real one is kept.

Both directions: English and French under Cyrillic and Greek labels decode as cp1252 with a
diagnostic naming label and charset; Russian and Greek under their labels (with or without a
Latin word or two, with or without a ``lang``) decode as labelled. Corpus pages with accented
Latin letters, relabelled in memory, must read exactly as under their own label.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish.language_tags import script_of
from publish.normalise import read
from publish.normalise.decode import decode
from publish.normalise.script_judge import label_script
from publish.words import block_text

ENGLISH = "<p>The séances of the Congress were long, and the delegates were tired of the débat.</p>"
FRENCH = "<p>Les séances du congrès étaient très longues ; les délégués étaient fatigués.</p>"
RUSSIAN = "<p>Ленин писал о партии нового типа, о Марксе и об Энгельсе, в газете 'Правда'.</p>"
GREEK = "<p>Ο εμφύλιος πόλεμος στην Ελλάδα άρχισε το 1946 και τελείωσε το 1949.</p>"
LABELS = ["windows-1251", "koi8-r", "iso-8859-5", "iso-8859-7", "windows-1253"]


def page(body: str, label: str, lang: str | None = None) -> str:
    attribute = f' lang="{lang}"' if lang else ""
    return f'<html{attribute}><head><meta charset="{label}"><title>T</title></head><body>{body}</body></html>'


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("body", [ENGLISH, FRENCH])
def test_latin_text_under_a_non_latin_label_decodes_as_cp1252(label: str, body: str) -> None:
    result = decode(page(body, label).encode("cp1252"), "page.htm")
    assert body in result.text
    assert result.encoding == "cp1252"
    [diagnostic] = [d for d in result.diagnostics if d.code == "N001"]
    assert label.replace("-", "").replace("windows", "cp") in diagnostic.message.replace("_", "")
    assert "cp1252" in diagnostic.message


def test_one_stray_byte_in_an_english_page_labelled_windows_1251() -> None:
    """The issue's case: all ASCII but one é, which the label turns into й."""
    body = "<p>" + "The workers met in their clubs every evening. " * 40 + "The séances went on.</p>"
    text = page(body, "windows-1251")
    result = decode(text.encode("cp1252"), "archive/x/page.htm")
    assert "séances" in result.text
    assert "sйances" not in result.text


@pytest.mark.parametrize(
    ("body", "label", "codec"),
    [
        (RUSSIAN, "windows-1251", "cp1251"),
        (RUSSIAN, "koi8-r", "koi8_r"),
        (RUSSIAN, "iso-8859-5", "iso8859_5"),
        (GREEK, "iso-8859-7", "iso8859_7"),
        (GREEK, "windows-1253", "cp1253"),
    ],
)
@pytest.mark.parametrize("lang", [None, "en"])
def test_real_russian_and_greek_decode_as_labelled(body: str, label: str, codec: str, lang: str | None) -> None:
    """Even under an English template's ``lang``: the words are wholly of the label's script."""
    result = decode(page(body, label, lang).encode(codec), "page.htm")
    assert body in result.text
    assert result.encoding == codec
    assert not result.diagnostics


def test_an_english_page_quoting_russian_words_keeps_its_cyrillic_label() -> None:
    body = "<p>" + "The paper of the Bolsheviks was called " * 20 + "«Правда», later «Известия».</p>"
    result = decode(page(body, "windows-1251").encode("cp1251"), "page.htm")
    assert "«Правда», later «Известия»" in result.text


def test_a_russian_page_with_a_stray_latin_word_keeps_its_label() -> None:
    body = "<p>" + RUSSIAN * 5 + " Marxизм</p>"  # one mixed word among many whole Cyrillic ones
    result = decode(page(body, "windows-1251").encode("cp1251"), "page.htm")
    assert "Marxизм" in result.text


def test_a_russian_folder_keeps_the_label_even_for_mixed_words() -> None:
    """The archive's language folder is the page's own word on its language: not Latin-script."""
    data = page("<p>Dear s\xe9ances</p>", "windows-1251").encode("latin-1")
    assert decode(data, "russkij/x/page.htm").encoding == "cp1251"
    assert decode(data, "archive/x/page.htm").encoding == "cp1252"


def test_a_latin_label_is_never_judged() -> None:
    assert label_script("iso8859_2") is None
    assert label_script("cp1251") == "CYRILLIC"
    assert label_script("iso8859_7") == "GREEK"
    assert script_of("ru") == "Cyrl"
    assert script_of("en") == "Latn"


def test_the_book_reads_the_author_s_words(tmp_path: Path) -> None:
    result = read(page(FRENCH, "windows-1251", "fr").encode("cp1252"), "page.htm")
    assert "Les séances du congrès étaient très longues" in block_text(result.document.body)
    assert any(d.code == "N001" and "cp1252" in d.message for d in result.diagnostics)


_LABEL = re.compile(rb"charset=[\"']?[A-Za-z0-9_-]+", re.IGNORECASE)
ACCENTED_PAGES = [
    "mia/archive__marx__works__1868__letters__68_01_30.htm",
    "mia/islenska__luxemburg__1919__14-1.htm",
    "mia/espanol__grant__biografia.htm",
    "mia/archive__mariateg__works__1924-hwc__hwc08.htm",
]


@pytest.mark.parametrize("relative", ACCENTED_PAGES)
@pytest.mark.parametrize("label", ["windows-1251", "iso-8859-7"])
def test_corpus_pages_relabelled_cyrillic_or_greek_read_as_their_own_text(
    corpus: Path, relative: str, label: str
) -> None:
    data = (corpus / relative).read_bytes()
    assert _LABEL.search(data), "the page must declare a charset for the relabelling to mean anything"
    relabelled = _LABEL.sub(f"charset={label}".encode(), data)
    own = decode(data, relative).text
    moved = decode(relabelled, relative)
    assert moved.encoding == "cp1252"
    assert _LABEL.sub(b"", moved.text.encode()) == _LABEL.sub(b"", own.encode())
