"""For any document the model allows, the body writer's XHTML is well-formed XML and keeps every word.

Well-formed is checked by lxml's strict parser (no recovery); words by ``publish.words``, as a
multiset: each word of the model's text (notes included) is in the page's text at least as
often (the writer adds words of its own: note markers, "[Picture: …]", labels). Characters XML
forbids are no part of a word: the writer drops them, and so does the comparison.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from publish import model
from publish.render.body import BodyWriter, NoteMode
from publish.render.markup import serialise_all
from publish.words import block_text, words
from tests.model_strategy import BLOCK_TYPES, INLINE_TYPES, documents, model_types, node

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XHTML = "http://www.w3.org/1999/xhtml"
_OPS = "http://www.idpf.org/2007/ops"
PROPERTY = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip


def _page(doc: model.Document, notes: NoteMode) -> etree._Element:
    writer = BodyWriter(notes, pictures={})  # no picture is in the book: each says its alt text in words
    nodes = writer.blocks(doc.body)
    nodes += writer.deferred_notes() if notes is NoteMode.FOOTNOTES else writer.endnotes()
    markup = serialise_all(nodes)
    return etree.fromstring(f'<body xmlns="{_XHTML}" xmlns:epub="{_OPS}">{markup}</body>')


@PROPERTY
@given(doc=documents(), notes=st.sampled_from(list(NoteMode)))
def test_body_xhtml_is_well_formed_and_keeps_every_word(doc: model.Document, notes: NoteMode) -> None:
    page = _page(doc, notes)
    expected = Counter(words(_NOT_XML.sub("", block_text(doc.body))))
    found = Counter(words("\n".join(page.itertext())))
    lost = expected - found
    assert not lost, f"words lost: {sorted(lost)}"


def test_the_strategy_covers_every_node_and_field_of_the_model() -> None:
    """Each Block and Inline type is generated, and each field of every model dataclass: the
    strategy is built from the types, and this says so should the model grow a kind of value
    ``of_type`` cannot build (it raises) or a dataclass outside the unions."""
    reached: set[type] = set()

    def visit(value: object) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            reached.add(type(value))
            for field in dataclasses.fields(value):
                visit(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                visit(item)

    @settings(PROPERTY, max_examples=200)
    @given(doc=documents())
    def walk(doc: model.Document) -> None:
        visit(doc)

    walk()
    for kind in (*BLOCK_TYPES, *INLINE_TYPES):
        node(kind)  # every annotation of every node can be generated
    assert reached == model_types()
