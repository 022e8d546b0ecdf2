"""Document order and anchors of one page: the frame every note cue is measured in."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml.etree import _Element

from publish.normalise.html.note_blocks import has_prose, is_rule
from publish.normalise.html.note_kinds import is_notes_heading
from publish.normalise.html.note_markers import is_back_link, link_marker
from publish.normalise.html.note_tree import HEADINGS, LOOSE, within
from publish.normalise.html.parse import text_of
from publish.normalise.lexicon import Lexicon, resolve

if TYPE_CHECKING:
    from publish.normalise.html.families.cues import Cues

_RULE_TAGS = frozenset({"hr", "p", "div", "center"})


@dataclass(slots=True)
class PageFrame:
    """Document order and anchors of one page: the frame every cue is measured in.

    ``length`` is the reading position past which nothing more is read (the largest in
    ``reading``); ``notes_heading`` remembers, by heading index, which headings are "Notes"
    headings, since every block asks that of the heading it sits under.
    """

    cues: Cues
    lexicon: Lexicon
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
    def of(cls, root: _Element, cues: Cues, lexicon: Lexicon | None = None) -> PageFrame:
        page, read = cls(cues, resolve(lexicon), {}, {}, {}, [], []), 0
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
            if tag in HEADINGS:
                page.headings.append(element)
                page.heading_orders.append(index)
            elif tag in _RULE_TAGS and len(element) < 3 and not has_prose(text) and is_rule(element):
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
            self.notes_heading[index] = is_notes_heading(self.headings[index], self.lexicon)
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
            if anchor is not target and not (link_marker(text_of(anchor)) or is_back_link(anchor, self.lexicon)):
                continue
            href = (anchor.get("href") or "").strip()
            back = self.anchors.get(href[1:]) if href.startswith("#") else None
            if back is None or back.tag in LOOSE:
                continue
            if within(reference, back) or (self.before(back, reference) and self.adjacent(back, reference)):
                return True
        return False
