"""An index page's contents list is replaced by the book's; its own text is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.loading import load
from publish.model import Block, Break, Heading, Inline, LineBreak, Link, ListBlock, ListItem, ListKind, Paragraph, Text
from publish.normalise.contents import split_index
from publish.words import block_text, inline_text
from tests.conftest import corpus_dir


def _p(*content: Inline) -> Paragraph:
    return Paragraph(content=content)


def _link(text: str, href: str) -> Link:
    return Link(content=(Text(text=text),), target=href)


def _items(*lines: str) -> ListBlock:
    return ListBlock(kind=ListKind.BULLET, items=tuple(ListItem(blocks=(_p(Text(text=line)),)) for line in lines))


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    return [block_text([block]) for block in blocks]


def test_the_contents_list_goes_and_the_introduction_stays() -> None:
    body: tuple[Block, ...] = (
        Heading(level=1, content=(Text(text="Contents"),)),
        _p(_link("Part I", "ch01.htm")),
        _items("1. What the Discussion Has Revealed", "2. Their Method and Ours"),
        _p(_link("Part II", "ch02.htm")),
        _items("3. The Case of Burnham"),
        Break(),
        Heading(level=1, content=(Text(text="Introduction"),)),
        _p(Text(text="The August 22, 1939 Hitler-Stalin non-aggression pact sent shock waves around the world.")),
    )
    split = split_index(body)
    assert _texts(split.own) == [
        "Introduction",
        "The August 22, 1939 Hitler-Stalin non-aggression pact sent shock waves around the world.",
    ]
    entries = ("1. What the Discussion Has Revealed", "2. Their Method and Ours", "3. The Case of Burnham")
    assert split.unlinked == entries


def test_prose_that_links_a_page_is_not_a_contents_entry() -> None:
    prose = _p(
        Text(text="Engels wrote a foreword when the document was first published. With it he published "),
        _link("Marx's letter to Bracke", "../../1875/letters/75_05_05.htm"),
        Text(text=", directly bound up with the work."),
    )
    body: tuple[Block, ...] = (
        _p(Text(text="Table of Contents:")),
        _p(_link("Foreword", "foreword.htm"), LineBreak(), _link("Part I", "ch01.htm")),
        Heading(level=1, content=(Text(text="Background"),)),
        _p(Text(text="Lenin later wrote:")),
        prose,
    )
    split = split_index(body)
    assert _texts(split.own) == ["Background", "Lenin later wrote:", block_text([prose])]
    assert split.unlinked == ()


def test_a_page_without_a_contents_list_is_all_its_own_text() -> None:
    body: tuple[Block, ...] = (_p(Text(text="1. A numbered point of an argument, not an entry.")),)
    assert split_index(body).own == body


def test_numbered_entries_without_links_among_linked_ones_are_untranscribed() -> None:
    entries = _p(
        _link("Lecture 8: The Russian Revolution", "hwc08.htm"),
        LineBreak(),
        Text(text="Lecture 9: The Versailles Peace and the League of Nations"),
        LineBreak(),
        _link("Lecture 10: Proletarian Agitation", "hwc10.htm"),
    )
    split = split_index((entries,))
    assert split.own == ()
    assert split.unlinked == ("Lecture 9: The Versailles Peace and the League of Nations",)


def _work(*parts: str) -> Path:
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    return corpus.joinpath(*parts)


def test_cannons_introduction_opens_the_book_and_nothing_is_reported_missing() -> None:
    loaded = load(_work("mia-tree", "archive", "cannon", "works", "1940", "party", "index.htm"))
    opening = loaded.document.body[0]
    assert inline_text(opening.title) == "Introduction"  # type: ignore[union-attr]
    text = block_text([opening])
    assert "The August 22, 1939 Hitler-Stalin non-aggression pact" in text
    assert "Part I" not in text and "Contents" not in text
    # The index lists each part's chapters unlinked under the linked part: they are in the book.
    assert not [d for d in loaded.diagnostics if d.code == "N041"]
    assert loaded.document.metadata.untranscribed_parts == ()
    assert loaded.document.metadata.missing_pages == ()


def test_the_gotha_programmes_background_opens_the_book() -> None:
    loaded = load(_work("mia", "archive__marx__works__1875__gotha__index.htm"))
    opening = loaded.document.body[0]
    assert inline_text(opening.title) == "Background"  # type: ignore[union-attr]
    assert "Lenin later wrote:" in block_text([opening])
    assert "Table of Contents" not in block_text(loaded.document.body)


def test_untranscribed_chapters_are_reported_and_kept_as_the_works_gaps() -> None:
    loaded = load(_work("mia-tree", "archive", "mariateg", "works", "1924-hwc", "index.htm"))
    untranscribed = [d.message for d in loaded.diagnostics if d.code == "N041"]
    assert untranscribed == [
        f"contents entry {entry!r} links to no page"
        for entry in (
            "Lecture 9: The Versailles Peace and the League of Nations",
            "Lecture 11: The Economic Problems of Peace",
            "Lecture 13: Revolutionary and Socialist Agitation of the Eastern World",
            "Lecture 15: Internationalism and Nationalism",
        )
    ]
    assert loaded.document.metadata.untranscribed_parts == (
        "Lecture 9: The Versailles Peace and the League of Nations",
        "Lecture 11: The Economic Problems of Peace",
        "Lecture 13: Revolutionary and Socialist Agitation of the Eastern World",
        "Lecture 15: Internationalism and Nationalism",
    )
    assert not any("partial" in credit for credit in loaded.document.metadata.credits)
    history = load(_work("mia-tree", "archive", "harman", "1999", "history", "index.htm"))
    messages = [d.message for d in history.diagnostics if d.code == "N041"]
    assert "contents entry 'Chapter 1. Iron and empires' links to no page" in messages
    assert len(messages) >= 40
