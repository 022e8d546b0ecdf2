"""The footnote anchor graph of an MIA page: which reference in the text calls which note.

On MIA pages notes are not a class but a graph of in-page links (``f1→n1``, ``a1→f1``,
``#1↔1b``, ``b1↔f1``, ``name`` or ``id`` anchors). A link is a reference only when its visible
text is a marker and its note reads like one: it comes later, opens its block with the same
marker, links back, carries a note class, sits under a "Notes" heading or in the second half
of the page. Several cues must agree, so table-of-contents links and paragraph-number anchors
never pass for notes, and a note's back-link can repair a reference whose own link is broken.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml.etree import _Element

from publish.errors import Diagnostic, Severity
from publish.model import NoteKind
from publish.normalise.html import note_text as cue
from publish.normalise.html.parse import classes, text_of


@dataclass(frozen=True, slots=True)
class NoteRef:
    """One resolved reference: the caller replaces ``element`` (not its tail) by a Note inline.

    ``element`` is the outermost element that is the reference (the ``<sup>`` around the link,
    or the link); ``marker`` is its visible marker without brackets ("1", "*", "a");
    ``note_elements`` are the blocks holding the note's text, in order.
    """

    element: _Element
    marker: str
    kind: NoteKind
    note_elements: tuple[_Element, ...]


@dataclass(frozen=True, slots=True)
class NoteGraph:
    """A page's notes as the block converter needs them.

    ``consumed`` must not become body blocks (note blocks, the "Notes" heading, rules and
    wrappers that only framed notes). ``strip`` are elements inside note blocks to drop (the
    note's own marker or back-link); their tails stay. ``marker_prefix`` gives, for a note block
    whose marker is plain text, the marker as it opens the block's visible text once the
    ``strip`` elements are gone and leading whitespace is ignored ("1.", "[1]", or a stray ".").
    Diagnostics: N030 unresolved reference (its marker stays in the text), N031 a note nothing
    calls (it stays in the body), N032 a note called again (the later reference stays text).
    """

    refs: Mapping[_Element, NoteRef]
    consumed: frozenset[_Element]
    strip: frozenset[_Element]
    marker_prefix: Mapping[_Element, str]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class _Link:
    anchor: _Element
    element: _Element
    marker: str
    fragment: str
    target: _Element | None


@dataclass(frozen=True, slots=True)
class _Start:
    link: _Link
    target: _Element
    block: _Element


_RULE_TAGS = frozenset({"hr", "p", "div", "center"})


@dataclass(slots=True)
class _Page:
    """Document order and anchors of one page: the frame every cue is measured in.

    ``length`` is the reading position past which nothing more is read (the largest in
    ``reading``); ``notes_heading`` remembers, by heading index, which headings are "Notes"
    headings, since every block asks that of the heading it sits under.
    """

    order: dict[_Element, int]
    reading: dict[_Element, int]
    anchors: dict[str, _Element]
    headings: list[_Element]
    rules: list[int]
    heading_orders: list[int] = field(default_factory=list)
    link_orders: list[int] = field(default_factory=list)
    length: int = 0
    notes_heading: dict[int, bool] = field(default_factory=dict)

    @classmethod
    def of(cls, root: _Element) -> _Page:
        page, read = cls({}, {}, {}, [], []), 0
        order, reading, anchors = page.order, page.reading, page.anchors
        for index, element in enumerate(root.iter()):
            order[element] = index
            reading[element] = read
            tag = element.tag
            if not isinstance(tag, str):
                continue
            text = element.text or ""
            read += len((element.tail or "").strip()) + (tag not in ("script", "style")) * len(text)
            if (ident := element.get("id")) and (ident := ident.strip()):
                anchors.setdefault(ident, element)
            if tag == "a" and (name := element.get("name")) and (name := name.strip()):
                anchors.setdefault(name, element)
            if tag in cue.HEADINGS:
                page.headings.append(element)
                page.heading_orders.append(index)
            elif tag in _RULE_TAGS and len(element) < 3 and not cue.has_prose(text) and cue.is_rule(element):
                page.rules.append(index)  # has_prose first: most blocks open with words, read just above
        page.length = max(reading.values(), default=0)
        return page

    def late(self, block: _Element) -> bool:
        """Most of the page's text comes before the block: where endnotes sit."""
        return 2 * self.reading[block] >= self.length

    def before(self, first: _Element, second: _Element) -> bool:
        return self.order[first] < self.order[second]

    def heading_of(self, block: _Element) -> _Element | None:
        """The nearest heading before ``block``: the section it belongs to."""
        index = bisect_left(self.heading_orders, self.order[block])
        return self.headings[index - 1] if index else None

    def in_notes_section(self, block: _Element) -> bool:
        index = bisect_left(self.heading_orders, self.order[block]) - 1
        if index < 0:
            return False
        if index not in self.notes_heading:
            self.notes_heading[index] = cue.is_notes_heading(self.headings[index])
        return self.notes_heading[index]

    def after_rule(self, block: _Element, last_reference: int) -> bool:
        """A rule parts this block from the text and its references: a notes area with no heading."""
        index = bisect_left(self.rules, self.order[block])
        return index > 0 and self.rules[index - 1] > last_reference

    def adjacent(self, earlier: _Element, later: _Element) -> bool:
        """No marker link lies between the two elements."""
        return bisect_right(self.link_orders, self.order[earlier]) == bisect_left(self.link_orders, self.order[later])

    def links_back(self, target: _Element, block: _Element, reference: _Element) -> bool:
        """The note links back to the reference, its paragraph, or an anchor just before it (Capital)."""
        for anchor in {target, *block.iter("a")}:
            if anchor is not target and not (cue.link_marker(text_of(anchor)) or cue.is_back_link(anchor)):
                continue
            href = (anchor.get("href") or "").strip()
            back = self.anchors.get(href[1:]) if href.startswith("#") else None
            if back is None or back.tag in cue.LOOSE:
                continue
            if cue.within(reference, back) or (self.before(back, reference) and self.adjacent(back, reference)):
                return True
        return False


def find_notes(root: _Element, where: str) -> NoteGraph:
    """Resolve every note reference of the page; a pure function of the tree."""
    page = _Page.of(root)
    links = [link for anchor in root.iter("a") if (link := _marker_link(page, anchor)) is not None]
    links = sorted(links + _silent_references(page, links), key=lambda link: page.order[link.anchor])
    page.link_orders = sorted(page.order[link.anchor] for link in links)
    diagnostics: list[Diagnostic] = []
    found = _resolve(page, links)
    starts = _distinct(page, found, diagnostics, where)
    graph = _assemble(page, starts, links)
    settled = set(found)
    for link in links:
        if link.anchor in settled or cue.inside(link.anchor, graph.consumed) or _note_side(page, link):
            continue
        if link.target is None or link.element is not link.anchor or _styled(link):
            diagnostics.append(_diagnostic("N030", Severity.WARNING, where, _why_unresolved(page, link)))
    diagnostics += _orphans(page, links, graph.consumed, where)
    return NoteGraph(graph.refs, graph.consumed, graph.strip, graph.marker_prefix, tuple(diagnostics))


# --- references and their notes --------------------------------------------------------


def _marker_link(page: _Page, anchor: _Element) -> _Link | None:
    href = (anchor.get("href") or "").strip()
    if not href.startswith("#") or len(href) < 2:
        return None
    marker = cue.link_marker(text_of(anchor))
    if marker is None or cue.in_link_row(anchor):
        return None
    return _Link(anchor, cue.reference_element(anchor), marker, href[1:], page.anchors.get(href[1:]))


def _silent_references(page: _Page, links: list[_Link]) -> list[_Link]:
    """Markers in the text that lost their link (``<a ref="#n6" name="f6">``) but a note links back to."""
    known = {link.anchor for link in links}
    silent: dict[_Element, _Link] = {}
    for link in links:
        target = link.target
        if target is None or target in known or target in silent or not page.before(target, link.anchor):
            continue
        marker = cue.link_marker(text_of(target))
        if marker is not None and target.tag in cue.INLINE and not (target.get("href") or "").startswith("#"):
            silent[target] = _Link(target, cue.reference_element(target), marker, "", None)
    return list(silent.values())


def _resolve(page: _Page, links: list[_Link]) -> dict[_Element, _Start]:
    """Each reference's best-supported note: where its link leads, or which note links back to it.

    Weighing both repairs the archive's slips (``href="#f1" name="f1"`` pointing at itself,
    ``[34]`` linking to note 3) whenever the right note's back-link says where it belongs.
    """
    pointing: dict[_Element, list[_Link]] = {}
    for link in links:
        if link.target is not None:
            pointing.setdefault(link.target, []).append(link)
    found: dict[_Element, _Start] = {}
    for link in links:
        options: list[tuple[_Element, bool]] = []
        if link.target is not None and page.before(link.anchor, link.target):
            options.append((link.target, False))
        holders = _holders(link)
        options += [
            (b.anchor, True) for h in holders for b in pointing.get(h, []) if page.before(link.anchor, b.anchor)
        ]
        weighed: dict[_Element, _Weight | None] = {}  # a note that the link leads to and that links back comes up twice
        scored: list[tuple[int, _Start]] = []
        for option, back in options:
            if option not in weighed:
                weighed[option] = _weigh(page, link, option)
            if (pair := _evaluate(page, link, weighed[option], back=back)) is not None:
                scored.append(pair)
        if scored:
            found[link.anchor] = max(scored, key=lambda pair: pair[0])[1]
    return found


def _holders(link: _Link) -> list[_Element]:
    """The link and the elements around it that are the reference too, up to ``link.element``."""
    holders = [link.anchor]
    if link.element is not link.anchor:
        for ancestor in link.anchor.iterancestors():
            holders.append(ancestor)
            if ancestor is link.element:
                break
    return holders


@dataclass(slots=True)
class _Weight:
    """The cues that ``target`` is the note a link calls, all but its back-link.

    ``score`` and ``opens`` (the note opens its block, or shows the link's marker) are known at
    once; the back-link and whether the block holds more than a marker are looked up when a
    score needs them, and kept.
    """

    target: _Element
    block: _Element
    score: int
    opens: bool
    links_back: bool | None = None
    has_text: bool | None = None


def _weigh(page: _Page, link: _Link, target: _Element) -> _Weight | None:
    """The cues for ``target`` whichever way it came up; None when it cannot be a note at all."""
    block = cue.note_block(target)
    if block is None or cue.is_heading(block) or cue.within(link.anchor, block) or cue.within(block, link.anchor):
        return None
    inner = cue.within(target, block)
    written = cue.written_marker(block, target)
    matches = written is not None and cue.same_marker(written, link.marker)
    at_start = not inner or not cue.text_before(block, target).replace("\u00a0", " ").strip()
    names = {name for el in (target, *target.iterancestors()) if el.tag not in cue.LOOSE for name in classes(el)}
    score = 2 * matches - 2 * (written is not None and not matches) + at_start
    score += bool(names & cue.NOTE_CLASSES) + page.in_notes_section(block) + page.late(block)
    return _Weight(target, block, score, at_start or matches)


def _evaluate(page: _Page, link: _Link, weight: _Weight | None, *, back: bool) -> tuple[int, _Start] | None:
    """The score of a candidate note found by ``back``-link or not; None when too few cues agree."""
    if weight is None:
        return None
    if not back and weight.links_back is None:
        weight.links_back = page.links_back(weight.target, weight.block, link.anchor)
    score = 2 * (back or bool(weight.links_back)) + weight.score
    if score < 4 or not weight.opens:
        return None
    if weight.has_text is None:
        weight.has_text = cue.has_text_beyond_marker(weight.block, weight.target)
    return (score, _Start(link, weight.target, weight.block)) if weight.has_text else None


def _distinct(page: _Page, found: dict[_Element, _Start], out: list[Diagnostic], where: str) -> list[_Start]:
    """The first reference wins a note; a later one calling it, or sharing its block, stays text."""
    kept: list[_Start] = []
    at: dict[_Element, int] = {}  # a kept note's block: its place in ``kept``
    holding: dict[_Element, int] = {}  # an element: the first kept note whose block is it or inside it
    for start in sorted(found.values(), key=lambda s: page.order[s.link.anchor]):
        chain = [start.block, *start.block.iterancestors()]
        rivals = [at[element] for element in chain if element in at]  # kept blocks holding this one
        if start.block in holding:  # kept blocks inside this one
            rivals.append(holding[start.block])
        if not rivals:
            at[start.block] = len(kept)
            for element in chain:
                holding.setdefault(element, len(kept))
            kept.append(start)
            continue
        rival = kept[min(rivals)]
        if rival.target is start.target or cue.same_marker(rival.link.marker, start.link.marker):
            message = f"note {_named(start.link)} is referenced again; the later reference stays as text"
            out.append(_diagnostic("N032", Severity.INFO, where, message))
        else:
            message = f"note reference {_named(start.link)} shares its note's text with note {rival.link.marker}"
            out.append(_diagnostic("N030", Severity.WARNING, where, message + "; left unresolved"))
    return kept


# --- assembling the graph --------------------------------------------------------------


def _assemble(page: _Page, starts: list[_Start], links: list[_Link]) -> NoteGraph:
    by_block = sorted(starts, key=lambda start: page.order[start.block])
    barriers = {start.block for start in starts} | {link.anchor for link in links}
    last_reference = max((page.order[start.link.anchor] for start in starts), default=-1)
    consumed: set[_Element] = set()
    strip: set[_Element] = set()
    prefixes: dict[_Element, str] = {}
    refs: dict[_Element, NoteRef] = {}
    for index, start in enumerate(by_block):
        following = by_block[index + 1].block if index + 1 < len(by_block) else None
        elements, spare = _extent(page, start, following, barriers, last_reference)
        consumed.update(elements, spare)
        if not cue.within(start.target, start.block):
            consumed.add(start.target)
        dropped, prefix = cue.own_marker(start.block, start.target)
        strip.update(dropped, (a for element in elements for a in element.iter("a") if cue.is_back_link(a)))
        if prefix:
            prefixes[start.block] = prefix
        kind = _kind(page, start, elements, cue.visible_text(start.block, strip)[len(prefix or "") :])
        refs[start.link.element] = NoteRef(start.link.element, start.link.marker, kind, tuple(elements))
    _frame(page, by_block, consumed, last_reference)
    refs = dict(sorted(refs.items(), key=lambda item: page.order[item[0]]))
    return NoteGraph(refs, frozenset(consumed), frozenset(strip), prefixes, ())


def _extent(
    page: _Page, start: _Start, following: _Element | None, barriers: set[_Element], last_reference: int
) -> tuple[list[_Element], list[_Element]]:
    """The note's block and the unanchored blocks that continue it (Lafargue ch. 3, Capital note A).

    Under a "Notes" heading or past a closing rule every block up to the next note or the page
    furniture continues the note, and so does any block between two notes with no reference
    in between; elsewhere only blocks dressed like the note's first (``p.note`` after ``p.note``).
    """
    anywhere = page.in_notes_section(start.block) or page.after_rule(start.block, last_reference)
    parent = start.block.getparent()
    sandwich = following is not None and following.getparent() is parent and page.adjacent(start.block, following)
    elements, spare, pending = [start.block], list[_Element](), list[_Element]()
    node: _Element | None = start.block
    while node is not None and not (node.tail or "").strip():
        node = node.getnext()
        if node is None or not isinstance(node.tag, str):
            continue
        if node is following or cue.is_heading(node) or cue.is_rule(node) or cue.is_furniture(node):
            break
        if any(element in barriers for element in node.iter()):
            break
        if cue.is_empty(node):
            pending.append(node)
        elif anywhere or sandwich or cue.dressed_alike(node, start.block) or _wraps_alike(node, start.block):
            elements.append(node)
            spare, pending = spare + pending, []
        else:
            break
    return elements, spare + pending


def _wraps_alike(node: _Element, block: _Element) -> bool:
    """A centred table or box holding paragraphs dressed like the note (verse quoted in a note)."""
    if node.tag not in ("table", "blockquote", "div", "center"):
        return False
    inner = [paragraph for paragraph in node.iter("p")]
    return bool(inner) and all(cue.dressed_alike(paragraph, block) for paragraph in inner)


def _kind(page: _Page, start: _Start, elements: list[_Element], text: str) -> NoteKind:
    """Who wrote the note: its own words first, then classes, its heading, its signature."""
    names = classes(start.link.element) | classes(start.link.anchor) | classes(start.block)
    heading = page.heading_of(start.block)
    return (
        cue.kind_from_opening(text)
        or cue.kind_from_classes(names)
        or (cue.heading_kind(heading) if heading is not None else None)
        or cue.kind_from_closing(text_of(next(el for el in reversed(elements) if cue.signs(el, elements))))
        or NoteKind.AUTHOR
    )


def _frame(page: _Page, starts: list[_Start], consumed: set[_Element], last_reference: int) -> None:
    """Wrappers, rules and "Notes" headings that only framed resolved notes go with them."""
    cue.wrappers(consumed)
    for start in starts:
        framing = cue.framing_before(start.block)
        heading = framing.pop() if framing and cue.is_heading(framing[-1]) else None
        if heading is not None and cue.section_consumed(heading, consumed):
            consumed.update(framing, [heading], cue.framing_before(heading))
        elif heading is None and framing and page.after_rule(start.block, last_reference):
            consumed.update(framing)
    cue.wrappers(consumed)


# --- what stays unresolved -------------------------------------------------------------


def _note_side(page: _Page, link: _Link) -> bool:
    """A link that leads back, or opens its line, is a note's own marker, not a reference."""
    return (link.target is not None and page.before(link.target, link.anchor)) or cue.opens_line(link.element)


def _styled(link: _Link) -> bool:
    """Brackets, a note symbol or a note class: the link was meant as a reference."""
    text = text_of(link.anchor).strip()
    return (bool(text) and text[0] in "[(*†‡§¶") or bool(classes(link.element) & cue.NOTE_CLASSES)


def _why_unresolved(page: _Page, link: _Link) -> str:
    head = f"note reference {_named(link)} is unresolved and stays as text: "
    if link.target is None:
        return head + "no element on the page has that anchor"
    if not page.before(link.anchor, link.target):
        return head + "its link does not lead forward to a note"
    if cue.note_block(link.target) is None:
        return head + "the note's text is not in a block of its own"
    return head + "its target does not read like a note"


def _orphans(page: _Page, links: list[_Link], consumed: frozenset[_Element], where: str) -> list[Diagnostic]:
    """Notes no reference calls stay in the text as paragraphs; say which, so a reader can check."""
    targeted = {link.target for link in links}
    side = {link.anchor for link in links if _note_side(page, link)}
    found: list[Diagnostic] = []
    seen: set[_Element] = set()
    for anchor in page.anchors.values():
        block = cue.note_block(anchor) if anchor.tag == "a" and anchor not in targeted else None
        if block is None or block in seen or cue.inside(anchor, consumed) or not cue.within(anchor, block):
            continue
        if cue.text_before(block, anchor).strip() or not cue.leading_marker(text_of(block)):
            continue
        if anchor in side or classes(block) & cue.NOTE_CLASSES or page.in_notes_section(block):
            seen.add(block)
            words = " ".join(text_of(block).split()[:6])
            found.append(_diagnostic("N031", Severity.INFO, where, f"no reference calls the note “{words}…”"))
    unlinked = [  # numbered paragraphs under a "Notes" heading whose references are plain text
        block
        for block in page.order
        if block.tag in ("p", "li", "div")
        and block not in seen
        and page.in_notes_section(block)
        and not cue.inside(block, consumed)
        and cue.leading_marker(text_of(block))
    ]
    if unlinked:
        first = " ".join(text_of(unlinked[0]).split()[:4])
        message = f"{len(unlinked)} paragraph(s) read like notes but no link calls them (the first: “{first}…”)"
        found.append(_diagnostic("N031", Severity.INFO, where, message + "; they stay in the text"))
    return found


def _named(link: _Link) -> str:
    return f"{link.marker} (#{link.fragment})" if link.fragment else link.marker


def _diagnostic(code: str, severity: Severity, where: str, message: str) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, where=where, message=message)
