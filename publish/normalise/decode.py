"""Bytes to text, trusting the bytes over the page's own charset label.

Archive pages lie about their encoding (iso-8859-1 labels on UTF-8, ``utf-16`` on ASCII,
typos such as ``rtf-8``), so the label is only a hint: a BOM wins, then bytes that are valid
UTF-8, then a real non-Latin label, then cp1252 (a superset of Latin-1 in practice), whose
five undefined bytes become U+FFFD with a diagnostic instead of an exception.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from publish.errors import Diagnostic, Severity

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LABEL = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LATIN_FAMILY = {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "ascii"}
_UNDEFINED_CP1252 = {0x81: "\ufffd", 0x8D: "\ufffd", 0x8F: "\ufffd", 0x90: "\ufffd", 0x9D: "\ufffd"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    diagnostics: tuple[Diagnostic, ...]


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes, as Python's codec name if known."""
    match = _LABEL.search(data[:4096])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return label.lower()


def decode(data: bytes, where: str) -> Decoded:
    """Decode ``data`` and normalise CRLF and lone CR line endings to LF."""
    text, encoding = _decode(data)
    diagnostics: list[Diagnostic] = []
    label = declared_charset(data)
    if label is not None and not _agrees(label, encoding):
        diagnostics.append(
            Diagnostic(
                code="N001",
                severity=Severity.INFO,
                where=where,
                message=f"page declares charset {label!r} but its bytes are {encoding}",
            )
        )
    if encoding == "cp1252" and "\ufffd" in text:
        diagnostics.append(
            Diagnostic(
                code="N002",
                severity=Severity.WARNING,
                where=where,
                message="bytes undefined in cp1252 replaced with U+FFFD",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding, diagnostics=tuple(diagnostics))


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name.replace("-", "_")
    if data.isascii():
        return data.decode("ascii"), "ascii"
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    label = declared_charset(data)
    if label is not None and label not in _LATIN_FAMILY and _is_single_byte_text_codec(label):
        try:
            return data.decode(label), label
        except (UnicodeDecodeError, LookupError):
            pass
    return _decode_cp1252(data), "cp1252"


def _is_single_byte_text_codec(name: str) -> bool:
    """Labels like utf-16 on ASCII bytes are lies no decoder should act on."""
    return not name.startswith(("utf_16", "utf_32", "utf_7", "utf_8"))


def _decode_cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="cp1252-undefined")


def _undefined_handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    byte = error.object[error.start]
    return _UNDEFINED_CP1252.get(byte, "\ufffd"), error.start + 1


codecs.register_error("cp1252-undefined", _undefined_handler)


def _agrees(label: str, encoding: str) -> bool:
    if label == encoding:
        return True
    if encoding == "ascii":
        return _is_single_byte_text_codec(label) or label == "utf_8"
    return label in _LATIN_FAMILY and encoding in _LATIN_FAMILY
