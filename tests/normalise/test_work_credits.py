"""A chapter's own credits in a work: only what the work does not already say."""

from __future__ import annotations

from publish.model import Contributor, Document, Metadata, Paragraph, Role, Text
from publish.normalise.work import Chapter, assemble_work

_BOTH = Contributor(name="Sally Ryan", roles=(Role.TRANSCRIBER, Role.MARKUP))


def _document(*contributors: Contributor) -> Document:
    metadata = Metadata(title="The Work", language="en", authors=("Paul Lafargue",), contributors=contributors)
    return Document(metadata=metadata, body=(Paragraph(content=(Text(text="Words."),)),))


def _chapter_credits(*contributors: Contributor) -> Metadata | None:
    chapter = Chapter(href="ch01.htm", label="Chapter One", document=_document(*contributors))
    book, _ = assemble_work(_document(_BOTH), [chapter], [], "index.htm")
    section = book.body[-1]
    return getattr(section, "metadata", None)


def test_a_role_the_work_gives_the_same_person_is_not_said_again() -> None:
    assert _chapter_credits(Contributor(name="Sally Ryan", roles=(Role.MARKUP,))) is None


def test_a_role_the_work_does_not_give_is_the_chapters_own() -> None:
    own = _chapter_credits(Contributor(name="Sally Ryan", roles=(Role.TRANSLATOR,)))
    assert own is not None and own.contributors == (Contributor(name="Sally Ryan", roles=(Role.TRANSLATOR,)),)
