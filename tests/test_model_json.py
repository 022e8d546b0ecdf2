"""The model's JSON form round-trips exactly, for any document the types allow."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from publish import model, model_json
from publish.model import Document

_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20)
_ident = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


def _inlines(children: st.SearchStrategy[model.Inline]) -> st.SearchStrategy[tuple[model.Inline, ...]]:
    return st.lists(children, max_size=3).map(tuple)


_leaf_inline: st.SearchStrategy[model.Inline] = st.one_of(
    st.builds(model.Text, text=_text),
    st.builds(model.LineBreak),
    st.builds(model.PageMarker, page=_ident, volume=st.none() | _ident),
)
_inline: st.SearchStrategy[model.Inline] = st.recursive(
    _leaf_inline,
    lambda children: st.one_of(
        st.builds(model.Emphasis, content=_inlines(children)),
        st.builds(model.Strong, content=_inlines(children)),
        st.builds(model.SmallCaps, content=_inlines(children)),
        st.builds(model.Superscript, content=_inlines(children)),
        st.builds(model.Link, content=_inlines(children), target=_text),
        st.builds(
            model.Note,
            marker=_text,
            kind=st.sampled_from(model.NoteKind),
            blocks=st.lists(st.builds(model.Paragraph, content=_inlines(children)), max_size=2).map(tuple),
        ),
    ),
    max_leaves=8,
)
_content = _inlines(_inline)
_leaf_block: st.SearchStrategy[model.Block] = st.one_of(
    st.builds(model.Paragraph, content=_content),
    st.builds(model.Heading, level=st.integers(1, 6), content=_content, id=st.none() | _ident),
    st.builds(model.Break),
    st.builds(model.Figure, source=_text, alt=_text, caption=_content),
    st.builds(model.Verse, stanzas=st.lists(st.lists(_content, max_size=3).map(tuple), max_size=2).map(tuple)),
)
_block: st.SearchStrategy[model.Block] = st.recursive(
    _leaf_block,
    lambda children: st.one_of(
        st.builds(model.Quotation, blocks=st.lists(children, max_size=3).map(tuple)),
        st.builds(model.Section, id=_ident, title=_content, blocks=st.lists(children, max_size=3).map(tuple)),
        st.builds(
            model.ListBlock,
            kind=st.sampled_from(model.ListKind),
            items=st.lists(st.builds(model.ListItem, blocks=st.lists(children, max_size=2).map(tuple)), max_size=3).map(
                tuple
            ),
            start=st.integers(1, 20),
        ),
        st.builds(
            model.Table,
            rows=st.lists(
                st.lists(
                    st.builds(model.TableCell, blocks=st.lists(children, max_size=2).map(tuple), header=st.booleans()),
                    max_size=3,
                ).map(tuple),
                max_size=3,
            ).map(tuple),
        ),
    ),
    max_leaves=10,
)
_metadata = st.builds(
    model.Metadata,
    title=_text,
    language=st.sampled_from(["en", "fr", "es-MX", "is"]),
    subtitle=st.none() | _text,
    authors=st.lists(_text, max_size=3).map(tuple),
    contributors=st.lists(
        st.builds(
            model.Contributor,
            name=_text,
            roles=st.lists(st.sampled_from(model.Role), min_size=1, max_size=2, unique=True).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    date=st.none() | st.sampled_from(["1919", "1980-04", "2002-06-08"]),
    last_updated=st.none() | st.just("2009-12-11"),
    source=st.none() | _text,
    standfirst=st.none() | _text,
    credits=st.lists(_text, max_size=2).map(tuple),
    missing_pages=st.lists(_text, max_size=2).map(tuple),
    untranscribed_parts=st.lists(_text, max_size=2).map(tuple),
)
documents = st.builds(Document, metadata=_metadata, body=st.lists(_block, max_size=5).map(tuple))


@settings(max_examples=150, deadline=None)
@given(documents)
def test_json_round_trip_is_exact(document: Document) -> None:
    assert model_json.loads(model_json.dumps(document)) == document


def test_json_names_the_fields_users_read() -> None:
    document = Document(
        metadata=model.Metadata(
            title="T",
            language="en",
            authors=("A",),
            contributors=(model.Contributor(name="C", roles=(model.Role.MARKUP,)),),
        ),
        body=(model.Paragraph(content=(model.Text(text="x"),)),),
    )
    data = json.loads(model_json.dumps(document))
    assert data["metadata"]["authors"] == ["A"]
    assert data["metadata"]["contributors"] == [{"name": "C", "roles": ["markup"]}]
    assert data["body"][0] == {"type": "Paragraph", "content": [{"type": "Text", "text": "x"}], "role": "body"}


def test_a_partial_works_gaps_are_stored_and_an_unbroken_works_leave_no_trace() -> None:
    partial = model.Metadata(title="T", language="is", missing_pages=("ch09.htm",), untranscribed_parts=("Lecture 9",))
    data = json.loads(model_json.dumps(Document(metadata=partial)))
    assert data["metadata"]["missing_pages"] == ["ch09.htm"]
    assert data["metadata"]["untranscribed_parts"] == ["Lecture 9"]
    assert model_json.loads(model_json.dumps(Document(metadata=partial))).metadata == partial
    whole = json.loads(model_json.dumps(Document(metadata=model.Metadata(title="T", language="is"))))
    assert "missing_pages" not in whole["metadata"] and "untranscribed_parts" not in whole["metadata"]


def test_unknown_node_type_is_refused() -> None:
    text = '{"metadata": {"title": "T", "language": "en"}, "body": [{"type": "Blink", "content": []}]}'
    try:
        model_json.loads(text)
    except ValueError as error:
        assert "Blink" in str(error)
    else:
        raise AssertionError("an unknown node type was accepted")
