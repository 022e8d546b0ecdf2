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
