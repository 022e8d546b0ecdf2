"""How a real archive page goes bad, as Hypothesis strategies over plain, replayable edits.

Each edit is a small value (a kind, a place given as a fraction of the page, a size, a
payload) applied to the page's bytes by a pure function, so a failing case prints as a few
readable edits, and shrinking makes them fewer and smaller. The kinds are the ones the
archive and the web show: bytes flipped, lost or doubled in transfer; tags dropped; a page
re-encoded in another charset or its declaration swapped; entities, control characters,
byte-order marks and broken addresses pasted in; blocks nested past reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

ENCODINGS = ("utf-8", "utf-8-sig", "latin-1", "cp1252", "cp1251", "utf-16", "utf-16-le", "utf-16-be", "shift_jis")
"""Charsets a page is re-encoded into (characters it cannot hold become references)."""

LABELS = (b"utf-8", b"iso-8859-1", b"windows-1251", b"utf-16", b"rtf-8", b"utf-98", b"x-unknown", b"", b"utf-32")
"""Charset declarations swapped in: true, lying, misspelt, empty and unknown ones."""

PAYLOADS: tuple[bytes, ...] = (
    # entities: defined, undefined, unterminated, out of Unicode, surrogates, NUL
    b"&amp;", b"&nbsp", b"&bogus;", b"&#0;", b"&#xD800;", b"&#1114112;", b"&#x110000;", b"&#65533;", b"&#x1F;",
    # control characters XML forbids, C1 controls, noncharacters, a lone surrogate's bytes
    b"\x00", b"\x01\x02", b"\x0b\x0c", b"\x1b[31m", b"\x7f", b"\xc2\x85",
    b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xed\xa0\x80",
    # byte-order marks of every width, in the middle of a page
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00",
    # addresses a parser refuses, and ones a book must not follow
    b'<a href="http://[::1">broken</a>', b'<img src="http://[::1" alt="x">', b'<a href="javascript:alert(1)">js</a>',
    b'<a href="%zz%">pct</a>', b'<a href="file:///etc/passwd">file</a>', b'<a href="#">empty</a>',
    b'<img src="../../../../etc/passwd">', b'<a name="f1"></a><a href="#f1">[1]</a>', b'<a href="http://x:99999/">port</a>',
    # markup out of place
    b"<p>", b"</p>", b"</body>", b"<html>", b"<![CDATA[x]]>", b"<!--", b"-->", b"<?xml version='1.0'?>", b"<table><tr>",
    b"<td>", b"<br>" * 40, b"<h1></h1>", b"<sup>", b"<span class=\"inote\">", b"<p class=\"title\">",
    b"<script>alert(1)</script>", b"<style>p{}</style>", b"<svg><text>x</text></svg>",
    # text at the edges: long words, right-to-left marks, combining marks, astral characters
    b"x" * 500, b"\xe2\x80\x8f\xe2\x80\xae", b"a\xcc\x81\xcc\x81\xcc\x81", b"\xf0\x9f\x98\x80", b"\xe2\x80\xa8",
)  # fmt: skip

_TAG = re.compile(rb"<[^<>]{0,200}>")
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?[-\w]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Edit:
    """One edit: ``where`` is a place in the page as a fraction of its length."""

    kind: str
    where: float
    size: int = 1
    payload: int = 0

    def apply(self, data: bytes) -> bytes:
        return _APPLY[self.kind](data, self)


def _at(data: bytes, where: float) -> int:
    return min(len(data), int(where * len(data)))


def _flip(data: bytes, edit: Edit) -> bytes:
    if not data:
        return data
    at = min(len(data) - 1, _at(data, edit.where))
    return data[:at] + bytes([data[at] ^ (edit.payload % 255 + 1)]) + data[at + 1 :]


def _delete(data: bytes, edit: Edit) -> bytes:
    at = _at(data, edit.where)
    return data[:at] + data[at + edit.size :]


def _duplicate(data: bytes, edit: Edit) -> bytes:
    at = _at(data, edit.where)
    return data[: at + edit.size] + data[at:]


def _truncate(data: bytes, edit: Edit) -> bytes:
    return data[: _at(data, edit.where)]


def _drop_tag(data: bytes, edit: Edit) -> bytes:
    """Drop ``size`` tags from the one nearest the place on: a lost ``</table>`` or ``<body>``."""
    tags = list(_TAG.finditer(data))
    if not tags:
        return data
    first = min(len(tags) - 1, int(edit.where * len(tags)))
    for match in reversed(tags[first : first + edit.size]):
        data = data[: match.start()] + data[match.end() :]
    return data


def _insert(data: bytes, edit: Edit) -> bytes:
    at = _at(data, edit.where)
    return data[:at] + PAYLOADS[edit.payload % len(PAYLOADS)] * edit.size + data[at:]


_TITLED = re.compile(rb"<title>|<h[1-4][^>]*>|class=\"?title\"?[^>]*>", re.IGNORECASE)


def _title(data: bytes, edit: Edit) -> bytes:
    """A payload inside a title (the page's, a heading, MIA's ``p.title``): titles reach the
    book's metadata, contents and navigation, where markup rules are strictest."""
    titles = list(_TITLED.finditer(data))
    if not titles:
        return _insert(data, edit)
    at = titles[min(len(titles) - 1, int(edit.where * len(titles)))].end()
    return data[:at] + PAYLOADS[edit.payload % len(PAYLOADS)] * edit.size + data[at:]


