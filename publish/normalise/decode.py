"""Bytes to text, trusting the bytes over the page's own charset label.

Archive pages lie about their encoding (iso-8859-1 labels on UTF-8, ``utf-16`` on ASCII,
typos such as ``rtf-8``, ``windows-1251`` on English), so the label is only a hint: a BOM
wins, then bytes that are valid UTF-8, then a real non-Latin label unless the page's words
say it is Latin-script text (``script_judge``), then cp1252 (a superset of Latin-1 in
practice). A byte no charset defines carries no letter of the author's: it is dropped with a
diagnostic, never shown as U+FFFD; so is a NUL (a damaged copy's, N043), which alone does not
make a page a binary file. UTF-16 and UTF-32 pages are known by their byte-order mark: their
many zero bytes are the encoding's, not a sign of binary data (``looks_binary``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from publish.errors import Diagnostic, Severity
from publish.normalise.script_judge import Verdict, judge

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LABEL = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LATIN_FAMILY = {"cp1252", "latin_1", "iso8859_1", "iso8859_15", "ascii"}
REPLACEMENT = "\ufffd"
_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_SAMPLE = 8192
_CONTROLS = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))
_CONTROL_CHARACTERS = {byte: None for byte in _CONTROLS}
_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, and so EPUB, DOCX, ODT
    b"PK\x05\x06",  # an empty ZIP
    b"\x1f\x8b",  # gzip
    b"\xfd7zXZ\x00",  # xz
    b"(\xb5/\xfd",  # zstd
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # an old Word or Excel file
    b"II*\x00",  # TIFF
    b"MM\x00*",
)
"""How the binary files most often renamed ``.html`` begin: refused whatever their bytes look like."""


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


def bom_encoding(data: bytes) -> str | None:
    """The encoding ``data``'s byte-order mark names (Python's codec name), if it has one."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is a binary file rather than a page: a known binary signature, or more
    than one control character in a hundred in its first 8 KB (read as UTF-16 or UTF-32 when
    its byte-order mark says so). One stray NUL in a page is not enough: it is dropped."""
    if data.startswith(_SIGNATURES):
        return True
    encoding = bom_encoding(data)
    if encoding in _WIDE:
        assert encoding is not None
        text = data[len(_bom_of(encoding)) :][:_SAMPLE].decode(encoding, errors="replace")
        controls = len(text) - len(text.translate(_CONTROL_CHARACTERS)) + text.count(REPLACEMENT)
        return controls > len(text) // 100
    sample = data[:_SAMPLE]
    return len(sample) - len(sample.translate(None, _CONTROLS)) > len(sample) // 100


def head_as_utf8(data: bytes, size: int) -> bytes:
    """The first ``size`` bytes of ``data`` as UTF-8 without a byte-order mark, for what looks
    at bytes for markup (``sniff``): a UTF-16 page's ``<html>`` is then seen as such."""
    encoding = bom_encoding(data)
    if encoding is None:
        return data[:size]
    text = data[len(_bom_of(encoding)) :][: size * 4].decode(encoding, errors="replace")
    return text.encode("utf-8")[:size]


def _bom_of(encoding: str) -> bytes:
    return next(bom for bom, name in _BOMS if name == encoding)


def decode(data: bytes, where: str) -> Decoded:
    """Decode ``data``, drop what no charset defines, and normalise CRLF and lone CR to LF."""
    text, encoding, verdict = _decode(data, where)
    diagnostics: list[Diagnostic] = []
    label = declared_charset(data)
    if verdict is not None:
        diagnostics.append(_diagnostic("N001", Severity.WARNING, where, verdict.explain()))
    elif label is not None and not _agrees(label, encoding):
        message = f"page declares charset {label!r} but its bytes are {encoding}"
        diagnostics.append(_diagnostic("N001", Severity.INFO, where, message))
    if REPLACEMENT in text:
        dropped = text.count(REPLACEMENT)
        text = text.replace(REPLACEMENT, "")
        message = f"{dropped} byte(s) that {encoding} does not define (or U+FFFD in the source) dropped"
        diagnostics.append(_diagnostic("N002", Severity.WARNING, where, message))
    if "\x00" in text:
        dropped = text.count("\x00")
        text = text.replace("\x00", "")
        message = f"{dropped} NUL character(s) dropped (they hold no text: a damaged copy?)"
        diagnostics.append(_diagnostic("N043", Severity.WARNING, where, message))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding, diagnostics=tuple(diagnostics))


def _diagnostic(code: str, severity: Severity, where: str, message: str) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, where=where, message=message)


def _decode(data: bytes, where: str) -> tuple[str, str, Verdict | None]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name.replace("-", "_"), None
    if data.isascii():
        return data.decode("ascii"), "ascii", None
    try:
        return data.decode("utf-8"), "utf_8", None
    except UnicodeDecodeError:
        pass
    label = declared_charset(data)
    if label is not None and label not in _LATIN_FAMILY and _is_single_byte_text_codec(label):
        try:
            text = data.decode(label)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            verdict = judge(data, label, where)
            if verdict is None:
                return text, label, None
            return _decode_cp1252(data), "cp1252", verdict
    return _decode_cp1252(data), "cp1252", None


def _is_single_byte_text_codec(name: str) -> bool:
    """Labels like utf-16 on ASCII bytes are lies no decoder should act on."""
    return not name.startswith(("utf_16", "utf_32", "utf_7", "utf_8"))


def _decode_cp1252(data: bytes) -> str:
    """cp1252 leaves five bytes (0x81 0x8D 0x8F 0x90 0x9D) undefined: they become U+FFFD, dropped later."""
    return data.decode("cp1252", errors="replace")


def _agrees(label: str, encoding: str) -> bool:
    if label == encoding:
        return True
    if encoding == "ascii":
        return _is_single_byte_text_codec(label) or label == "utf_8"
    return label in _LATIN_FAMILY and encoding in _LATIN_FAMILY
