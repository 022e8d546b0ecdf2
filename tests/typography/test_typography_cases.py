"""The English cases in cases/en.txt, each run through a small Document.

Cases are written in a tiny markup so that quotes crossing inline boundaries are tested
where they occur, in the tree, not only in flat strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish.model import (
    Document,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Metadata,
    Note,
    NoteKind,
    Paragraph,
    Strong,
    Text,
)
from publish.typography import apply_typography
from publish.typography.english import typeset

CASES = Path(__file__).parent / "cases" / "en.txt"
ARROW = " → "
TAG = re.compile(r"(</?(?:i|b|a|note)>|<br>)")


def load_cases() -> list[tuple[str, str]]:
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        source, expected = line.split(ARROW)
        cases.append((source, expected))
    return cases


def parse(markup: str) -> tuple[Inline, ...]:
    tokens = iter(token for token in TAG.split(markup) if token)
    return _parse(tokens, closing=None)


def _parse(tokens: Iterator[str], closing: str | None) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for token in tokens:
        if token == closing:
            return tuple(out)
        if token == "<br>":
            out.append(LineBreak())
        elif token == "<i>":
            out.append(Emphasis(content=_parse(tokens, "</i>")))
        elif token == "<b>":
            out.append(Strong(content=_parse(tokens, "</b>")))
        elif token == "<a>":
            out.append(Link(content=_parse(tokens, "</a>"), target="#x"))
        elif token == "<note>":
            paragraph = Paragraph(content=_parse(tokens, "</note>"))
            out.append(Note(marker="1", kind=NoteKind.AUTHOR, blocks=(paragraph,)))
        else:
            out.append(Text(text=token))
    assert closing is None, f"unclosed {closing}"
    return tuple(out)


def render(content: tuple[Inline, ...]) -> str:
    return "".join(_render(node) for node in content)


def _render(node: Inline) -> str:
    match node:
        case Text():
            return node.text
        case LineBreak():
            return "<br>"
        case Emphasis():
            return f"<i>{render(node.content)}</i>"
        case Strong():
            return f"<b>{render(node.content)}</b>"
        case Link():
            return f"<a>{render(node.content)}</a>"
        case Note():
            paragraph = node.blocks[0]
            assert isinstance(paragraph, Paragraph)
            return f"<note>{render(paragraph.content)}</note>"
        case _:
            raise AssertionError(f"the case markup has no {node!r}")


def typeset_markup(markup: str) -> str:
    document = Document(
        metadata=Metadata(title="Case", language="en-GB"),
        body=(Paragraph(content=parse(markup)),),
    )
    paragraph = apply_typography(document).body[0]
    assert isinstance(paragraph, Paragraph)
    return render(paragraph.content)


CASE_LIST = load_cases()


def test_there_are_enough_cases() -> None:
    assert len(CASE_LIST) >= 25


@pytest.mark.parametrize(("source", "expected"), CASE_LIST, ids=[source for source, _ in CASE_LIST])
def test_case(source: str, expected: str) -> None:
    assert typeset_markup(source) == expected


@pytest.mark.parametrize("expected", [expected for _, expected in CASE_LIST])
def test_expected_output_is_a_fixed_point(expected: str) -> None:
    assert typeset_markup(expected) == expected


@pytest.mark.parametrize(("source", "expected"), [case for case in CASE_LIST if "<" not in case[0]])
def test_plain_cases_as_one_string(source: str, expected: str) -> None:
    assert typeset([source]) == [expected]


def test_markup_round_trips() -> None:
    for source, _ in CASE_LIST:
        assert render(parse(source)) == source
