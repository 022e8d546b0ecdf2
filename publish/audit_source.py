"""The words a reader of an archive page sees, minus the site's furniture: one side of the audit.

This module decides on its own what is furniture and does not import the reader's furniture
rules, so that the fidelity audit stays an independent check of the reader rather than a
restatement of it. Its rules, all of them:

* Not visible: ``<head>``, ``<script>``, ``<style>``, ``<noscript>``, ``<template>``, form
  controls, comments, processing instructions, and elements hidden by ``hidden`` or
  ``display: none``.
* Navigation rows: a block (or a ``<br>``-separated line) whose text is nothing but links and
  separators (``|``, ``>``, brackets, dots…), and either its first link is the archive's home
  ("MIA", "Marxists Internet Archive", "Indice del Archivo", a language section's home page:
  a breadcrumb), or arrows stand between its links ("<< Introduction | Part 1 >>"), or at
  least half of its links are navigation phrases ("Top of the page", "Next Chapter",
  "Back to …", "… Index", "Archive"), or the page marks it as navigation by its class
  (``p.next``, ``p.footer``, ``p.toplink``…). A table of contents is a row of links too,
  but of titles, so it stays.
* Maintenance lines: a short block or line starting "Last updated" / "Last modified" (or
  the Spanish and Italian equivalents).

Credit lines are not furniture: the model must hold them in its metadata.

Some words count only if the model keeps them. They are returned as ``SoftWord``: note calls
(a short marker such as "12", "[3]", "*" in an in-page link or a superscript) and a line that
only says "Notes" or "Footnotes", which a reader drops once it turns the notes into ``Note``
nodes; and an image's ``alt`` text, which a browser shows only when the image is missing and
which a reader may keep as the figure's stand-in or drop with the image.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import count, islice

from lxml.etree import _Element

from publish.normalise import sniff
from publish.normalise.decode import decode
from publish.normalise.html.nav_links import editions_named
from publish.normalise.html.parse import parse_html
from publish.words import words


class SoftWord(str):
    """A source word the model may hold or leave out: a note call, an image's alt text."""

    __slots__ = ()


_INVISIBLE = {
    "head", "title", "script", "style", "noscript", "template", "meta", "link", "input", "select", "option",
    "textarea", "button", "object", "embed", "iframe", "map", "area",
}  # fmt: skip
_BLOCKS = {
    "html", "body", "p", "div", "center", "blockquote", "pre", "address", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "form",
    "fieldset", "legend", "section", "article", "main", "header", "footer", "aside", "nav", "figure", "figcaption",
    "details", "summary", "menu", "dir", "frameset", "frame",
}  # fmt: skip
_ROW_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "center"}
_SEPARATORS = re.compile(r"^[\s|>/<:.,;·•\-–—\[\](){}«»=*_~]*$")
_HOME = re.compile(
    r"^(?:mia|(?:www\.)?marxists?\.org|(?:the\s+)?marxists?'?\s+internet\s+archive|"
    r"marxists?\s+writers'?\s+(?:internet\s+)?archives?|etol|encyclop(?:a|ae|æ)dia\s+of\s+trotskyism(?:\s+on-?line)?|"
    r"archive\s+index|ind[ií]ce\s+del\s+archivo|home|inicio|portada|pagina\s+principale|kryefaqe|esikülg|forside|"
    r"forsíða|etusivu|strona\s+główna|αρχική(?:\s+σελίδα)?)$",
    re.IGNORECASE,
)
_NAVIGATION_CLASSES = {"next", "previous", "prev", "footer", "toplink", "nav", "navigation", "breadcrumb"}
_URL = re.compile(r"^(?:[a-z]+://|www\.)\S+$", re.IGNORECASE)  # a cited address is text, even an archive's
_ARROWS = re.compile(r"<<|>>|[«»←→]")
_NAVIGATION = re.compile(
    r"^(?:top|start|head|beginning)\s+of\s+(?:the\s+)?page$"
    r"|^(?:(?:back|return|go)\s+to|volver|regresar|retour|torna|zur(?:ü|ue)ck)\b"
    r"|^(?:next|previous|prev)\b"
    r"|^(?:read\s+)?(?:next|previous|last|following|preceding)\s+(?:chapter|page|part|section|lecture|article|letter)s?\b"
    r"|\b(?:index|indice|índice|contents|contenido|sommario|home\s*page|archives?|archivo|arkiv|arkisto|archiwum"
    r"|library|biblioteca)\b"
    r"|^(?:home|top|up|forward|backward)$"
    r"|[«»←→↑]|<<|>>|^<|>$",
    re.IGNORECASE,
)
# Each separator takes the spaces around it; a match starts only where a run of spaces starts,
# since tried from every space of a long run that ends in no separator, the run would be
# scanned again from each (the same matches: from inside a run, the run's start matches first).
_PLAIN_SEPARATOR = re.compile(r"(?<!\s)(?:\s+>\s+|\s*\|\s*|\s*[«»]\s*|\s*<<\s*|\s*>>\s*)")
_PLAIN_NAVIGATION = re.compile(
    r"^(?:(?:top|start|beginning)\s+of\s+(?:the\s+)?page|back\s+to\s+(?:the\s+)?(?:top|index|contents|archive)"
    r"|(?:table\s+of\s+)?contents|index|home|(?:next|previous|last)(?:\s+chapter)?|mia)$",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"^\W*(?:last\s+(?:updated|modified)|(?:última|ultima)\s+(?:actualización|modifica))", re.I)
