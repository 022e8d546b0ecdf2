"""The page header, whatever the family: author, title, subtitle, date, credit blocks.

MIA pages put the same facts in many shapes (``h2`` author over ``h1`` title; ``p.title``
holding the author, or the author and the work, or a collection; ``h3`` titles on Lenin's
pages; ``<center>`` lines on old pages). The header is read by cues that several families
share, in the order a reader meets them, up to the first paragraph of prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml.etree import _Comment, _Element

from publish.normalise.credits import apply_credit_line, date_says_all, is_credit_line, names_in
from publish.normalise.dates import is_date_line, parse_date
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.blocks import inlines_of_children
from publish.normalise.html.furniture import is_empty, is_navigation
from publish.normalise.html.parse import classes, text_of
from publish.normalise.inlines import plain_text, tidy
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import HeaderWords, header_words

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_PARENTHESISED = re.compile(r"^\((?P<inner>.*)\)$")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_MAX_PROSE = 220
_MAX_BYLINE = 80
_MAX_CREDITS = 1500
_SHORT_LINE_TAGS = {"center", "b", "strong", "i", "em", "font", "span", "small", "big", "a", "u"}
_YEAR_SPAN = re.compile(r"^(?:c\.\s*)?\d{4}\s*[–—-]\s*\d{4}$")  # a life, "1925 – 2002", not a date
_MONTH_RANGE = re.compile(r"\b[^\W\d_]{3,12}\.?\s*[–—/-]\s*[^\W\d_]{3,12}\.?\s+\d{4}")  # "février–mars 1871"
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){2,3}")
_LIFE_DATES = re.compile(r"\(\s*(?:c\.\s*)?\d{3,4}\s*[–—-]\s*(?:\d{3,4})?\s*\)")


@dataclass(slots=True)
class Header:
    """What the header zone held, for the family module to finish."""

    elements: list[_Element] = field(default_factory=list)
    body_start: int = 0


def lines_of(element: _Element, cues: Cues) -> list[str]:
    """An element's visible text, one entry per ``<br>``-separated line."""
    text = plain_text(tidy(inlines_of_children(element, cues)))
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def read_credit_block(
    element: _Element, draft: MetadataDraft, cues: Cues, *, first_is_source: bool, lexicon: Lexicon | None = None
) -> None:
    for index, line in enumerate(lines_of(element, cues)):
        apply_credit_line(draft, line, unlabelled_is_source=first_is_source and index == 0, lexicon=lexicon)


def header_date(text: str, lexicon: Lexicon | None = None) -> str | None:
    """A heading such as "(8 June 2002)" or "Spring 1919" that is a date and nothing else.

    A range of months ("January–April 1956") gives only the year it lies in.
    """
    match = _PARENTHESISED.match(text.strip())
    inner = match.group("inner") if match else text
    lexicon = resolve(lexicon)
    iso = parse_date(inner, lexicon)
    if iso is None or _YEAR_SPAN.match(inner.strip()):
        return None
    date_words = header_words(lexicon).date_words
    words = [word for word in re.findall(r"[^\W\d_]+", inner) if word.lower() not in date_words]
    if len(words) > (1 if match else 0):
        return None
    if _MONTH_RANGE.search(inner):
        return iso[:4]
    return iso


def looks_like_name(text: str, lexicon: Lexicon | None = None) -> bool:
    """A person, not a title: "Chris Harman", "V. I. Lenin", "J. C. MARIATEGUI", "Rósa Lúxembúrg"."""
    if _INITIALS.fullmatch(text.strip()):
        return True
    words = text.replace(",", " ").split()
    if not 1 < len(words) <= 5 or any(character.isdigit() for character in text) or "--" in text:
        return False
    known = header_words(resolve(lexicon))
    if any(word.lower().strip(".:") in known.not_names for part in words for word in part.split("-")):
        return False
    return all(known.name_word.match(word) for word in words) and sum(word[0].isupper() for word in words) >= 2


