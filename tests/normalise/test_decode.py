"""Decoding trusts the bytes over the page's label."""

from __future__ import annotations

import pytest

from publish.normalise.decode import decode


def test_utf8_bytes_under_a_latin1_label_decode_as_utf8() -> None:
    data = '<meta charset="iso-8859-1"><p>Thèses</p>'.encode()
    result = decode(data, "page.htm")
    assert "Thèses" in result.text
    assert [d.code for d in result.diagnostics] == ["N001"]


def test_cp1252_smart_quotes_without_a_label() -> None:
    result = decode(b"\x93Workers\x94 \x96 united", "page.htm")
    assert result.text == "“Workers” – united"
    assert result.encoding == "cp1252"


def test_ascii_page_labelled_utf16_is_read_as_ascii() -> None:
    data = b'<meta content="text/htm; charset=utf-16"><p>plain</p>'
    result = decode(data, "page.htm")
    assert "plain" in result.text
    assert result.encoding == "ascii"


def test_bytes_undefined_in_cp1252_are_dropped_with_a_warning() -> None:
    result = decode(b"caf\xe9 \x81x\x8d\x8f\x90\x9d", "page.htm")
    assert result.text == "café x"
    assert [d for d in result.diagnostics if d.code == "N002" and "5 byte(s)" in d.message]


def test_a_replacement_character_in_utf8_source_is_dropped_with_a_warning() -> None:
    result = decode("Stra\ufffde".encode(), "page.htm")
    assert result.text == "Strae"
    assert "N002" in [d.code for d in result.diagnostics]


@pytest.mark.parametrize("data", [b"a\r\nb\rc\nd", "a\r\nb\rc\nd".encode("utf-16")])
def test_line_endings_are_normalised(data: bytes) -> None:
    assert decode(data, "x.txt").text == "a\nb\nc\nd"


def test_a_real_cyrillic_label_is_honoured_when_bytes_are_not_utf8() -> None:
    data = '<meta charset="windows-1251"><p>Ленин</p>'.encode("cp1251")
    assert "Ленин" in decode(data, "page.htm").text
