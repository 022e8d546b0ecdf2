from __future__ import annotations

from publish.model import Contributor, Role
from publish.normalise.credits import apply_credit_line, names_in
from publish.normalise.draft import MetadataDraft


def _draft(*lines: str) -> MetadataDraft:
    draft = MetadataDraft()
    for index, line in enumerate(lines):
        apply_credit_line(draft, line, unlabelled_is_source=index == 0)
    return draft


def test_etol_credit_block() -> None:
    draft = _draft(
        "Socialism from below, Socialist Worker, No.1803, 8 June 2002.",
        "Copied with thanks from the Socialist Worker Website.",
        "Marked up by Einde O’Callaghan for the Marxists’ Internet Archive.",
    )
    assert draft.source == "Socialism from below, Socialist Worker, No.1803, 8 June 2002"
    assert draft.contributors == [Contributor(name="Einde O’Callaghan", roles=(Role.MARKUP,))]
    assert draft.credits == ["Copied with thanks from the Socialist Worker Website."]


def test_labelled_lines() -> None:
    draft = _draft(
        "Written: March 1875",
        "First Published: Die Neue Zeit, Bd. 1, No. 18, 1890-91",
        "Transcription/Markup: Zodiac and Brian Baggins",
        "Translated: Progress Publishers",
        "Proofread by: Matthew Carmody, 2009",
        "Public Domain: Marxists Internet Archive (2003)",
        "Last updated on 11 December 2009",
    )
    assert draft.written == "1875-03"
    assert draft.source == "Die Neue Zeit, Bd. 1, No. 18, 1890-91"
    both = (Role.TRANSCRIBER, Role.MARKUP)  # one person with two roles is one contributor
    assert Contributor(name="Zodiac", roles=both) in draft.contributors
    assert Contributor(name="Brian Baggins", roles=both) in draft.contributors
    assert Contributor(name="Progress Publishers", roles=(Role.TRANSLATOR,)) in draft.contributors
    assert Contributor(name="Matthew Carmody", roles=(Role.PROOFREADER,)) in draft.contributors
    assert draft.rights == "Public Domain: Marxists Internet Archive (2003)"
    assert draft.last_updated == "2009-12-11"


def test_names_in_a_credit() -> None:
    assert names_in("A, B and C for the MIA, 2002") == (["A", "B", "C"], "for the MIA, 2002")
    assert names_in("Einde O’Callaghan") == (["Einde O’Callaghan"], "")


def test_a_publication_named_beside_the_translator_is_no_translator() -> None:
    """Icelandic "Þýða við: Örn Ólafsson, Rósa Lúxembúrg á íslensku, 2007" (a site's title),
    and a site's address in English: the person is credited, the rest kept in the line."""
    for line, person in (
        ("Þýða við: Örn Ólafsson, Rósa Lúxembúrg á íslensku, 2007.", "Örn Ólafsson"),
        ("Translated by Jane Roe, left-voice.org, 2010", "Jane Roe"),
    ):
        draft = _draft(line)
        assert draft.contributors == [Contributor(name=person, roles=(Role.TRANSLATOR,))], line
        assert line in draft.credits


def test_a_date_after_the_names_is_no_name() -> None:
    for line, person in (
        ("Transcribed by Ted Crawford, September 2012.", "Ted Crawford"),
        ("Transcripción: Ana Gil, marzo 2003", "Ana Gil"),
    ):
        assert [c.name for c in _draft("Source.", line).contributors] == [person], line