_MAX_UPDATE_LINE = 160
_NOTE_CALL = re.compile(
    r"^[\[(]?(?:\d{1,3}\.?[a-z]?\*?|[a-z]|[ivxlc]{1,6}|\*{1,3}|[†‡§¶]{1,3}|note)[\])]?[.:]?$", re.IGNORECASE
)
_NOTES_HEADING = re.compile(
    r"^\W*(?:(?:foot|end|editor'?s?\s+|translator'?s?\s+)?notes?|notas?|noter|huomautukset)"
    r"(?:\s+by\s+(?:the\s+)?(?:mia|etol|editors?|translators?|transcribers?))?\W*$",
    re.IGNORECASE,
)
_DOCTYPE_DEBRIS = re.compile(r'^\s*"?https?://www\.w3\.org/\S*\.dtd"?\s*>?\s*$', re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def source_words(data: bytes, origin: str) -> list[str]:
    """The visible words of a page minus furniture, in document order; note calls and alt text as SoftWord.

    Bytes are decoded with the project's decoder: the audit checks what the reader kept of the
    text, while decoding has its own tests (and a wrong decoding would garble both sides alike).
    """
    text = decode(data, origin).text
    if sniff(data) == "html":
        return html_words(parse_html(text))
    return plain_text_words(text)


def furniture_lines(data: bytes, origin: str) -> list[str]:
    """The lines ``source_words`` drops as furniture, in page order, whitespace collapsed.

    The audit proves that every word it keeps reaches the book, which says nothing of what it
    drops: a breadcrumb or a "Top of the page" the reader let through would pass it unseen.
    These lines, by the audit's own rules, are what a test looks for in the book, to show that
    none of them got in. A navigation block judged whole (a footer table of links) is one line;
    note calls and alt text, which a reader may keep or drop, are left out of the lines' text.
    """
    text = decode(data, origin).text
    if sniff(data) != "html":
        return [" ".join(line.split()) for line in text.split("\n") if is_furniture_line(line)]
    root = parse_html(text)
    body = root.find("body")
    found: list[str] = []

    def skip(element: _Element) -> bool:
        if not _is_furniture_block(element):
            return False
        found.append(_line_text(list(_pieces(element, _never, count()))))
        return True

    line: list[_Piece] = []
    for piece in _pieces(body if body is not None else root, skip, count()):
        if piece is not _LINE_END:
            line.append(piece)
            continue
        if line and _is_furniture_line(line):
            found.append(_line_text(line))
        line = []
    return [text for text in found if text]


def _line_text(pieces: list[_Piece]) -> str:
    return " ".join("".join(piece.text for piece in pieces if not piece.soft).split())


# --- plain text ----------------------------------------------------------------------------


def plain_text_words(text: str) -> list[str]:
    """Every line but furniture lines; lines are joined so that a line-end hyphen joins the word."""
    kept = [line for line in text.split("\n") if not is_furniture_line(line)]
    return words("\n".join(kept))


def is_furniture_line(line: str) -> bool:
    """A plain-text line that is an update note, a breadcrumb or nothing but navigation phrases.

    A line of text can mention the archive ("for the Marxists' Internet Archive"), so each
    part of the line must be a navigation phrase, not merely contain one.
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _UPDATED.match(stripped):
        return len(stripped) <= _MAX_UPDATE_LINE
    parts = [part.strip(" .[]()") for part in _PLAIN_SEPARATOR.split(stripped)]
    parts = [part for part in parts if part]
    if len(parts) > 1 and _HOME.match(parts[0]):
        return True
    return bool(parts) and all(_PLAIN_NAVIGATION.match(part) for part in parts)


def is_navigation_row(links: list[str], *, arrows: bool = False) -> bool:
    """Link texts of a links-only row: a breadcrumb, previous/next arrows, or mostly navigation phrases."""
    texts = [" ".join(link.split()) for link in links if link.strip()]
    if not texts:
        return False
    if arrows or _HOME.match(texts[0]):
        return True
    navigation = sum(1 for text in texts if _NAVIGATION.search(text) and not _URL.match(text)) + editions_named(texts)
    return 2 * navigation >= len(texts)


# --- HTML ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    link: int | None = None  # which <a> the text lies in, to tell link text from loose text
    soft: bool = False
    boundary: bool = False  # a word boundary that is no line end (a superscript, a note call, an image)


_LINE_END = _Piece("\n", boundary=True)
Skip = Callable[[_Element], bool]


def html_words(root: _Element) -> list[str]:
    body = root.find("body")
    result: list[str] = []
    line: list[_Piece] = []
    for piece in _pieces(body if body is not None else root, _is_furniture_block, count()):
        if piece is _LINE_END:
            if line and not _is_furniture_line(line) and not _is_debris(line):
                result.extend(_words_of(line, soft=_is_notes_heading(line)))
            line = []
        else:
            line.append(piece)
    return result


def _pieces(element: _Element, skip: Skip, links: Iterator[int], link: int | None = None) -> Iterator[_Piece]:
    """The element's visible text in order, with a ``_LINE_END`` at each block edge and ``<br>``."""
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is not None and not _is_hidden(element, tag):
        if tag in _BLOCKS:
            yield _LINE_END
            if not skip(element):
                yield from _inside(element, skip, links, link)
            yield _LINE_END
        elif tag == "br":
            yield _LINE_END
        elif tag == "img":
            yield _Piece(element.get("alt") or "", link, soft=True, boundary=True)
        elif tag in ("a", "sup") and _is_note_call(element, tag):
            yield _Piece(_text(element), link, soft=True, boundary=True)
        elif tag == "sup":
            yield _Piece(" ", link, boundary=True)
            yield from _inside(element, skip, links, link)
            yield _Piece(" ", link, boundary=True)
        else:
            inner = next(links) if tag == "a" and element.get("href") else link
            yield from _inside(element, skip, links, inner)
    if element.tail:
        yield _Piece(element.tail, link)


def _inside(element: _Element, skip: Skip, links: Iterator[int], link: int | None) -> Iterator[_Piece]:
    if element.tag == "pre":
        for number, text_line in enumerate(_text(element).split("\n")):
            if number:
                yield _LINE_END  # preformatted lines end where the source's lines end
            yield _Piece(text_line, link)
        return
    if element.text:
        yield _Piece(element.text, link)
    for child in element:
        yield from _pieces(child, skip, links, link)


def _is_hidden(element: _Element, tag: str) -> bool:
    style = element.get("style") or ""
    return tag in _INVISIBLE or element.get("hidden") is not None or bool(_HIDDEN_STYLE.search(style))


def _is_note_call(element: _Element, tag: str) -> bool:
    """A short marker that is raised, links into the page (``#n1``) or is linked to (``name="n1"``).

    That is a note's call or the note's own number, which a reader keeps as the marker.
    """
    if not _NOTE_CALL.match(_text(element).strip()):
        return False
    return tag == "sup" or "#" in (element.get("href") or "") or bool(element.get("name") or element.get("id"))


def _text(element: _Element) -> str:
    return "".join(text for text in element.itertext() if isinstance(text, str))


def _never(element: _Element) -> bool:
    return False


def _is_furniture_block(element: _Element) -> bool:
    """A row-like block (a paragraph, a heading, a table of links) that is navigation or an update line.

    A footer table spreads one row of links over cells, so it is judged whole, before its
    lines are; a container of paragraphs is not (its table of contents would look like
    a row of links). Reading stops at the first loose word, so prose costs next to nothing.
    """
    if any(isinstance(inner.tag, str) and inner.tag in _BLOCKS - _ROW_PARTS for inner in element.iterdescendants()):
        return False  # a container of paragraphs: its lines are judged one by one
    pieces = _pieces(element, _never, count())
    seen: list[_Piece] = []
    for piece in pieces:
        seen.append(piece)
        if _is_loose_text(piece):
            rest = "".join(p.text for p in islice(pieces, 64))
            return _is_update_text("".join(p.text for p in seen) + rest)
    links = _link_texts(seen)
    return bool(links) and (_is_marked_as_navigation(element) or is_navigation_row(links, arrows=_has_arrows(seen)))


def _is_marked_as_navigation(element: _Element) -> bool:
    """A row of links the page itself calls navigation: ``p.next`` "Appendix", ``p.footer`` "Part VI"."""
    return bool(set((element.get("class") or "").lower().split()) & _NAVIGATION_CLASSES)


def _is_furniture_line(line: list[_Piece]) -> bool:
    if _is_arrow_row(line):
        return True
    if any(_is_loose_text(piece) for piece in line):
        return _is_update_text("".join(piece.text for piece in line if not piece.soft))
    return is_navigation_row(_link_texts(line), arrows=_has_arrows(line))


def _is_arrow_row(line: list[_Piece]) -> bool:
    """ "<< Part 1: Chapter 5 | Part 2: Chapter 1 >>": the unlinked words between a page's
    previous and next arrows name the page itself, so the whole row is navigation."""
    loose = " ".join(piece.text for piece in line if _is_loose_text(piece))
    if _DEAD_ROW.match(" ".join(loose.split())):
        return True  # "<< Part 3: Chapter 6 | Part 4: Chapter 1 >>" whose links the page lost
    return _has_arrows(line) and bool(_link_texts(line)) and len(_ARROWS.sub(" ", loose).split()) <= _MAX_SELF_NAME


_MAX_SELF_NAME = 6
_DEAD_ROW = re.compile(r"^(?:<<|«)[^<>«»]{1,60}\|[^<>«»]{1,60}(?:>>|»)$")


def _is_loose_text(piece: _Piece) -> bool:
    return piece.link is None and not piece.soft and not _SEPARATORS.match(piece.text)


def _has_arrows(pieces: list[_Piece]) -> bool:
    """ "<< Introduction | Part 1 >>": arrows around links mark the previous and next page."""
    return any(piece.link is None and _ARROWS.search(piece.text) for piece in pieces)


def _is_notes_heading(line: list[_Piece]) -> bool:
    """ "Notes", "Footnotes", "Note by MIA": a label a reader drops once the notes are notes."""
    return bool(_NOTES_HEADING.match(" ".join("".join(piece.text for piece in line).split())))


def _is_debris(line: list[_Piece]) -> bool:
    """The rest of a broken doctype that a parser shows as text (``"http://www.w3.org/….dtd">``)."""
    return bool(_DOCTYPE_DEBRIS.match("".join(piece.text for piece in line)))


def _is_update_text(text: str) -> bool:
    text = " ".join(text.split())
    return bool(_UPDATED.match(text)) and len(text) <= _MAX_UPDATE_LINE


def _link_texts(pieces: list[_Piece]) -> list[str]:
    links: dict[int, str] = {}
    for piece in pieces:
        if piece.link is not None and not piece.soft:
            links[piece.link] = links.get(piece.link, "") + piece.text
    return list(links.values())


def _words_of(line: list[_Piece], *, soft: bool = False) -> list[str]:
    """Words of one line, whitespace collapsed as a browser does (so no line-end hyphen joins)."""
    if soft:
        return [SoftWord(word) for word in _collapsed_words("".join(piece.text for piece in line))]
    result: list[str] = []
    run: list[str] = []
    for piece in line:
        if not piece.boundary:
            run.append(piece.text)
            continue
        result.extend(_collapsed_words("".join(run)))
        run = []
        found = _collapsed_words(piece.text)
        if piece.soft:
            found = [SoftWord(word) for word in found]
        result.extend(found)
    result.extend(_collapsed_words("".join(run)))
    return result


def _collapsed_words(text: str) -> list[str]:
    return fast_words(" ".join(text.split()))


def fast_words(text: str) -> list[str]:
    """``words(text)``, computed chunk by chunk between spaces and memoised.

    Equal to ``words`` because a word never spans whitespace and, without a newline, no
    line-end hyphen joins two chunks; on a 40,000-word page it is several times faster.
    """
    if "\n" in text:
        return words(text)
    return [word for chunk in text.split() for word in _chunk_words(chunk)]


@lru_cache(maxsize=1 << 16)
def _chunk_words(chunk: str) -> tuple[str, ...]:
    return tuple(words(chunk))
