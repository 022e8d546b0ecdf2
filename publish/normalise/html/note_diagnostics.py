"""What stays unresolved on a page, said so a reader can check: N030 references, N031 orphan notes."""

from __future__ import annotations

from lxml.etree import _Element

from publish.errors import Diagnostic, Severity
from publish.normalise.html.note_blocks import note_block, opens_line
from publish.normalise.html.note_frame import PageFrame
from publish.normalise.html.note_graph import Link
from publish.normalise.html.note_markers import leading_marker
from publish.normalise.html.note_tree import inside, text_before, within
from publish.normalise.html.parse import classes, text_of


def note_side(page: PageFrame, link: Link) -> bool:
    """A link that leads back, or opens its line, is a note's own marker, not a reference."""
    return (link.target is not None and page.before(link.target, link.anchor)) or opens_line(link.element)


def styled(page: PageFrame, link: Link) -> bool:
    """Brackets, a note symbol or a note class: the link was meant as a reference."""
    text = text_of(link.anchor).strip()
    return (bool(text) and text[0] in "[(*†‡§¶") or bool(classes(link.element) & page.cues.any_note)


def why_unresolved(page: PageFrame, link: Link) -> str:
    head = f"note reference {named(link)} is unresolved and stays as text: "
    if link.target is None:
        return head + "no element on the page has that anchor"
    if not page.before(link.anchor, link.target):
        return head + "its link does not lead forward to a note"
    if note_block(link.target) is None:
        return head + "the note's text is not in a block of its own"
    return head + "its target does not read like a note"


def orphans(page: PageFrame, links: list[Link], consumed: frozenset[_Element], where: str) -> list[Diagnostic]:
    """Notes no reference calls stay in the text as paragraphs; say which, so a reader can check."""
    targeted = {link.target for link in links}
    side = {link.anchor for link in links if note_side(page, link)}
    found: list[Diagnostic] = []
    seen: set[_Element] = set()
    for anchor in page.anchors.values():
        block = note_block(anchor) if anchor.tag == "a" and anchor not in targeted else None
        if block is None or block in seen or inside(anchor, consumed) or not within(anchor, block):
            continue
        if text_before(block, anchor).strip() or not leading_marker(text_of(block)):
            continue
        if anchor in side or classes(block) & page.cues.any_note or page.in_notes_section(block):
            seen.add(block)
            words = " ".join(text_of(block).split()[:6])
            found.append(diagnostic("N031", Severity.INFO, where, f"no reference calls the note “{words}…”"))
    unlinked = [  # numbered paragraphs under a "Notes" heading whose references are plain text
        block
        for block in page.order
        if block.tag in ("p", "li", "div")
        and block not in seen
        and page.in_notes_section(block)
        and not inside(block, consumed)
        and leading_marker(text_of(block))
    ]
    if unlinked:
        first = " ".join(text_of(unlinked[0]).split()[:4])
        message = f"{len(unlinked)} paragraph(s) read like notes but no link calls them (the first: “{first}…”)"
        found.append(diagnostic("N031", Severity.INFO, where, message + "; they stay in the text"))
    return found


def named(link: Link) -> str:
    return f"{link.marker} (#{link.fragment})" if link.fragment else link.marker


def diagnostic(code: str, severity: Severity, where: str, message: str) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, where=where, message=message)
