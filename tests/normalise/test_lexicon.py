"""The lexicon: a language is one module and one registry line; header dates in many languages.

Dates are checked through ``parse_date`` and through the whole reader, on pages set out as the
archive sets them (an ``h3`` date line under the title; a ``p.information`` credit block).
"""

from __future__ import annotations

from types import MappingProxyType

import pytest

from publish.model import Contributor, Heading, Note, NoteKind, Role
from publish.model_walk import query
from publish.normalise import read
from publish.normalise.dates import MONTHS, parse_date
from publish.normalise.lexicon import LEXICONS, Lexicon, combine, combined, lexicon_for, registry
from publish.normalise.lexicon.patterns import notes_heading, salutation

# (language folder, date as the archive writes it, ISO date)
_DATES = [
    ("espanol", "12 de enero de 1926", "1926-01-12"),
    ("francais", "3 février 1871", "1871-02-03"),
    ("francais", "1er mai 1871", "1871-05-01"),
    ("deutsch", "14. März 1883", "1883-03-14"),
    ("italiano", "5 maggio 1918", "1918-05-05"),
    ("portugues", "5 de maio de 1918", "1918-05-05"),
    ("russkij", "7 ноября 1917 г.", "1917-11-07"),
    ("svenska", "5 maj 1918", "1918-05-05"),
    ("nederlands", "5 mei 1918", "1918-05-05"),
    ("polski", "5 maja 1918", "1918-05-05"),
    ("ellinika", "5 Μαΐου 1918", "1918-05-05"),
    ("islenska", "5. maí 1918", "1918-05-05"),
    ("eesti", "5. mai 1918", "1918-05-05"),
    ("suomi", "5. toukokuuta 1918", "1918-05-05"),
    ("catala", "5 de maig de 1918", "1918-05-05"),
    ("catala", "12 d’octubre de 1934", "1934-10-12"),
]


@pytest.mark.parametrize(("folder", "text", "iso"), _DATES)
def test_parse_date_reads_each_language_to_the_day(folder: str, text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("январь 1917", "1917-01"),  # a stand-alone (nominative) month with a year
        ("Mai 1968", "1968-05"),
        ("fifty years ago, 1848", "1848"),  # Italian/Spanish "ago" (August) needs a day
        ("a set 1918", "1918"),  # Italian/Portuguese "set" (September) needs a day
        ("5 set 1918", "1918-09-05"),
        ("Sept. 1939", "1939-09"),  # English short names stand with a year alone, as before
        ("No.1803, 5 maja 1918", "1918-05-05"),
    ],
)
def test_month_names_only_inside_a_date_shape(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def _page(folder: str, date_line: str, credits: str) -> bytes:
    return f"""<html><head><title>T</title>
<link rel="stylesheet" type="text/css" href="../../css/works.css" /></head><body>
<p class="title">Archivo</p>
<h2>Rosa Luxemburg</h2>
<h1>Ein Titel</h1>
{date_line}
<p class="information">{credits}</p>
<p>{"Lorem ipsum dolor sit amet. " * 12}</p>
</body></html>""".encode()


@pytest.mark.parametrize(("folder", "text", "iso"), _DATES)
def test_the_reader_reads_an_h3_date_line_to_the_day(folder: str, text: str, iso: str) -> None:
    page = _page(folder, f"<h3>{text}</h3>", '<span class="info">Source:</span> Die Rote Fahne.')
    metadata = read(page, f"{folder}/luxemburg/1918/page.htm").document.metadata
    assert metadata.date == iso
    assert metadata.title == "Ein Titel"
    assert text not in metadata.credits  # the date said all the line said


@pytest.mark.parametrize(
    ("label", "text", "iso"),
    [
        ("Escrito:", "12 de enero de 1926", "1926-01-12"),
        ("Scritto:", "5 maggio 1918", "1918-05-05"),
        ("Geschrieben:", "14. März 1883", "1883-03-14"),
        ("Écrit:", "3 février 1871", "1871-02-03"),
        ("Skrifaður:", "5. maí 1918", "1918-05-05"),
        ("Kirjutatud:", "5. mai 1918", "1918-05-05"),
        ("Kirjoitettu:", "5. toukokuuta 1918", "1918-05-05"),
        ("Napisane:", "5 maja 1918", "1918-05-05"),
    ],
)
def test_the_reader_reads_a_written_credit_to_the_day(label: str, text: str, iso: str) -> None:
    credits = f'<span class="info">{label}</span> {text}<br /><span class="info">Source:</span> Die Rote Fahne.'
    metadata = read(_page("x", "", credits), "x/page.htm").document.metadata
    assert metadata.written == iso
    assert not any(text in line for line in metadata.credits)


_TOY = Lexicon(
    languages=("xx",),  # no CLDR locale: no months of its own, and nothing breaks
    roles=(((Role.TRANSLATOR,), "tradukinto"), ((Role.MARKUP,), r"markig(?:o|is)")),
    written=("skribita",),
    source=("origino",),
    credit_by=("far",),
    name_joins=("kun",),
)
_TOY_CREDITS = (
    '<span class="info">Skribita:</span> 3 March 1871<br />'
    '<span class="info">Origino:</span> La Monata Revuo, n-ro 4.<br />'
    '<span class="info">Tradukinto:</span> Ana Nomo kun Bo Alia<br />'
    "Markigis far Ci Tria"
)


def test_a_toy_language_registered_in_one_line_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page("xx", "", _TOY_CREDITS)
    before = read(page, "xx/page.htm").document.metadata
    assert before.written is None and not before.contributors  # unknown labels: kept verbatim

    monkeypatch.setattr(registry, "LEXICONS", MappingProxyType({**LEXICONS, "xx": _TOY}))
    metadata = read(page, "xx/page.htm").document.metadata
    assert metadata.written == "1871-03-03"
    assert metadata.source == "La Monata Revuo, n-ro 4"
    assert set(metadata.contributors) == {
        Contributor(name="Ana Nomo", roles=(Role.TRANSLATOR,)),
        Contributor(name="Bo Alia", roles=(Role.TRANSLATOR,)),
        Contributor(name="Ci Tria", roles=(Role.MARKUP,)),
    }
    assert metadata.credits == ()
    assert lexicon_for("xx-XX") is _TOY


def test_the_union_is_built_once_and_keeps_every_language() -> None:
    assert combined() is combined()
    union = combined()
    assert union.languages == tuple(LEXICONS)
    for lexicon in LEXICONS.values():
        assert set(lexicon.source) <= set(union.source)
        assert set(lexicon.navigation) <= set(union.navigation)
    assert union.about_the_work == LEXICONS["en"].about_the_work  # English first


def test_role_labels_are_grouped_by_roles_in_the_order_first_met() -> None:
    first = Lexicon(languages=("aa",), roles=(((Role.EDITOR,), "a"), ((Role.TRANSLATOR,), "b")))
    second = Lexicon(languages=("bb",), roles=(((Role.TRANSLATOR,), "c"), ((Role.EDITOR,), "d")))
    assert combine((first, second)).roles == (
        ((Role.EDITOR,), "a"),
        ((Role.EDITOR,), "d"),
        ((Role.TRANSLATOR,), "b"),
        ((Role.TRANSLATOR,), "c"),
    )


def test_one_month_table_from_cldr() -> None:
    assert MONTHS["january"] == 1 and MONTHS["sept"] == 9  # English, as before
    assert MONTHS["января"] == 1 and MONTHS["maja"] == 5 and MONTHS["μαΐου"] == 5  # genitives


def test_a_name_two_languages_give_different_months_is_no_evidence() -> None:
    # Polish "listopad" is November, Croatian "listopad" October.
    both = Lexicon(languages=("pl", "hr"))
    assert parse_date("5 listopada 1918", both) == "1918"
    assert parse_date("5 listopada 1918", Lexicon(languages=("pl",))) == "1918-11-05"


def test_year_first_languages_get_their_shape_from_cldr() -> None:
    hungarian = Lexicon(languages=("hu",))
    assert parse_date("1918. május 5.", hungarian) == "1918-05-05"
    assert parse_date("1918. május 5.") == "1918"  # no registered language writes the year first


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("My dear Engels,", True),
        ("Lieber Freund!", True),
        ("Querida compañera:", True),
        ("Comrades!", True),
        ("Comrades and friends, we meet today.", False),
        ("The dear old days were gone.", False),
    ],
)
def test_salutations(line: str, expected: bool) -> None:
    assert (salutation(combined()).match(line) is not None) is expected