def is_info_block(element: _Element, cues: Cues, lexicon: Lexicon | None = None) -> bool:
    if element.tag in ("table", "ul", "ol", "dl", "hr", "br", "img", *_HEADINGS):
        return False
    if classes(element) & cues.credits:
        return True
    if len(text_of(element)) > _MAX_CREDITS:
        return False
    lines = lines_of(element, cues)
    return bool(lines) and sum(1 for line in lines if is_credit_line(line, lexicon)) >= max(1, len(lines) // 2)


def is_prose(element: _Element, cues: Cues, lexicon: Lexicon | None = None) -> bool:
    """A paragraph a reader reads as text, which ends the header.

    The cheap tests come first: ``is_info_block`` reads the element's lines, which converts its
    inlines, and most header lines are known for what they are without that.
    """
    if element.tag in _HEADINGS or element.tag in ("hr", "br") or classes(element) & cues.header_line:
        return False
    text = text_of(element)
    lexicon = resolve(lexicon)
    if not text.strip() or (len(text) < _MAX_BYLINE and header_words(lexicon).byline.match(text)):
        return False
    if element.tag in _SHORT_LINE_TAGS and len(text) <= _MAX_PROSE:
        return False
    return not (is_empty(element) or is_navigation(element, cues, lexicon) or is_info_block(element, cues, lexicon))


def header_zone(elements: list[_Element], cues: Cues, *, limit: int = 14, lexicon: Lexicon | None = None) -> Header:
    """The elements before the first prose paragraph (at most ``limit`` content elements)."""
    header = Header()
    seen = 0
    for index, element in enumerate(elements):
        if isinstance(element, _Comment) or not isinstance(element.tag, str):
            continue
        if is_prose(element, cues, lexicon) or seen >= limit:
            header.body_start = index
            return header
        header.elements.append(element)
        seen += 1
    header.body_start = len(elements)
    return header


def author_from(text: str, lexicon: Lexicon | None = None) -> tuple[list[str], str]:
    """Names at the head of an author line, and what follows: "Karl Marx. Capital" -> ([Karl Marx], "Capital").

    A line that ends in a colon begins a title; a name with life dates ("Paul Lafargue
    (1842-1911)") heads a page about that person, not one by them.
    """
    text = text.strip()
    if text.endswith(":") or _LIFE_DATES.search(text):
        return [], text
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1].strip()
    lexicon = resolve(lexicon)
    match = header_words(lexicon).byline.match(text)
    candidate = match.group("name") if match else text
    names, rest = names_in(candidate, lexicon)
    names = [name for name in names if looks_like_name(name, lexicon) or match]
    return (names, rest.strip(" .,;:")) if names else ([], text)


def apply_header(
    elements: list[_Element], draft: MetadataDraft, cues: Cues, lexicon: Lexicon | None = None
) -> list[_Element]:
    """Fill the draft from the header elements; return those that belong to the body after all."""
    lexicon = resolve(lexicon)
    reader = _HeaderReader(draft, cues, lexicon, header_words(lexicon))
    for element in elements:
        reader.take(element)
    if not reader.headings and reader.byline is not None and draft.title is None:
        # The only header line is no byline after all: a page titled by its p.title alone.
        draft.authors.clear()
        reader.headings.append(reader.byline)
    _assign_titles(reader.headings, draft, cues, reader.words, lexicon)
    _letter_metadata(draft, lexicon)
    return reader.leftover


