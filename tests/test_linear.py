"""Hostile runs cost linear time: the regular expressions that backtracked quadratically on a
long run of one character, the cover's title setting, and the bounds on paragraphs and words.

See tests/linear.py for why these inputs prove linearity without timing anything."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publish.audit_source import is_furniture_line
from publish.bounds import _WORDS, BREAK, bound
from publish.limits import Limits
from publish.model import Document, Emphasis, Metadata, Note, NoteKind, Paragraph, Quotation, Text
from publish.model_walk import query
from publish.normalise.credits import _ADDRESS
from publish.normalise.html.note_markers import _LINK_MARKER
from publish.normalise.html.verse import BREAK_TEXT
from publish.pipeline import load
from publish.render import cover_setting
from publish.render.cover_setting import TITLE, set_text
from publish.typography import french
from tests.linear import BIG, counting, run_of

# The rules: each pattern on a run that fails only at its end.


def test_the_break_rule_reads_a_long_run_of_stars() -> None:
    assert BREAK_TEXT.match("*" * BIG)
    assert not BREAK_TEXT.match(run_of("*", before=""))
    assert not BREAK_TEXT.match(run_of(" "))  # spaces and no star


def test_the_break_rule_keeps_its_meaning() -> None:
    for text in ("* * *", "⁂", " — * — ", "\n*\n", "§"):
        assert BREAK_TEXT.match(text), text
    for text in ("", "   ", "---", "...", "* a *", "*x"):
        assert not BREAK_TEXT.match(text), text


def test_a_paragraph_of_stars_is_read() -> None:
    loaded = load(f"<html><body><p>{'*' * BIG}x</p></body></html>".encode(), "stars.htm")
    assert _text(loaded.document).replace(BREAK, "") == f"{'*' * BIG}x"


def test_french_high_punctuation_over_a_long_run_of_no_break_spaces() -> None:
    assert french.typeset([run_of("\u00a0")]) == [run_of("\u00a0")]
    assert french.typeset(["Travaillez  !"]) == ["Travaillez\u202f!"]  # the rule still applies


def test_the_audit_reads_a_line_of_spaces() -> None:
    assert not is_furniture_line(run_of(" ", after="b"))
    assert is_furniture_line("Home > Archive > Lenin")
    assert is_furniture_line("« Previous | Contents | Next »")
    assert not is_furniture_line("a>b")


def test_a_site_address_and_a_note_marker_over_long_runs() -> None:
    assert _ADDRESS.search("a-" * BIG) is None
    assert _ADDRESS.search("x-marxists.org") and _ADDRESS.search("-marxists.org")
    assert _LINK_MARKER.match(run_of("\u00a0")) is None
    assert _LINK_MARKER.match("(12) .") and _LINK_MARKER.match("[iv]:")


# The cover: a title it cannot show costs the lines it can.


def _measured(words: int) -> int:
    with counting(cover_setting.Measure, "extent") as calls:
        setting = set_text(" ".join(f"word{i % 97}" for i in range(words)), TITLE, 2000, "en")
    assert len(setting.lines) <= TITLE.max_lines
    assert setting.lines[-1].endswith("…")
    return calls[0]


def test_a_long_title_costs_no_more_measuring_than_a_short_overflowing_one() -> None:
    assert _measured(25_600) <= _measured(400) * 1.1


def test_a_title_of_one_enormous_word_is_set_and_ends_in_an_ellipsis() -> None:
    setting = set_text("x" * 1_000_000, TITLE, 2000, "en")
    assert len(setting.lines) <= TITLE.max_lines and setting.lines[-1].endswith("…")


def test_a_title_that_fits_is_set_whole() -> None:
    setting = set_text("The Right to Be Lazy", TITLE, 2000, "en")
    assert " ".join(setting.lines) == "The Right to Be Lazy"


# Bounds: paragraphs cut, words given break opportunities, no letter lost.

_SMALL = Limits(paragraph_words=10, word_chars=8)


def _document(*blocks: Paragraph | Quotation) -> Document:
    return Document(metadata=Metadata(title="T", language="en", origin="page.htm"), body=blocks)


def _text(document: Document) -> str:
    return "".join(node.text for node in query(document.body, Text))


def test_a_long_paragraph_is_cut_into_paragraphs_of_the_limit() -> None:
    words = [f"w{i}" for i in range(25)]
    document = _document(Paragraph(content=(Text(text=" ".join(words)),)))
    bounded, diagnostics = bound(document, limits=_SMALL)
    paragraphs = list(query(bounded.body, Paragraph))
    assert [len(_text(_document(p)).split()) for p in paragraphs] == [10, 10, 5]
    assert " ".join(_text(_document(p)) for p in paragraphs).split() == words
    assert [d.code for d in diagnostics] == ["N060"]
    assert diagnostics[0].where == "page.htm" and "25" in diagnostics[0].message


def test_a_cut_inside_emphasis_makes_two_emphases_and_notes_and_quotations_are_cut_too() -> None:
    inner = Paragraph(content=(Text(text=" ".join(["n"] * 15)),))
    content = (
        Text(text="a b c d e f "),
        Emphasis(content=(Text(text="g h i j k l m"),)),
        Note(marker="1", kind=NoteKind.AUTHOR, blocks=(inner,)),
    )
    bounded, _ = bound(_document(Quotation(blocks=(Paragraph(content=content),))), limits=_SMALL)
    outer = list(query(bounded.body, Paragraph, into=lambda n: not isinstance(n, Note)))
    assert len(outer) == 2
    assert all(any(isinstance(node, Emphasis) for node in p.content) for p in outer)
    notes = list(query(bounded.body, Note))
    assert len(notes[0].blocks) == 2


def test_a_long_word_gets_break_opportunities_and_keeps_every_letter() -> None:
    word = "x" * 30
    bounded, diagnostics = bound(_document(Paragraph(content=(Text(text=f"a {word} b"),))), limits=_SMALL)
    text = _text(bounded)
    assert text.replace(BREAK, "") == f"a {word} b"
    assert all(len(piece) <= 8 for piece in text.split()[1].split(BREAK))
    assert [d.code for d in diagnostics] == ["N061"]


def test_a_long_word_breaks_every_20_letters_to_fit_the_narrowest_line() -> None:
    bounded, _ = bound(_document(Paragraph(content=(Text(text="y" * 1000),))))
    assert [len(piece) for piece in _text(bounded).split(BREAK)] == [20] * 50


def test_no_break_spaces_do_not_hide_a_long_word_and_accents_stay_on_their_letters() -> None:
    joined = "a\u00a0" * 10 + "e\u0301" * 10
    bounded, _ = bound(_document(Paragraph(content=(Text(text=joined),))), limits=_SMALL)
    text = _text(bounded)
    assert BREAK in text and text.replace(BREAK, "") == joined
    assert f"{BREAK}\u0301" not in text


def test_chinese_breaks_between_letters_so_it_is_words_not_one_long_word() -> None:
    bounded, diagnostics = bound(_document(Paragraph(content=(Text(text="中" * 25),))), limits=_SMALL)
    assert BREAK not in _text(bounded)
    assert [d.code for d in diagnostics] == ["N060"]


def test_bounding_within_the_limits_changes_nothing() -> None:
    document = _document(Paragraph(content=(Text(text="A short paragraph."),)))
    assert bound(document) == (document, ())
    once, _ = bound(_document(Paragraph(content=(Text(text="x" * 30 + " y" * 30),))), limits=_SMALL)
    assert bound(once, limits=_SMALL) == (once, ())  # a fixed point


def test_a_page_of_one_enormous_paragraph_and_one_enormous_word_is_bounded() -> None:
    page = f"<p>{'word ' * BIG}</p><p>{'y' * BIG}</p>"
    loaded = load(f"<html><head><title>T</title></head><body>{page}</body></html>".encode(), "big.htm")
    codes = {d.code for d in loaded.diagnostics}
    assert {"N060", "N061"} <= codes
    paragraphs = list(query(loaded.document.body, Paragraph))
    assert len(paragraphs) >= BIG // Limits().paragraph_words
    assert _text(loaded.document).replace(BREAK, "").count("y") == BIG


_PIECES = st.sampled_from(["a", "bb", "ccc ", " ", "\u00a0", "中", "e\u0301", "x" * 12, "\n", "-"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=30).map("".join), min_size=1, max_size=4))
def test_bounding_loses_no_letter_and_cuts_at_the_limit(texts: list[str]) -> None:
    content = tuple(Emphasis(content=(Text(text=text),)) if i % 2 else Text(text=text) for i, text in enumerate(texts))
    document = _document(Paragraph(content=content))
    bounded, _ = bound(document, limits=_SMALL)
    assert "".join(_text(bounded).replace(BREAK, "").split()) == "".join("".join(texts).split())
    for paragraph in query(bounded.body, Paragraph):
        words = len(_WORDS.findall(_text(_document(paragraph))))
        assert words <= _SMALL.paragraph_words + len(texts)  # a cut never falls where one inline meets the next