@pytest.mark.parametrize(
    ("heading", "owner"),
    [
        ("Notes", ""),
        ("Footnotes", ""),
        ("Translator's notes", "Translator"),
        ("Notes by the editors", "editors"),
        ("Notas del traductor", "traductor"),
        ("Notas de la traductor", "traductor"),
        ("Anmerkungen", ""),
    ],
)
def test_notes_headings(heading: str, owner: str) -> None:
    match = notes_heading(combined()).match(heading)
    assert match is not None
    assert (match.group("before") or match.group("after") or "") == owner


def test_a_heading_that_only_mentions_notes_is_none() -> None:
    assert notes_heading(combined()).match("Notes on the Revolution") is None


def test_a_lexicon_without_cldr_months_reads_numbers_only() -> None:
    alone = Lexicon(languages=("xx",))
    assert parse_date(" 5, 1918", alone) == "1918"
    assert parse_date("5 June 1918", alone) == "1918"
    assert parse_date("5.6.1918", alone) == "1918-06-05"


_TOY_NOTES = Lexicon(
    languages=("xx",),
    notes_headings=("piednotoj",),
    note_owners=("tradukinto",),
    translator_owners=("tradukinto",),
    notes_of=("de",),
    articles=("la",),
)


def test_a_toy_languages_notes_heading_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    prose = "Vortoj de la teksto, kiujn leganto legas antaŭ ĉiu noto. " * 4
    page = f"""<html><head><title>T</title></head><body><h1>Titolo</h1>
<p>{prose}</p><p>Teksto<a href="#n1">[1]</a> kaj pli.</p><p>{prose}</p>
<h3>Piednotoj de la tradukinto</h3><p><a name="n1">1.</a> Noto.</p>
</body></html>""".encode()

    def notes_and_headings() -> tuple[list[NoteKind], list[str]]:
        body = read(page, "xx/page.htm").document.body
        headings = ["".join(getattr(inline, "text", "") for inline in h.content) for h in query(body, Heading)]
        return [note.kind for note in query(body, Note)], headings

    assert notes_and_headings() == ([NoteKind.AUTHOR], ["Piednotoj de la tradukinto"])  # an unknown word
    monkeypatch.setattr(registry, "LEXICONS", MappingProxyType({**LEXICONS, "xx": _TOY_NOTES}))
    assert notes_heading(combined()).match("Piednotoj de la tradukinto") is not None
    assert notes_and_headings() == ([NoteKind.TRANSLATOR], [])  # the heading frames the notes and goes with them
