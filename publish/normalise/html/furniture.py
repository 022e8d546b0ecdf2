"""The archive's site furniture: navigation and page-maintenance lines that are never body text.

A row is navigation when all its words are its links' and every link leads around the site
(``nav_links``: navigation words, site names, formats, other languages' editions, a trail up
to index pages); a sentence holding such a link is text. A row of pictures whose alt texts
are navigation words ("return", "next"), each a link or an image map, is navigation too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.normalise.html.nav_links import is_navigation_row, link_kind
from publish.normalise.html.parse import classes, has_descendant, raw_text, text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import furniture_words

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_ARROWS = re.compile(r"<<|>>|«|»|&lt;&lt;|⇐|⇒|←|→")
_SEPARATOR = r"\s|>»«<\[\]·•:/\\()\-–—.,;"  # the characters of a class: what sets link words apart
_SEPARATORS = re.compile(rf"[{_SEPARATOR}]+")
_WORD_CHARACTER = re.compile(rf"[^{_SEPARATOR}]")


def is_navigation(element: _Element, cues: Cues, lexicon: Lexicon | None = None) -> bool:
    """A breadcrumb or a row of links to other pages: all its words are link words.

    A row counts when every word sits in a link, the links lead inside the archive, and either
    the class says navigation or the link texts are navigation words.
    """
    links = [link for link in element.iter("a") if link.get("href")]
    if classes(element) & cues.navigation and not text_of(element).strip():
        return True
    lexicon = resolve(lexicon)
    if _picture_row(element, lexicon):
        return True
    if not links:
        return False
    if len(links) <= 3 and _arrow_row(element):
        return True
    if not _all_link_text(element, links):
        return False
    known = furniture_words(lexicon)
    if classes(element) & cues.breadcrumb:
        return True
    if len(links) <= 3 and any(known.top.match(_words(text_of(link))) for link in links):
        return True
    if any((link.get("href") or "").strip().lower().startswith(("http:", "https:", "mailto:")) for link in links):
        return all(known.navigation.match(_words(text_of(link))) for link in links)
    return is_navigation_row([link_kind(text, href, lexicon) for text, href in _link_texts(links) if text])


def _picture_row(element: _Element, lexicon: Lexicon) -> bool:
    """No words, only pictures whose alt texts lead around the site, each a link or an image map
    (Trotsky's "return" banner, "back"/"next" arrows)."""
    if element.tag == "img" or not has_descendant(element, "img") or _WORD_CHARACTER.search(raw_text(element)):
        return False
    known = furniture_words(lexicon)
    back = {word.casefold() for word in lexicon.back_links}
    for image in element.iter("img"):
        alt = _words(image.get("alt") or "")
        if not alt or not (known.navigation.match(alt) or known.top.match(alt) or alt.casefold() in back):
            return False
        linked = any(parent.tag == "a" and parent.get("href") for parent in image.iterancestors())
        if not linked and not (image.get("usemap") or "").strip():
            return False
    return True


def is_top_link(link: _Element, lexicon: Lexicon | None = None) -> bool:
    """ "Top of the page" inside a paragraph: a link back up the same page, never text."""
    href = (link.get("href") or "").strip().lower()
    return href.startswith("#") and bool(furniture_words(resolve(lexicon)).top_only.match(_words(text_of(link))))


def _link_texts(links: list[_Element]) -> list[tuple[str, str]]:
    """Link texts and targets, neighbouring links to the same page read as one ("J. C. Mariategui" "Archive")."""
    texts: list[tuple[str, str]] = []
    previous = None
    for link in links:
        text, href = _words(text_of(link)), link.get("href") or ""
        if href == previous and texts:
            texts[-1] = (f"{texts[-1][0]} {text}".strip(), href)
        else:
            texts.append((text, href))
        previous = href
    return texts


def _arrow_row(element: _Element) -> bool:
    """A short line with "<<" or "→" in it: a row of previous/next links.

    No arrow holds white space, so one is found in the raw text as well as in the collapsed:
    most blocks have none and need no collapsing.
    """
    text = raw_text(element)
    return _ARROWS.search(text) is not None and len(" ".join(text.split())) < 160


def _all_link_text(element: _Element, links: list[_Element]) -> bool:
    """Every word of the element is a word of its links, in order."""
    if _words_outside(element, links):
        return False  # most blocks: known at their first words, without rewriting their whole text
    inside = _SEPARATORS.sub(" ", " ".join(text_of(link) for link in links)).strip()
    whole = _SEPARATORS.sub(" ", text_of(element)).strip()
    return bool(whole) and inside == whole


def _words_outside(element: _Element, links: list[_Element]) -> bool:
    """Some text of ``element`` outside its ``links`` holds a word: not all its words are link words.

    Found at the first such text, usually the block's first words. It proves nothing when a
    link holds another (the inner link's words would count twice), so then it says False.
    """
    held = set(links)

    def has_words(node: _Element) -> bool:
        if node in held:
            return False
        if _WORD_CHARACTER.search(node.text or ""):
            return True
        for child in node:
            if isinstance(child.tag, str) and has_words(child):
                return True
            if _WORD_CHARACTER.search(child.tail or ""):
                return True
        return False

    return has_words(element) and not any(held.intersection(link.iterdescendants("a")) for link in links)


def _words(text: str) -> str:
    return _SEPARATORS.sub(" ", text).strip()


def is_empty(element: _Element) -> bool:
    """Spacer paragraphs (``<p>&#160;</p>``) and bare rules hold nothing a reader reads."""
    if element.tag in ("img", "table"):
        return (
            element.tag == "table"
            and not text_of(element).replace("\u00a0", " ").strip()
            and not has_descendant(element, "img")
        )
    return not text_of(element).replace("\u00a0", " ").strip() and not has_descendant(element, "img")
