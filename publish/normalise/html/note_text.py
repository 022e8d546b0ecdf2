"""The cues a note leaves in the tree: markers, "Notes" headings, its block, who wrote it.

MIA pages mark notes every way a hand-edited archive can (``[1]``, ``1.``, ``(1)``, ``*``,
``1*``, ``[i]``, ``A.``, ``[note]``), so markers are compared in one normal form. None of these
cues decides alone; ``notes.py`` weighs them against the anchor graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.etree import _Element

from publish.model import NoteKind
from publish.normalise.html.parse import classes, has_descendant, text_of

HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
INLINE = frozenset({"sup", "span", "small", "font", "b", "strong", "em", "i", "big", "sub", "u", "cite", "tt", "a"})
PARAGRAPHS = frozenset({"p", "li", "dd", "dt", "pre", "address", "tr"}) | HEADINGS
HOLDERS = frozenset({"div", "blockquote", "center", "section", "article", "aside", "footer", "td", "th"})
LOOSE = frozenset({"body", "html"})

_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{1,3}|v)|x{1,3})"
_MARK = rf"(?:\d{{1,4}}[a-z]?\*?|[*†‡§¶]{{1,4}}|{_ROMAN}|[a-z]\*?|note)"
_LINK_MARKER = re.compile(rf"^[\[(]?\s*({_MARK})\s*[\])]?\s*[.:]?$", re.IGNORECASE)
_LEADING_MARKER = re.compile(
    rf"^\s*(?:\[\s*({_MARK})\s*\]|\(\s*({_MARK})\s*\)|({_MARK})\s*[.)\]:]|([*†‡§¶]{{1,4}}))\s*[.:]?(?=\s|$)",
    re.IGNORECASE,
)
_WHO = r"author|editors?|editorial|translators?|transcriber|mia|etol|publishers?|traductor"
_NOTES_HEADING = re.compile(
    rf"^(?:(?P<before>{_WHO})(?:'?s|s')?\s+)?(?:foot|end|foot-|end-)?notes?"
    rf"(?:\s+(?:by|of|from)\s+(?:the\s+)?(?P<after>{_WHO}))?$"
    rf"|^(?:notas?|fußnoten|anmerkungen)(?:\s+(?:del?|des)\s+(?:la\s+)?(?P<es>{_WHO}))?$",
    re.IGNORECASE,
)
_EDITOR_CLASSES = {"ednote", "inote", "pagenote", "pagenoteb", "editornote", "ednotes", "mianote"}
_TRANSLATOR_CLASSES = {"tnote", "trnote", "transnote"}
NOTE_CLASSES = {"note", "notes", "endnote", "endnotes", "footnote", "footnotes", "fnote", "notet", "anote", "enote"}
NOTE_CLASSES |= _EDITOR_CLASSES | _TRANSLATOR_CLASSES
_I = re.IGNORECASE
# Who wrote a note, by what it says, in order of precedence. A pattern that may match anywhere and
# opens with ``\b`` is tried at every position of the note, so it comes with a word it cannot
# match without, looked for first (in the lower-cased text, as these letters only ever match
# themselves in either case).
_OPENING: tuple[tuple[re.Pattern[str], NoteKind, str | None], ...] = (
    (re.compile(r"^\W*(?:translator|trans\.?|tr\.)(?:['’]s)?\s+note", _I), NoteKind.TRANSLATOR, None),
    (re.compile(r"^\W*(?:editor|ed\.|editorial|mia|etol|transcriber)(?:['’]s)?\s+note", _I), NoteKind.EDITOR, None),
    (
        re.compile(r"^\W*note\s+(?:by|of)\s+(?:the\s+)?(?:editors?|mia|etol|transcriber|marxists)", _I),
        NoteKind.EDITOR,
        None,
    ),
    (
        re.compile(r"^\W*in\s+the\s+(?:\w+\s+){0,2}(?:edition|printed\s+version|published\s+version)\b", _I),
        NoteKind.EDITOR,
        None,
    ),
    (re.compile(r"\bonly\s+in\s+the\s+(?:\w+\s+){0,2}edition\b", _I), NoteKind.EDITOR, "only"),
)
_CLOSING: tuple[tuple[re.Pattern[str], NoteKind, str | None], ...] = (
    (re.compile(r"[\[(–—-]\s*(?:trans(?:lator)?|tr)\.?\s*[\])]?\.?$", _I), NoteKind.TRANSLATOR, None),
    (
        re.compile(r"\b(?:appears?|appeared)\s+in\s+\w+\s+in\s+the\s+original\b", _I),
        NoteKind.TRANSLATOR,
        "appear",
    ),
    (re.compile(r"[\[(–—-]\s*(?:eds?|editors?|mia|etol)\.?\s*[\])]?\.?$", _I), NoteKind.EDITOR, None),
    (re.compile(r"[\[(–—-][^\[\]()–—]{0,40}\b(?:institute|publishers)\.?\s*[\])]?\.?$", _I), NoteKind.EDITOR, None),
    (re.compile(r"\[[^\[\]]{0,60}\b(?:edition|editor|ed\.)[^\[\]]*\]\.?$", _I), NoteKind.EDITOR, None),
)
_FURNITURE_CLASSES = {"link", "toplink", "updat", "footer", "next", "prev", "previous", "nav", "navigation", "toc"}
_FURNITURE_TEXT = re.compile(
    r"^(?:last updated|top of (?:the )?page|back to |transcri(?:bed|ption)|(?:html )?mark(?:ed)?[- ]?up\b"
    r"|proofread|copyleft|public domain|next:|previous:)",
    _I,
)
_RULE_TEXT = re.compile(r"^[\s_\-–—=~]{3,}$")
_NOT_RULE = re.compile(r"[^\s_\-–—=~]")
_BACK_LINK_TEXT = re.compile(r"^(?:\W*(?:back|return|top)\W*|[^\w\s*†‡§¶]+)$", _I)
_OWNER = {"author": NoteKind.AUTHOR} | dict.fromkeys(("translator", "translators", "traductor"), NoteKind.TRANSLATOR)


# --- markers ---------------------------------------------------------------------------


def link_marker(text: str) -> str | None:
    """The marker a link's whole visible text spells (``[1]`` -> ``1``), or None for words."""
    match = _LINK_MARKER.match(" ".join(text.split()))
    return match.group(1) if match else None


