"""One outline for both books: the EPUB's contents and the PDF's bookmarks nest the same headings.

The pages are written here as the archive writes them (an ``h1`` title, ``h2``…``h6`` below
it): what is tested is the nesting rule, which fits any page.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pypdf import PdfReader

from publish.model import Document, Heading, Link, Section
from publish.model_walk import query
from publish.normalise.work import assemble_anthology
from publish.outline import OUTLINE_DEPTH, outline, sectionize, sectionized
from publish.pipeline import load
from publish.render.epub import render_epub
from publish.render.pdf import render_pdf
from publish.words import inline_text
from tests.support import epubcheck

Tree = list[tuple[str, "Tree"]]

_WORDS = "<p>Words of this part, more than a few of them, for a reader to read through.</p>"


def _page(title: str, headings: list[tuple[int, str]]) -> bytes:
    body = "".join(f"<h{level}>{text}</h{level}>{_WORDS}" for level, text in headings)
    html = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{_WORDS}{body}</body></html>"
    return html.encode()


_PARTS = [
    (2, "First part"),
    (3, "A section"),
    (4, "A subsection"),
    (5, "A subsubsection"),
    (6, "Too deep for the outline"),
    (3, "Another section"),
    (2, "Second part"),
    (4, "Skipping a level"),
]
_EXPECTED: Tree = [
    ("First part", [("A section", [("A subsection", [("A subsubsection", [])])]), ("Another section", [])]),
    ("Second part", [("Skipping a level", [])]),
]


def _nav_tree(epub: bytes) -> Tree:
    with zipfile.ZipFile(io.BytesIO(epub)) as container:
        name = next(name for name in container.namelist() if name.endswith("nav.xhtml"))
        root = etree.fromstring(container.read(name))
    toc = root.find(".//{*}nav[@id='toc']/{*}ol")
    assert toc is not None
    return _ol_tree(toc)


def _ol_tree(listing: Any) -> Tree:
    tree: Tree = []
    for item in listing.findall("{*}li"):
        inner = item.find("{*}ol")
        title = "".join(item.find("{*}a").itertext()).strip()
        tree.append((title, [] if inner is None else _ol_tree(inner)))
    return tree


def _bookmark_tree(pdf: bytes) -> Tree:
    def tree(outline: list[Any]) -> Tree:
        result: Tree = []
        for item in outline:
            if isinstance(item, list):
                result[-1] = (result[-1][0], tree(item))
            else:
                result.append((item.title.strip(), []))
        return result

    return tree(PdfReader(io.BytesIO(pdf)).outline)


def test_a_pages_headings_give_the_same_outline_in_the_epub_and_the_pdf(tmp_path: Path) -> None:
    document = load(_page("On Outlines", _PARTS), "outlines.htm").document
    epub = render_epub(document)
    nav = _nav_tree(epub)
    bookmarks = _bookmark_tree(render_pdf(document).data)
    assert nav == [("On Outlines", _EXPECTED)]
    assert bookmarks == nav
    path = tmp_path / "outlines.epub"
    path.write_bytes(epub)
    assert epubcheck(path) == []


def test_a_works_chapters_stay_the_top_of_the_outline_with_their_parts_under_them() -> None:
    chapters = [
        load(_page("The first chapter", _PARTS[:3]), "ch1.htm").document,
        load(_page("The second chapter", []), "ch2.htm").document,
    ]
    work: Document = assemble_anthology(chapters, title="A Work", author="Someone")
    nav = _nav_tree(render_epub(work))
    bookmarks = _bookmark_tree(render_pdf(work).data)
    expected_first: Tree = [("First part", [("A section", [("A subsection", [])])])]
    assert [title for title, _ in nav] == ["The first chapter", "The second chapter"]
    assert nav[0][1] == expected_first and nav[1][1] == []
    assert bookmarks == nav


def test_sectionize_nests_by_level_and_keeps_deeper_headings_relative_to_their_section() -> None:
    document = load(_page("Levels", _PARTS), "levels.htm").document
    blocks = sectionize(document.body, prefix="text")
    first = next(block for block in blocks if isinstance(block, Section))
    subsection = first.blocks[1]
    assert isinstance(subsection, Section) and inline_text(subsection.title) == "A section"
    deeper = subsection.blocks[1]
    assert isinstance(deeper, Section)
    deepest = deeper.blocks[1]
    assert isinstance(deepest, Section)
    too_deep = deepest.blocks[1]
    assert isinstance(too_deep, Heading) and too_deep.level == 1  # level 5 under a level-4 section
    assert [inline_text(entry.title) for entry in outline(blocks)] == ["First part", "Second part"]
    assert len({entry.id for entry in outline(blocks)}) == 2
    assert OUTLINE_DEPTH == 4


def test_in_a_works_pdf_each_chapters_heading_ids_and_links_to_them_are_its_own() -> None:
    page = (
        '<html><head><title>{0}</title></head><body><h1>{0}</h1><p><a href="#s1">To the part</a></p>'
        '<a name="s1"></a><h2>The part</h2>' + _WORDS + "</body></html>"
    )
    chapters = [load(page.format(title).encode(), f"{title}.htm").document for title in ("One", "Two")]
    work = assemble_anthology(chapters, title="A Work", author="Someone")
    sections = [block for block in sectionized(work).body if isinstance(block, Section)]
    parts = [next(inner for inner in section.blocks if isinstance(inner, Section)) for section in sections]
    assert parts[0].id != parts[1].id
    for section, part in zip(sections, parts, strict=True):
        assert [link.target for link in query(section.blocks, Link)] == [f"#{part.id}"]
    pdf = PdfReader(io.BytesIO(render_pdf(work).data))
    links = [str(note.get_object()["/Dest"]) for page in pdf.pages for note in page.get("/Annots") or []]
    chapter_ids = {section.id for section in sections}  # the printed contents page links to the chapters
    in_text = [link for link in links if link not in chapter_ids]
    assert in_text == [part.id for part in parts] and set(links) <= set(pdf.named_destinations)
