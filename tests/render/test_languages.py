"""A Spanish, an Icelandic and an Estonian book speak their own language in every word the book adds.

Each book is made for real (ebooklib's EPUB, checked by EPUBCheck; WeasyPrint's PDF, read back
with pypdf) from a small document with authors, a translator, dates, notes of the editor and the
translator, an editors' preface, a missing picture and a partial work's gaps. The English the book could add is read
off the message catalogue template itself (every msgid, less its placeholders, markup and the
proper names kept in every language), so a word added to a template without a translation
fails here too.
"""

from __future__ import annotations

import re
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from lxml import etree

from publish.model import (
    Aside,
    Contributor,
    Document,
    Figure,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    Role,
    Section,
    Text,
)
from publish.render.epub import render_epub
from publish.render.pdf import render_pdf
from publish.render.templating import environment
from publish.render.translations import LOCALE_DIR, human_date, join_names, translations
from tests.support import epubcheck_many, pdf_text

# Names the book prints in every language: the archive's, the typeface's and its licence's, the program's.
_PROPER_NAMES = re.compile(
    r"Marxists Internet Archive|Source Serif Pro|SIL Open Font License|Noto Sans CJK|\bpublish\b"
)

# Real words of each language for the book's own text (what the archive would have given).
_TEXTS = {
    "es": ("La huelga general", "La clase obrera se levanta.", "Nota aclaratoria.", "Nota sobre la versión."),
    "is": ("Rósa Lúxemborg", "Verkalýðurinn rís upp.", "Skýring útgefanda.", "Skýring um þýðinguna."),
    "et": ("Üldstreik", "Töölisklass tõuseb üles.", "Väljaandja selgitus.", "Selgitus tõlke kohta."),
}
# A few of the words each book must say, as a publisher in that language prints them.
_EXPECTED = {
    "es": ("Sobre este texto", "Traducción: Ana Pérez.", "Esta edición es parcial", " y ", "14 de enero de 1919"),
    "is": ("Um þennan texta", "Þýðing: Jón Jónsson.", "Þessi útgáfa er ekki heildstæð", " og ", "14. janúar 1919"),
    "et": ("Teksti andmed", "Tõlkinud Mari Tamm.", "See väljaanne on puudulik", " ja ", "14. jaanuar 1919"),
}
_TRANSLATORS = {"es": "Ana Pérez", "is": "Jón Jónsson", "et": "Mari Tamm"}
LANGUAGES = tuple(_TEXTS)


def _document(language: str) -> Document:
    title, sentence, editor, translator = _TEXTS[language]

    def note(kind: NoteKind, words: str, marker: str) -> Note:
        return Note(marker=marker, kind=kind, blocks=(Paragraph(content=(Text(text=words),)),))

    def chapter(number: int) -> Section:
        notes = (note(NoteKind.EDITOR, editor, "1"), note(NoteKind.TRANSLATOR, translator, "2")) if number == 1 else ()
        return Section(
            id=f"ch{number}",
            title=(Text(text=f"{title} {number}"),),
            blocks=(
                *(
                    (Aside(kind=NoteKind.EDITOR, blocks=(Paragraph(content=(Text(text=editor),)),)),)
                    if number == 1
                    else ()
                ),
                Paragraph(content=(Text(text=sentence), *notes)),
                Figure(source="kort.png", alt=title),  # not beside the document: described in words
            ),
        )

    metadata = Metadata(
        title=title,
        language=language,
        authors=("Rosa Luxemburg", "Karl Liebknecht", "Leo Jogiches"),
        contributors=(Contributor(name=_TRANSLATORS[language], roles=(Role.TRANSLATOR,)),),
        date="1919-01-14",
        last_updated="2005-04",
        source="Die Rote Fahne",
        origin=f"https://www.marxists.org/{language}/luxemburg/1919/index.htm",
        missing_pages=("ch09.htm",),
        untranscribed_parts=("IX", "X"),
    )
    return Document(metadata=metadata, body=(chapter(1), chapter(2)))