def leading_marker(text: str) -> tuple[str, str] | None:
    """The marker a note's text opens with, as written (``"1."``) and as a marker (``"1"``).

    Letters and numbers need punctuation after them ("1." or "[1]"), so that "A commodity"
    or "1917 was" never read as markers; bare symbols (``*``) do not.
    """
    match = _LEADING_MARKER.match(text)
    if match is None:
        return None
    return match.group(0).strip(), next(group for group in match.groups() if group)


def written_marker(block: _Element, target: _Element) -> str | None:
    """The marker the note shows for itself: its anchor's text, its opening, or its list number."""
    if target is not block and within(target, block) and (own := link_marker(text_of(target))):
        return own
    first = first_content(block, set())
    if isinstance(first, _Element) and first.tag in INLINE and (marker := link_marker(text_of(first))):
        return marker
    if (opening := leading_marker(text_of(block))) is not None:
        return opening[1]
    parent = block.getparent()
    if block.tag == "li" and parent is not None and parent.tag == "ol":
        items = [item for item in parent if item.tag == "li"]
        start = parent.get("start", "1")
        return str(items.index(block) + (int(start) if start.isdigit() else 1))
    return None


def same_marker(first: str, second: str) -> bool:
    return first.casefold().rstrip(".") == second.casefold().rstrip(".")


def is_back_link(anchor: _Element) -> bool:
    return (anchor.get("href") or "").strip().startswith("#") and bool(_BACK_LINK_TEXT.match(text_of(anchor)))


# --- headings and who wrote a note -----------------------------------------------------


def is_heading(element: _Element) -> bool:
    return element.tag in HEADINGS


def is_notes_heading(element: _Element) -> bool:
    return _heading_match(element) is not None


def heading_kind(element: _Element) -> NoteKind | None:
    """The kind a "Translator's notes" or "Note by MIA" heading names, if it names one."""
    match = _heading_match(element)
    owner = (match.group("before") or match.group("after") or match.group("es") or "") if match else ""
    return _OWNER.get(owner.lower(), NoteKind.EDITOR) if owner else None


def kind_from_classes(names: frozenset[str]) -> NoteKind | None:
    if names & _EDITOR_CLASSES:
        return NoteKind.EDITOR
    return NoteKind.TRANSLATOR if names & _TRANSLATOR_CLASSES else None


def kind_from_opening(text: str) -> NoteKind | None:
    """A note that says who wrote it as it opens ("Translator's note:", "[Note by MIA]")."""
    return _first_kind(_OPENING, text)


def kind_from_closing(text: str) -> NoteKind | None:
    """A note signed at its end ("– Trans.", "[Ed.]", "– Marx-Engels-Lenin Institute.")."""
    return _first_kind(_CLOSING, text.strip())


def _first_kind(rules: tuple[tuple[re.Pattern[str], NoteKind, str | None], ...], text: str) -> NoteKind | None:
    lowered = text.lower()
    return next(
        (kind for pattern, kind, word in rules if (word is None or word in lowered) and pattern.search(text)), None
    )


