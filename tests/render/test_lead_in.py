"""A paragraph the archive opens in capitals gets them as small capitals, letters unchanged."""

from __future__ import annotations

import pytest

from publish.model import Paragraph, Text
from publish.render.body import BodyWriter, NoteMode
from publish.render.markup import serialise


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("THE RICH and powerful", '<p><span class="lead-in">THE RICH</span> and powerful</p>'),
        ("MARXISM is a guide", '<p><span class="lead-in">MARXISM</span> is a guide</p>'),
        ("I think so", "<p>I think so</p>"),
        ("The rich and powerful", "<p>The rich and powerful</p>"),
        ("ALL CAPS THROUGHOUT", "<p>ALL CAPS THROUGHOUT</p>"),
    ],
)
def test_capitals_opening_a_paragraph_become_a_lead_in(text: str, html: str) -> None:
    writer = BodyWriter(NoteMode.FOOTNOTES)
    assert serialise(writer.block(Paragraph(content=(Text(text=text),)))) == html