@cache
def _template() -> Catalog:
    with (LOCALE_DIR / "publish.pot").open("rb") as source:
        return read_po(source)


def _english_phrases() -> set[str]:
    """Every run of English words a msgid holds between its placeholders and markup."""
    phrases: set[str] = set()
    for message in _template():
        for msgid in (message.id,) if isinstance(message.id, str) else message.id:
            for piece in re.split(r"%\(\w+\)[sd]|<[^>]*>", _PROPER_NAMES.sub(" ", msgid)):
                phrase = piece.strip(" .,:;()[]’'\"")
                if re.search(r"[A-Za-z]{2}", phrase):
                    phrases.add(phrase)
    return phrases


def _english_in(text: str) -> list[str]:
    text = " ".join(_PROPER_NAMES.sub(" ", text).split())
    return sorted(phrase for phrase in _english_phrases() if re.search(rf"\b{re.escape(phrase)}\b", text))


def _epub_words(data: bytes) -> str:
    """Every text node of every XHTML page, the nav, the OPF and the NCX, and the attributes a
    reader hears (alt, aria-label, title)."""
    words: list[str] = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                root = etree.fromstring(archive.read(name))
                words += [str(text) for text in root.xpath("//text()")]
                words += [str(value) for value in root.xpath("//@alt | //@aria-label | //@title")]
    return "\n".join(words)


@pytest.fixture(scope="module")
def epubs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("languages")
    books = {}
    for language in LANGUAGES:
        books[language] = folder / f"{language}.epub"
        books[language].write_bytes(render_epub(_document(language)))
    return books


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_epub_adds_no_english_word(language: str, epubs: dict[str, Path]) -> None:
    words = _epub_words(epubs[language].read_bytes())
    assert _english_in(words) == []
    assert not re.search(r"\b(?:by|and)\b", words), "an English 'by' or 'and' in the book"
    flat = " ".join(words.split())
    for expected in _EXPECTED[language]:
        assert expected in flat
    _ = translations(language).gettext
    for message in (
        "Contents",
        "Title page",
        "Cover",
        "Start of text",
        "Notes",
        "Editor’s note",
        "Translator’s note",
        "Editors’ preface",
    ):
        assert _(message) != message and _(message) in flat
    assert _("[Picture: %(description)s]") % {"description": _TEXTS[language][0]} in flat


def test_the_language_books_pass_epubcheck(epubs: dict[str, Path]) -> None:
    results = epubcheck_many(list(epubs.values()))
    assert results == {path: [] for path in epubs.values()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_adds_no_english_word(language: str) -> None:
    text = pdf_text(render_pdf(_document(language)).data)
    assert _english_in(text) == []
    assert not re.search(r"\b(?:by|and)\b", text), "an English 'by' or 'and' in the pamphlet"
    flat = " ".join(text.replace("-\n", "").split())
    for expected in _EXPECTED[language][1:]:  # the imprint has no heading
        assert expected in flat
    assert join_names(("Rosa Luxemburg", "Karl Liebknecht", "Leo Jogiches"), language) in flat


def test_english_is_the_fallback_for_any_other_language_and_any_missing_entry() -> None:
    assert translations("xx").gettext("Contents") == "Contents"
    assert translations("en").gettext("Contents") == "Contents"
    assert translations("is-IS").gettext("Contents") == "Efnisyfirlit"  # a region falls back to its language
    assert translations("is").gettext("A word no template says") == "A word no template says"


def test_a_template_environment_is_made_once_per_language() -> None:
    assert environment(None, "is") is environment(None, "is")
    assert environment(None, "is") is not environment(None, "et")


def test_dates_and_lists_come_from_cldr_and_partial_dates_stay_partial() -> None:
    assert human_date("2002-06-08", "en") == "8 June 2002"
    assert human_date("1980-04", "es") == "abril de 1980"
    assert human_date("1919", "is") == "1919"
    assert human_date("2002-06-08", "et") == "8. juuni 2002"
    assert join_names(("A", "B", "C"), "en") == "A, B and C"
    assert join_names(("A", "B"), "is") == "A og B"