def _heading_match(element: _Element) -> re.Match[str] | None:
    if not is_heading(element):
        return None
    return _NOTES_HEADING.match(text_of(element).replace("\u2019", "'").strip(" :.-–—*[]()\u00a0"))


# --- blocks ----------------------------------------------------------------------------


def is_furniture(element: _Element) -> bool:
    """Navigation and page-maintenance lines end a note: they are never part of one."""
    return bool(classes(element) & _FURNITURE_CLASSES) or bool(_FURNITURE_TEXT.match(text_of(element)))


def is_rule(element: _Element) -> bool:
    """A rule, or a line of underscores standing in for one: what sets notes off from the text.

    A row of asterisks is not one: it breaks the text (or a poem quoted in a note) in two.
    """
    if element.tag == "hr":
        return True
    if has_prose(element.text or ""):
        return False  # the block's opening words: no need to walk its text
    if any(has_prose(chunk) for chunk in element.itertext()):
        return False  # most blocks are prose: known at their first letter, without joining their text
    return not has_descendant(element, "img") and bool(_RULE_TEXT.match(text_of(element)))


def has_prose(text: str) -> bool:
    """Some character a rule is not drawn with: a block holding it is no rule."""
    return _NOT_RULE.search(text) is not None


def is_empty(element: _Element) -> bool:
    if element.tag in ("img", "table", "hr"):
        return False
    return not text_of(element).replace("\u00a0", " ").strip() and not has_descendant(element, "img")


def signs(element: _Element, elements: list[_Element]) -> bool:
    """The last paragraph signs a note, unless it is a bracketed addendum ("(In this translation…)")."""
    return element is elements[0] or text_of(element)[:1] not in "(["


def opens_line(element: _Element) -> bool:
    """Nothing but a line break, a rule or an empty anchor comes before ``element`` in its block."""
    previous, parent = element.getprevious(), element.getparent()
    before = (previous.tail if previous is not None else parent.text if parent is not None else "") or ""
    if before.strip():
        return False
    if previous is None:
        return parent is not None and parent.tag in PARAGRAPHS
    return previous.tag in ("br", "hr") or (previous.tag == "a" and not text_of(previous).strip())


def dressed_alike(node: _Element, block: _Element) -> bool:
    return node.tag == block.tag and bool(classes(block)) and classes(node) == classes(block)


def note_block(target: _Element) -> _Element | None:
    """The block that holds a note's text, or None when its text lies loose in the page."""
    if target.tag in PARAGRAPHS or target.tag in HOLDERS:
        return _row(target) if target.tag in ("td", "th") else target
    block = next((el for el in target.iterancestors() if el.tag in PARAGRAPHS | HOLDERS | LOOSE), None)
    cell = block.getparent() if block is not None and block.tag in PARAGRAPHS else block
    if cell is not None and cell.tag in ("td", "th") and bare(text_of(cell)) == bare(text_of(target)):
        return _row(cell)
    if block is None or block.tag in PARAGRAPHS:
        return block
    following = target.getnext()
    if not text_of(target).strip() and not (target.tail or "").strip() and following is not None:
        return following if following.tag in PARAGRAPHS | HOLDERS else None
    if block.tag not in LOOSE and not any(child.tag in PARAGRAPHS | HOLDERS for child in block):
        return block
    return None


def _row(cell: _Element) -> _Element:
    """A note laid out as a table row (marker cell, text cell) is the row, or its one-row table."""
    row = cell.getparent()
    if row is None or row.tag != "tr" or len(row) < 2:
        return cell
    table = next((el for el in row.iterancestors() if el.tag == "table"), None)
    return table if table is not None and len(list(table.iter("tr"))) == 1 else row


def reference_element(anchor: _Element) -> _Element:
    """The ``<sup>`` or ``<span class=note>`` that holds nothing but the link is the reference too."""
    element, parent = anchor, anchor.getparent()
    while parent is not None and parent.tag in INLINE and bare(text_of(parent)) == bare(text_of(element)):
        element, parent = parent, parent.getparent()
    return element


def in_link_row(anchor: _Element) -> bool:
    """A row of bare links ("A | B | C", "1 2 3") is navigation, never a run of references."""
    block = next((el for el in anchor.iterancestors() if el.tag in PARAGRAPHS), None)
    if block is None:
        return False
    links = list(block.iter("a"))
    if len(links) < 2:
        return False  # most references are the only link in their paragraph
    rest = text_of(block)
    for link in links:
        rest = rest.replace(text_of(link), "", 1)
    return not any(char.isalnum() for char in rest)


