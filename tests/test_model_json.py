"""The model's JSON form round-trips exactly, for any document the types allow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


_HEADER = '"format": "publish-model", "version": 1'


def _doc(body: str, metadata: str = '"title": "T", "language": "en"') -> str:
    return f'{{{_HEADER}, "metadata": {{{metadata}}}, "body": [{body}]}}'


def test_unknown_node_type_is_refused() -> None:
    with pytest.raises(ValueError, match="Blink"):
        model_json.loads(_doc('{"type": "Blink", "content": []}'))


def test_the_json_says_what_it_is_and_which_version() -> None:
    data = json.loads(model_json.dumps(Document(metadata=model.Metadata(title="T", language="en"))))
    assert list(data)[:2] == ["format", "version"]
    assert data["format"] == "publish-model" and data["version"] == model_json.VERSION


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"metadata": {"title": "T", "language": "en"}, "body": []}', r"\$\.format: expected 'publish-model'"),
        (
            '{"format": "publish-model", "metadata": {}, "body": []}',
            r"\$\.version: this publish reads version 1, got null",
        ),
        ('{"format": "publish-model", "version": 99, "body": []}', r"\$\.version: .* got 99"),
        ('{"format": "publish-model", "version": true, "body": []}', r"\$\.version: .* got true"),
        ('{"format": "pandoc", "version": 1}', r"\$\.format: .* got \"pandoc\""),
        ("[1, 2]", r"\$: expected an object"),
        ("not json", r"Expecting value"),
    ],
)
def test_another_format_or_version_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_json.loads(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_doc('{"type": "Paragraph", "content": [], "colour": "red"}'), r"\$\.body\[0\]: unknown key 'colour'"),
        (_doc("", '"title": "T", "language": "en", "titel": "x"'), r"\$\.metadata: unknown key 'titel'"),
        (_doc('{"type": "Heading", "level": true, "content": []}'), r"\$\.body\[0\]\.level: expected int, got true"),
        (_doc('{"type": "Heading", "level": "2", "content": []}'), r"\$\.body\[0\]\.level: expected int"),
        (_doc('{"type": "Paragraph", "content": [{"type": "Text", "text": 5}]}'), r"content\[0\]\.text: expected str"),
        (_doc('{"type": "Paragraph", "content": "words"}'), r"\$\.body\[0\]\.content: expected a list"),
        (_doc('{"type": "Paragraph", "content": [], "role": "chorus"}'), r"\.role: expected one of body, "),
        (_doc('{"type": "Paragraph", "content": [], "role": ["body"]}'), r"\.role: expected one of"),
        (_doc('{"type": "Paragraph", "content": [{"type": "Break"}]}'), r"content\[0\]\.type: a Break cannot stand"),
        (_doc('{"type": "Paragraph"}'), r"\$\.body\[0\]: Paragraph needs 'content'"),
        (_doc('{"content": []}'), r'\$\.body\[0\]: expected a node with a "type"'),
        (_doc('"words"'), r"\$\.body\[0\]: expected a node"),
        (_doc("", '"title": "T"'), r"\$\.metadata: Metadata needs 'language'"),
        (_doc("", '"title": null, "language": "en"'), r"\$\.metadata\.title: expected str, got null"),
        (
            _doc('{"type": "ListBlock", "kind": "bullet", "items": [{"type": "TableCell", "blocks": []}]}'),
            r"items\[0\]\.type: expected ListItem",
        ),
        (_doc("", '"title": "T", "language": "en", "contributors": [{"name": "A", "roles": ["x"]}]'), r"roles\[0\]"),
    ],
)
def test_every_wrong_value_is_a_value_error_naming_its_path(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        model_json.loads(text)


def test_json_nested_past_what_python_parses_is_a_value_error() -> None:
    deep = '{"type": "Quotation", "blocks": [' * 5000 + "]}" * 5000
    with pytest.raises(ValueError, match="nested too deeply"):
        model_json.loads(_doc(deep))


def test_the_model_of_a_page_nested_200_deep_round_trips() -> None:
    from publish.normalise import read

    page = "<html><body><h1>Deep</h1>" + "<blockquote><ul><li>w " * 200 + "end" + "</li></ul></blockquote>" * 200
    document = read(f"{page}</body></html>".encode(), "deep.htm").document
    assert model_json.loads(model_json.dumps(document)) == document
    assert model_json.loads(model_json.dumps(document, indent=None)) == document


def test_publish_inspects_own_output_loads_back(tmp_path: Path) -> None:
    """What ``publish inspect`` prints for hostile input (200 levels deep, an ESC, a broken
    address) is model JSON ``loads`` takes back, header and all."""
    page = tmp_path / "deep.htm"
    nested = "<ul><li>w " * 200 + "end" + "</li></ul>" * 200
    page.write_text(
        f'<html><head><title>T</title></head><body><h1>De\x1bep</h1><p><a href="http://[::1">x</a></p>{nested}'
        "</body></html>",
        encoding="utf-8",
    )
    env = {**os.environ, "PUBLISH_WARM": "0"}
    command = [sys.executable, "-m", "publish", "inspect", str(page)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr
    document = model_json.loads(result.stdout)
    assert document.metadata.title == "Deep"
    assert model_json.dumps(document) == result.stdout