@dataclass(slots=True)
class _HeaderReader:
    """The state of reading one header: lines read so far can change what the next one means."""

    draft: MetadataDraft
    cues: Cues
    lexicon: Lexicon
    words: HeaderWords
    leftover: list[_Element] = field(default_factory=list)
    headings: list[tuple[_Element, str]] = field(default_factory=list)
    credits_seen: bool = False
    author_next: bool = False
    parenthesis: list[str] = field(default_factory=list)
    byline: tuple[_Element, str] | None = None

    def take(self, element: _Element) -> None:
        if is_navigation(element, self.cues, self.lexicon) or is_empty(element) or element.tag == "hr":
            return
        if is_info_block(element, self.cues, self.lexicon):
            read_credit_block(
                element, self.draft, self.cues, first_is_source=not self.credits_seen, lexicon=self.lexicon
            )
            self.credits_seen = True
            return
        lines = lines_of(element, self.cues)
        text = " ".join(lines)
        if _LIFE_DATES.fullmatch(text.strip()) and self.byline is not None:
            self._unmake_byline()  # "Chris Harman" over "(1942 – 2009)" names the subject of the page
        if not lines or _is_epigraph(element, text):
            self.leftover.append(element)
        elif self.parenthesis or (text.startswith("(") and ")" not in text and element.tag not in _HEADINGS):
            self._parenthesised(text)
        elif self.author_next or text.lower() in self.words.bare_by:
            self._byline(text)
        elif self.credits_seen and not self._is_date_or_author(lines):
            self.leftover.append(element)
        elif self._take_date_or_author(lines, element):
            if self.draft.authors and self.byline is None:
                self.byline = (element, text)
        else:
            self._heading(element, text)

    def _is_date_or_author(self, lines: list[str]) -> bool:
        text = " ".join(lines)
        draft = self.draft
        return (draft.date is None and header_date(text, self.lexicon) is not None) or (
            not draft.authors and bool(self.words.byline.match(text))
        )

    def _take_date_or_author(self, lines: list[str], element: _Element) -> bool:
        """A date line, or a byline (before the title, or "By …" after it: a names heading below
        the title of an index page names what the list is about)."""
        text, draft, lexicon = " ".join(lines), self.draft, self.lexicon
        if draft.date is None and (iso := header_date(text, lexicon)):
            draft.date = iso
            if not date_says_all(text, iso, lexicon):
                draft.credits.append(text)
            return True
        if draft.authors or element.tag == "h1" or len(lines) > 3 or _LIFE_DATES.search(text):
            return False
        if self._after_title() and element.tag in ("h3", "h4", "h5", "h6") and not self.words.byline.match(text):
            return False
        if len(lines) > 1 and (self.words.joined_line.match(lines[1]) or _ends_in_join(lines[0], lexicon)):
            lines = [" ".join(lines[:2]), *lines[2:]]
        names, rest = author_from(lines[0], lexicon)
        if not names:
            return False
        if self.words.interview.match(lines[0]):
            draft.credits.append(lines[0])
        for name in names:
            draft.add_author(name)
        remainder = " ".join([rest, *lines[1:]]).strip()
        if remainder and draft.date is None and (iso := header_date(remainder, lexicon)):
            draft.date = iso
        elif remainder:
            if classes(element) & self.cues.work_title and draft.collection is None:
                draft.collection = remainder
            else:
                draft.credits.append(remainder)
        return True

    def _after_title(self) -> bool:
        return any(element.tag == "h1" for element, _ in self.headings)

    def _unmake_byline(self) -> None:
        assert self.byline is not None
        self.draft.authors.clear()
        self.headings.insert(0, self.byline)
        self.byline = None

    def _parenthesised(self, text: str) -> None:
        """ "(Delivered to … University," / "at … Lima, on July 13, 1923.)": one credit over lines."""
        self.parenthesis.append(text)
        if ")" in text or len(self.parenthesis) > 3:
            apply_credit_line(self.draft, " ".join(self.parenthesis).strip("() "), lexicon=self.lexicon)
            self.parenthesis = []

    def _byline(self, text: str) -> None:
        """ "by" on a line of its own, the name on the next (old centred headers)."""
        self.author_next = not self.author_next and text.lower() in self.words.bare_by
        if not self.author_next:
            for name in author_from(text, self.lexicon)[0] or [text]:
                self.draft.add_author(name)

    def _heading(self, element: _Element, text: str) -> None:
        if self.headings and element.tag == "h1" and self.headings[-1][0].tag == "h1":
            self.headings[-1] = (self.headings[-1][0], f"{self.headings[-1][1]} {text}")
        else:
            self.headings.append((element, text))


def _ends_in_join(line: str, lexicon: Lexicon) -> bool:
    """ "Rob Clay &" over "Chris Harman": a names line broken after its joining word goes on."""
    joins = "|".join(re.escape(word) for word in (*lexicon.name_joins, *lexicon.list_and, ","))
    return re.search(rf"(?:^|\s|\b)(?:{joins})$", line.strip()) is not None


def _is_epigraph(element: _Element, text: str) -> bool:
    """Lafargue's h5 motto over the chapter title is a quotation, not a heading."""
    return element.tag in ("h5", "h6", "blockquote") and len(text.split()) > 8


