"""The footnote anchor graph of an MIA page: which reference in the text calls which note.

On MIA pages notes are not a class but a graph of in-page links (``f1→n1``, ``a1→f1``,
``#1↔1b``, ``b1↔f1``, ``name`` or ``id`` anchors). A link is a reference only when its visible
text is a marker and its note reads like one: it comes later, opens its block with the same
marker, links back, carries a note class, sits under a "Notes" heading or in the second half
of the page. Several cues must agree, so table-of-contents links and paragraph-number anchors
never pass for notes, and a note's back-link can repair a reference whose own link is broken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.errors import Diagnostic, Severity
from publish.normalise.html.note_assembly import assemble
from publish.normalise.html.note_blocks import has_text_beyond_marker, in_link_row, note_block, reference_element
from publish.normalise.html.note_diagnostics import diagnostic, named, note_side, orphans, styled, why_unresolved
from publish.normalise.html.note_frame import PageFrame
from publish.normalise.html.note_graph import Link, NoteGraph, NoteRef, Start
from publish.normalise.html.note_kinds import is_heading
from publish.normalise.html.note_markers import link_marker, same_marker, written_marker
from publish.normalise.html.note_tree import INLINE, LOOSE, inside, text_before, within
from publish.normalise.html.parse import classes, text_of
from publish.normalise.lexicon import Lexicon

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

__all__ = ["NoteGraph", "NoteRef", "find_notes"]


def find_notes(root: _Element, where: str, cues: Cues, lexicon: Lexicon | None = None) -> NoteGraph:
    """Resolve every note reference of the page, read by its family's ``cues`` and ``lexicon`` (every
    language's words when not given); a pure function of the tree."""
    page = PageFrame.of(root, cues, lexicon)
    links = [link for anchor in root.iter("a") if (link := _marker_link(page, anchor)) is not None]
    links = sorted(links + _silent_references(page, links), key=lambda link: page.order[link.anchor])
    page.link_orders = sorted(page.order[link.anchor] for link in links)
    diagnostics: list[Diagnostic] = []
    found = _resolve(page, links)
    starts = _distinct(page, found, diagnostics, where)
    graph = assemble(page, starts, links)
    settled = set(found)
    for link in links:
        if link.anchor in settled or inside(link.anchor, graph.consumed) or note_side(page, link):
            continue
        if link.target is None or link.element is not link.anchor or styled(page, link):
            diagnostics.append(diagnostic("N030", Severity.WARNING, where, why_unresolved(page, link)))
    diagnostics += orphans(page, links, graph.consumed, where)
    return NoteGraph(graph.refs, graph.consumed, graph.strip, graph.marker_prefix, tuple(diagnostics))


# --- references and their notes --------------------------------------------------------


def _marker_link(page: PageFrame, anchor: _Element) -> Link | None:
    href = (anchor.get("href") or "").strip()
    if not href.startswith("#") or len(href) < 2:
        return None
    marker = link_marker(text_of(anchor))
    if marker is None or in_link_row(anchor):
        return None
    return Link(anchor, reference_element(anchor), marker, href[1:], page.anchors.get(href[1:]))


def _silent_references(page: PageFrame, links: list[Link]) -> list[Link]:
    """Markers in the text that lost their link (``<a ref="#n6" name="f6">``) but a note links back to."""
    known = {link.anchor for link in links}
    silent: dict[_Element, Link] = {}
    for link in links:
        target = link.target
        if target is None or target in known or target in silent or not page.before(target, link.anchor):
            continue
        marker = link_marker(text_of(target))
        if marker is not None and target.tag in INLINE and not (target.get("href") or "").startswith("#"):
            silent[target] = Link(target, reference_element(target), marker, "", None)
    return list(silent.values())


def _resolve(page: PageFrame, links: list[Link]) -> dict[_Element, Start]:
    """Each reference's best-supported note: where its link leads, or which note links back to it.

    Weighing both repairs the archive's slips (``href="#f1" name="f1"`` pointing at itself,
    ``[34]`` linking to note 3) whenever the right note's back-link says where it belongs.
    """
    pointing: dict[_Element, list[Link]] = {}
    for link in links:
        if link.target is not None:
            pointing.setdefault(link.target, []).append(link)
    found: dict[_Element, Start] = {}
    for link in links:
        options: list[tuple[_Element, bool]] = []
        if link.target is not None and page.before(link.anchor, link.target):
            options.append((link.target, False))
        holders = _holders(link)
        options += [
            (b.anchor, True) for h in holders for b in pointing.get(h, []) if page.before(link.anchor, b.anchor)
        ]
        weighed: dict[_Element, _Weight | None] = {}  # a note that the link leads to and that links back comes up twice
        scored: list[tuple[int, Start]] = []
        for option, back in options:
            if option not in weighed:
                weighed[option] = _weigh(page, link, option)
            if (pair := _evaluate(page, link, weighed[option], back=back)) is not None:
                scored.append(pair)
        if scored:
            found[link.anchor] = max(scored, key=lambda pair: pair[0])[1]
    return found


def _holders(link: Link) -> list[_Element]:
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


def _weigh(page: PageFrame, link: Link, target: _Element) -> _Weight | None:
    """The cues for ``target`` whichever way it came up; None when it cannot be a note at all."""
    block = note_block(target)
    if block is None or is_heading(block) or within(link.anchor, block) or within(block, link.anchor):
        return None
    inner = within(target, block)
    written = written_marker(block, target)
    matches = written is not None and same_marker(written, link.marker)
    at_start = not inner or not text_before(block, target).replace("\u00a0", " ").strip()
    names = {name for el in (target, *target.iterancestors()) if el.tag not in LOOSE for name in classes(el)}
    score = 2 * matches - 2 * (written is not None and not matches) + at_start
    score += bool(names & page.cues.any_note) + page.in_notes_section(block) + page.late(block)
    return _Weight(target, block, score, at_start or matches)


def _evaluate(page: PageFrame, link: Link, weight: _Weight | None, *, back: bool) -> tuple[int, Start] | None:
    """The score of a candidate note found by ``back``-link or not; None when too few cues agree."""
    if weight is None:
        return None
    if not back and weight.links_back is None:
        weight.links_back = page.links_back(weight.target, weight.block, link.anchor)
    score = 2 * (back or bool(weight.links_back)) + weight.score
    if score < 4 or not weight.opens:
        return None
    if weight.has_text is None:
        weight.has_text = has_text_beyond_marker(weight.block, weight.target)
    return (score, Start(link, weight.target, weight.block)) if weight.has_text else None


def _distinct(page: PageFrame, found: dict[_Element, Start], out: list[Diagnostic], where: str) -> list[Start]:
    """The first reference wins a note; a later one calling it, or sharing its block, stays text."""
    kept: list[Start] = []
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
        if rival.target is start.target or same_marker(rival.link.marker, start.link.marker):
            message = f"note {named(start.link)} is referenced again; the later reference stays as text"
            out.append(diagnostic("N032", Severity.INFO, where, message))
        else:
            message = f"note reference {named(start.link)} shares its note's text with note {rival.link.marker}"
            out.append(diagnostic("N030", Severity.WARNING, where, message + "; left unresolved"))
    return kept
