"""Bytes to text, trusting the bytes over the page's own charset label.

Archive pages lie about their encoding (iso-8859-1 labels on UTF-8, ``utf-16`` on ASCII,
typos such as ``rtf-8``, ``windows-1251`` on English), so the label is only a hint: a BOM
wins, then bytes that are valid UTF-8, then a real non-Latin label unless the page's words
say it is Latin-script text (``script_judge``), then cp1252 (a superset of Latin-1 in
practice). A byte no charset defines carries no letter of the author's: it is dropped with a
diagnostic, never shown as U+FFFD.
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