def has_text_beyond_marker(block: _Element, target: _Element) -> bool:
    """A paragraph that is only a marker (an index letter, a section number) is no note."""
    inner = target is not block and within(target, block)
    if inner and link_marker(text_of(target)) is not None:
        # The marker is the target, so any word beside it will do: most notes show one at once.
        return any(char.isalnum() for chunk in text_chunks(block, {target}) for char in chunk)
    rest = visible_text(block, {target}) if inner else text_of(block)
    opening = leading_marker(rest)
    return any(char.isalnum() for char in (rest[len(opening[0]) :] if opening else rest))


def own_marker(block: _Element, target: _Element) -> tuple[set[_Element], str | None]:
    """The note's own marker: elements to drop, or the plain-text prefix (``"1."``) to cut."""
    dropped: set[_Element] = set()
    marked = False
    if target is not block and within(target, block):
        wrapper = target
        while (parent := wrapper.getparent()) is not None and parent is not block and parent.tag in INLINE:
            if bare(text_of(parent)) != bare(text_of(wrapper)):
                break
            wrapper = parent
        dropped.add(wrapper)
        marked = link_marker(text_of(wrapper)) is not None
    first = first_content(block, dropped)
    if not marked and isinstance(first, _Element) and first.tag in INLINE and link_marker(text_of(first)):
        dropped.add(first)
        marked = True
        first = first_content(block, dropped)
    if not isinstance(first, str):
        return dropped, None
    rest = visible_text(block, dropped)
    opening = None if marked else leading_marker(rest)
    if opening is not None:
        return dropped, opening[0]
    return dropped, rest[:1] if marked and rest[:1] in (".", ":", ")", "]") else None


def framing_before(element: _Element) -> list[_Element]:
    """Empty blocks and rules just before ``element``, then the notes heading if one is there."""
    framing: list[_Element] = []
    node = element.getprevious()
    while node is not None and (not isinstance(node.tag, str) or is_empty(node) or is_rule(node)):
        if isinstance(node.tag, str):
            framing.append(node)
        node = node.getprevious()
    if node is not None and is_notes_heading(node):
        framing.append(node)
    return framing


def section_consumed(heading: _Element, consumed: set[_Element]) -> bool:
    """Every block under the heading went into resolved notes: the heading has nothing left to head."""
    node = heading.getnext()
    while node is not None and not (is_heading(node) or is_rule(node) or is_furniture(node)):
        if isinstance(node.tag, str) and node not in consumed and not is_empty(node):
            return False
        node = node.getnext()
    return True


def wrappers(consumed: set[_Element]) -> None:
    """A ``div``, ``blockquote``, ``section.footnotes`` or layout table holding nothing but notes goes too."""
    pending = list(consumed)
    while pending:
        parent = pending.pop().getparent()
        if parent is None or parent in consumed or parent.tag in LOOSE or (parent.text or "").strip():
            continue
        children = [child for child in parent if isinstance(child.tag, str)]
        if all(
            child in consumed or is_empty(child) or is_rule(child) or is_notes_heading(child) for child in children
        ) and not any((child.tail or "").strip() for child in parent):
            consumed.add(parent)
            pending.append(parent)


# --- the tree --------------------------------------------------------------------------


def bare(text: str) -> str:
    return text.strip(" []()\u00a0")


def within(element: _Element, container: _Element) -> bool:
    return element is container or any(ancestor is container for ancestor in element.iterancestors())


def inside(element: _Element, pool: frozenset[_Element] | set[_Element]) -> bool:
    return element in pool or any(ancestor in pool for ancestor in element.iterancestors())


def text_before(block: _Element, target: _Element) -> str:
    """The visible text of ``block`` that precedes ``target`` (comments hold no visible text)."""
    parts: list[str] = []

    def walk(element: _Element) -> bool:
        if element is target:
            return True
        if isinstance(element.tag, str):
            parts.append(element.text or "")
            for child in element:
                if walk(child):
                    return True
                parts.append(child.tail or "")
        return False

    walk(block)
    return "".join(parts)


def visible_text(block: _Element, strip: frozenset[_Element] | set[_Element]) -> str:
    """The text of ``block`` once the ``strip`` elements are dropped (their tails stay)."""
    return " ".join("".join(text_chunks(block, strip)).split())


def text_chunks(block: _Element, strip: frozenset[_Element] | set[_Element]) -> Iterator[str]:
    """The pieces of ``visible_text`` in reading order, for a question the first few answer."""
    if isinstance(block.tag, str) and block not in strip:
        yield block.text or ""
        for child in block:
            yield from text_chunks(child, strip)
            yield child.tail or ""


def first_content(block: _Element, strip: set[_Element]) -> _Element | str | None:
    """What a reader meets first in ``block`` past the stripped elements: some text or an element."""
    if (block.text or "").strip():
        return block.text
    for child in block:
        if isinstance(child.tag, str) and child not in strip and text_of(child).strip():
            return child
        if (child.tail or "").strip():
            return child.tail
    return None