def _nest(data: bytes, edit: Edit) -> bytes:
    """Blocks inside blocks, ``size`` deep, opened at the place (and never closed)."""
    tag = (b"<blockquote>", b"<ul><li>", b"<div>", b"<table><tr><td>", b"<em>", b"<sup>")[edit.payload % 6]
    at = _at(data, edit.where)
    return data[:at] + tag * edit.size + b"deep" + data[at:]


def _relabel(data: bytes, edit: Edit) -> bytes:
    """Swap every charset declaration's label for another, leaving the bytes as they were."""
    label = LABELS[edit.payload % len(LABELS)]
    return _CHARSET.sub(b"charset=" + label, data)


def _reencode(data: bytes, edit: Edit) -> bytes:
    """The page's text in another charset (its declaration left lying), as a mirror may serve it."""
    text = data.decode("utf-8", errors="replace") if edit.size % 2 else data.decode("latin-1")
    return text.encode(ENCODINGS[edit.payload % len(ENCODINGS)], errors="xmlcharrefreplace")


_APPLY = {
    "flip": _flip,
    "delete": _delete,
    "duplicate": _duplicate,
    "truncate": _truncate,
    "drop_tag": _drop_tag,
    "insert": _insert,
    "title": _title,
    "nest": _nest,
    "relabel": _relabel,
    "reencode": _reencode,
}

_WHERE = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def edits() -> st.SearchStrategy[Edit]:
    """One edit of any kind, small sizes likelier (shrinking heads for them too)."""
    return st.one_of(
        st.builds(Edit, st.just("flip"), _WHERE, st.just(1), st.integers(0, 254)),
        st.builds(Edit, st.just("delete"), _WHERE, st.integers(1, 400)),
        st.builds(Edit, st.just("duplicate"), _WHERE, st.integers(1, 400)),
        st.builds(Edit, st.just("truncate"), _WHERE),
        st.builds(Edit, st.just("drop_tag"), _WHERE, st.integers(1, 20)),
        st.builds(Edit, st.just("insert"), _WHERE, st.integers(1, 3), st.integers(0, len(PAYLOADS) - 1)),
        st.builds(Edit, st.just("title"), _WHERE, st.integers(1, 2), st.integers(0, len(PAYLOADS) - 1)),
        st.builds(Edit, st.just("nest"), _WHERE, st.integers(1, 400), st.integers(0, 5)),
        st.builds(Edit, st.just("relabel"), st.just(0.0), st.just(1), st.integers(0, len(LABELS) - 1)),
        st.builds(Edit, st.just("reencode"), st.just(0.0), st.integers(0, 1), st.integers(0, len(ENCODINGS) - 1)),
    )


def edit_lists(most: int = 4) -> st.SearchStrategy[list[Edit]]:
    return st.lists(edits(), min_size=1, max_size=most)


def mutate(data: bytes, plan: list[Edit]) -> bytes:
    for edit in plan:
        data = edit.apply(data)
    return data
