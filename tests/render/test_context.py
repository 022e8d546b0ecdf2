"""The credits chain as the colophon and the imprint print it: each fact once, each line a sentence."""

from __future__ import annotations

from publish.model import Contributor, Metadata, Role
from publish.render.context import book_view

_GOTHA = Metadata(
    title="Critique of the Gotha Programme",
    language="en",
    authors=("Karl Marx",),
    contributors=(
        Contributor(name="Zodiac", roles=(Role.TRANSCRIBER,)),
        Contributor(name="Brian Baggins", roles=(Role.TRANSCRIBER, Role.MARKUP)),
        Contributor(name="Andy Blunden", roles=(Role.PROOFREADER,)),
    ),
    source="Marx/Engels Selected Works, Volume Three, p. 13-30;",
    credits=(
        "Publisher: Progress Publishers, Moscow, 1970;",
        "Transcribed: Zodiac and Brian Baggins;",
        "HTML Markup: Brian Baggins.",
    ),
)


def test_a_role_the_archives_own_lines_name_is_not_said_again() -> None:
    view = book_view(_GOTHA)
    assert [credit.text for credit in view.credits] == ["Proofread by Andy Blunden."]


def test_credit_lines_end_as_sentences_and_the_source_without_its_separator() -> None:
    view = book_view(_GOTHA)
    assert view.acknowledgements == (
        "Publisher: Progress Publishers, Moscow, 1970.",
        "Transcribed: Zodiac and Brian Baggins.",
        "HTML Markup: Brian Baggins.",
    )
    assert view.source == "Marx/Engels Selected Works, Volume Three, p. 13-30"
