"""The plain-text reader on small texts: every header part is optional."""

from __future__ import annotations

from publish.model import Paragraph, Text
from publish.normalise import read


def test_a_text_with_only_a_title_and_body() -> None:
    document = read(b"The Title\n\nFirst paragraph, a full sentence.\n\nSecond one.\n", "t.txt").document
    assert document.metadata.title == "The Title"
    assert document.metadata.authors == ()
    assert len(document.body) == 2


def test_wrapped_lines_join_into_one_paragraph() -> None:
    text = b"Author Name\n\nTitle\n\n(1919)\n\nThis is a long\nparagraph wrapped\nacross lines.\n\nMore text here.\n"
    document = read(text, "t.txt").document
    assert document.metadata.date == "1919"
    assert document.body[0] == Paragraph(content=(Text(text="This is a long paragraph wrapped across lines."),))


def test_no_title_falls_back_to_the_file_name_with_a_diagnostic() -> None:
    result = read(b"Just one long sentence of body text that is clearly not a title at all.\n", "my_text.txt")
    assert result.document.metadata.title == "my text"
    assert "N011" in [d.code for d in result.diagnostics]
