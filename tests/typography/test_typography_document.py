"""Which parts of a Document the pass reaches, which it leaves alone, and how it finds rules."""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType

import pytest

from publish.model import (
    Contributor,
    Document,
    Emphasis,
    Figure,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    ListKind,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    Quotation,
    Role,
    Section,
    Table,
    TableCell,
    Text,
    Verse,
)
from publish.typography import (
    RULES,
    apply_typography,
    english,
    french,
    german,
    italian,
    rules_for,
    russian,
    spanish,
    walk,
)

RAW = '"Left-wing" Communism -- an infantile disorder...'
DONE = "“Left-wing” Communism — an infantile disorder…"


def para(text: str) -> Paragraph:
    return Paragraph(content=(Text(text=text),))


def english_document(body: tuple[Paragraph, ...] = ()) -> Document:
    metadata = Metadata(
        title=RAW,
        language="en",
        subtitle=RAW,
        authors=("V.I. Lenin", "Einde O'Callaghan"),
        contributors=(Contributor(name="Einde O'Callaghan", roles=(Role.MARKUP,)),),
        date="1920-04",
        source=RAW,
        standfirst=RAW,
        rights="'Public Domain' -- MIA",
        credits=(RAW, RAW),
        origin="https://www.marxists.org/archive/lenin/works/1920/lwc/index.htm",
        identifier="urn:x-'lwc'--1920",
    )
    return Document(metadata=metadata, body=body)


def test_prose_metadata_is_typeset() -> None:
    metadata = apply_typography(english_document()).metadata
    assert (metadata.title, metadata.subtitle, metadata.source, metadata.standfirst) == (DONE,) * 4
    assert metadata.credits == (DONE, DONE)


def test_names_dates_and_identifiers_are_left_alone() -> None:
    before = english_document().metadata
    after = apply_typography(english_document()).metadata
    for name in ("authors", "contributors", "date", "rights", "origin", "identifier", "language"):
        assert getattr(after, name) == getattr(before, name)


def test_every_kind_of_block_is_reached() -> None:
    body = (
        Section(
            id="s--1",
            title=(Text(text=RAW),),
            blocks=(
                Heading(level=1, content=(Text(text=RAW),), id="h--1"),
                Quotation(blocks=(para(RAW),)),
                ListBlock(kind=ListKind.BULLET, items=(ListItem(blocks=(para(RAW),)),)),
                Table(rows=((TableCell(blocks=(para(RAW),)),),), caption=(Text(text=RAW),)),
                Figure(source="img/a--b's.png", alt=RAW, caption=(Text(text=RAW),)),
            ),
        ),
    )
    document = Document(metadata=Metadata(title="t", language="en"), body=body)
    section = apply_typography(document).body[0]
    assert isinstance(section, Section)
    assert section.id == "s--1"
    assert section.title == (Text(text=DONE),)
    heading, quotation, listing, table, figure = section.blocks
    assert heading == Heading(level=1, content=(Text(text=DONE),), id="h--1")
    assert quotation == Quotation(blocks=(para(DONE),))
    assert listing == ListBlock(kind=ListKind.BULLET, items=(ListItem(blocks=(para(DONE),)),))
    assert table == Table(rows=((TableCell(blocks=(para(DONE),)),),), caption=(Text(text=DONE),))
    assert figure == Figure(source="img/a--b's.png", alt=DONE, caption=(Text(text=DONE),))


def test_link_targets_are_left_alone() -> None:
    link = Link(content=(Text(text='"Pravda"'),), target="https://x.org/a--b's...\"")
    document = english_document((Paragraph(content=(link,)),))
    assert apply_typography(document).body == (
        Paragraph(content=(Link(content=(Text(text="“Pravda”"),), target=link.target),)),
    )


def test_a_quote_may_open_and_close_lines_apart_in_verse() -> None:
    verse = Verse(stanzas=(((Text(text='"Arise, ye'),), (Text(text='starvelings"'),)), ((Text(text="'Tis"),),)))
    document = Document(metadata=Metadata(title="t", language="en"), body=(verse,))
    assert apply_typography(document).body == (
        Verse(stanzas=(((Text(text="“Arise, ye"),), (Text(text="starvelings”"),)), ((Text(text="’Tis"),),))),
    )


def test_a_line_break_reads_as_whitespace() -> None:
    content = (Text(text="he said"), LineBreak(), Emphasis(content=(Text(text='"so"'),)), LineBreak())
    document = english_document((Paragraph(content=content),))
    assert apply_typography(document).body == (
        Paragraph(content=(Text(text="he said"), LineBreak(), Emphasis(content=(Text(text="“so”"),)), LineBreak())),
    )


def test_a_note_is_invisible_to_the_text_around_it() -> None:
    note = Note(marker="1", kind=NoteKind.EDITOR, blocks=(para("word"),))
    content = (Text(text="said "), note, Text(text='"yes"'))
    paragraph = apply_typography(english_document((Paragraph(content=content),))).body[0]
    assert paragraph == Paragraph(content=(Text(text="said "), note, Text(text="“yes”")))


def test_nodes_are_never_merged_or_dropped() -> None:
    content = (Text(text="a -"), Emphasis(content=(Text(text="-"),)), Text(text=" b"))
    paragraph = apply_typography(english_document((Paragraph(content=content),))).body[0]
    assert paragraph == Paragraph(content=(Text(text="a —"), Emphasis(content=(Text(text=""),)), Text(text=" b")))


@pytest.mark.parametrize("language", ["en", "en-GB", "EN-us", "en_GB", "en-Latn-GB"])
def test_english_tags_find_the_english_rules(language: str) -> None:
    assert rules_for(language) is english.typeset


@pytest.mark.parametrize(
    ("language", "module"),
    [("fr-CA", french), ("de-AT", german), ("es_MX", spanish), ("IT", italian), ("ru-Cyrl-RU", russian)],
)
def test_other_tags_find_their_language_rules(language: str, module: ModuleType) -> None:
    assert rules_for(language) is module.typeset


@pytest.mark.parametrize("language", ["zh", "ja-JP", "ar", "hi", "sr-Arab", "", "und", "eng"])
def test_other_scripts_and_unreadable_tags_have_no_rules(language: str) -> None:
    assert rules_for(language) is None


def test_a_language_without_rules_comes_back_unchanged() -> None:
    document = Document(metadata=Metadata(title=RAW, language="zh"), body=(para(RAW),))
    assert apply_typography(document) is document


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        RULES["xx"] = english.typeset  # type: ignore[index]


def test_rules_that_reshape_the_tree_are_refused() -> None:
    def greedy(runs: Sequence[str]) -> list[str]:
        return ["".join(runs)]

    with pytest.raises(ValueError, match="runs"):
        walk.context((Text(text="a"), Text(text="b")), greedy)