def _assign_titles(
    headings: list[tuple[_Element, str]], draft: MetadataDraft, cues: Cues, words: HeaderWords, lexicon: Lexicon
) -> None:
    """Title, subtitle and collection from the header's headings, in the order a reader meets them.

    A chapter page shows its book's title over the chapter heading ("The Right To Be Lazy" over
    "Chapter I …"; "Karl Marx / Critique of the Gotha Programme" over "I"): the book's title is
    the title, so a pamphlet made of one chapter is named for its work, and the chapter heading
    is the subtitle. A ``p.title`` line over a title that is not a chapter (a letter under
    "Marx-Engels Correspondence 1868", a column name) names the collection.
    """
    texts = [text for _, text in headings]
    if draft.collection is not None and texts and words.chapter_like.match(texts[0]):
        draft.title, draft.collection = draft.collection, None
        draft.subtitle = texts[-1]
        draft.credits.extend(texts[:-1])
        return
    main = _main_heading(headings, cues)
    division = bool(texts) and words.chapter_like.match(texts[main]) is not None
    work = _work_over(headings[:main], cues, words, division=division)
    if work is not None and draft.title is None:
        if texts[work].endswith(":") or _runs_on(texts[work], words):
            draft.title = f"{texts[work]} {texts[main]}"
        else:
            draft.title, draft.subtitle = texts[work], draft.subtitle or texts[main]
        del headings[work], texts[work]
        main -= 1
    elif texts and draft.title is None:
        draft.title = texts[main]
    earlier, after = [text for text in texts[:main] if text not in draft.authors], texts[main + 1 :]
    if earlier and draft.collection is None:
        draft.collection = earlier.pop(0)
    draft.credits.extend(earlier)
    chapter = next((text for text in after if words.chapter_like.match(text)), None)
    if chapter is not None and draft.subtitle is None:
        draft.subtitle = chapter
        after.remove(chapter)
    _rest(after, draft, lexicon)


def _main_heading(headings: list[tuple[_Element, str]], cues: Cues) -> int:
    """The page's ``h1``, else its first heading that is no ``p.title`` line."""
    for index, (element, _) in enumerate(headings):
        if element.tag == "h1":
            return index
    return next((index for index, (element, _) in enumerate(headings) if not classes(element) & cues.work_title), 0)


def _rest(texts: list[str], draft: MetadataDraft, lexicon: Lexicon) -> None:
    """Headings under the title: the first is the subtitle, unless it is a date line ("February
    10th."), which is kept as the page says it (it has no year to make a date of)."""
    for text in texts:
        if draft.subtitle is None and not is_date_line(text, lexicon):
            draft.subtitle = text
        else:
            draft.credits.append(text)


def _work_over(
    earlier: list[tuple[_Element, str]], cues: Cues, words: HeaderWords, *, division: bool = False
) -> int | None:
    """A book's title set over a chapter's ``h1`` (ETOL books: h4 author, h3 book, h1 chapter).

    An ``h2`` over an ``h1`` is a series or column name and stays the collection, unless it ends
    in a colon and so begins the title ("Northern Ireland:" over "Background to the Crisis"), or
    the ``h1`` is a division of a work (``division``: "Introduction", "Chapter 3"): then the
    heading over it is the work's title, never a series ("Gramsci's revolutionary legacy" over
    "Introduction").
    """
    for index, (element, text) in enumerate(earlier):
        if classes(element) & cues.work_title:
            continue
        if element.tag == "h3" or division or text.endswith(":") or _runs_on(text, words):
            return index
    return None


def _runs_on(text: str, words: HeaderWords) -> bool:
    """ "Visita Virtual a la" over "Casa Museo Mariategui": a heading ending in a small word goes on."""
    last = text.split()[-1] if text.split() else ""
    return last in words.run_on_words


def _letter_metadata(draft: MetadataDraft, lexicon: Lexicon) -> None:
    """ "Karl Marx to Ludwig Kugelmann, 30 January 1868": a letter names its writer and date."""
    match = header_words(lexicon).letter.match(draft.title or "")
    if match is None or not looks_like_name(match.group("sender"), lexicon):
        return
    if not draft.authors:
        draft.add_author(match.group("sender"))
    if match.group("date") and (iso := parse_date(match.group("date"), lexicon)):
        draft.date = iso
