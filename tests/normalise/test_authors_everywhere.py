"""Every shared corpus page that ends with no author, and why: no author is missing that the page names.

``expected/authorless.tsv`` lists each page the reader gives no author, with ``named``: where the
page names someone anywhere a careless reader would take for the author (``meta`` author tag,
a "Name: …" ``<title>``, a "By …" line), as this test finds it, and ``reason``: why that is not
the page's author, or "the page names none" (and what the page is). A page that ends with no author and is not in the
table, a listed page that gains one, or a change in what a listed page names, fails the test: a
page that names its author anywhere cannot silently lose it.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from publish.normalise import read
from publish.normalise.decode import decode
from publish.normalise.html.parse import parse_html, text_of
from publish.normalise.lexicon import resolve
from publish.normalise.lexicon.patterns import header_words

pytestmark = pytest.mark.slow

TABLE = Path(__file__).parent / "expected" / "authorless.tsv"
_TITLE_NAMES = re.compile(r"^(?P<names>[^:|]{3,80}?)\s*:\s+\S")
_CAPITALISED = re.compile(r"\b[A-ZÀ-Þ][\w.’'-]*")
_NONE = "the page names none"


def _pages(corpus: Path) -> list[Path]:
    pages = sorted(p for p in (corpus / "mia").iterdir() if p.suffix in (".htm", ".html"))
    return pages + sorted(p for p in (corpus / "mia-tree").rglob("*") if p.suffix in (".htm", ".html"))


def named_anywhere(data: bytes, origin: str) -> str:
    """Where a page names someone who might be its author, found without the reader's rules."""
    root = parse_html(decode(data, origin).text)
    found: list[str] = []
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("author", "dc.creator") and (content := (meta.get("content") or "")):
            found.append(f"meta: {' '.join(content.split())}")
    title = root.find(".//title")
    match = _TITLE_NAMES.match(" ".join(text_of(title).split()) if title is not None else "")
    if match and len(_CAPITALISED.findall(match.group("names"))) >= 2:
        found.append(f"title: {match.group('names')}")
    byline = header_words(resolve(None)).byline
    body = root.find("body")
    lines = [" ".join(line.split()) for line in (text_of(body) if body is not None else "").splitlines()]
    if by := next((line for line in lines[:60] if 0 < len(line) <= 80 and byline.match(line)), None):
        found.append(f"byline: {by}")
    return "; ".join(found)


def _table() -> dict[str, tuple[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and list(rows[0]) == ["path", "named", "reason"]
    return {row["path"]: (row["named"], row["reason"]) for row in rows}


def test_every_page_without_an_author_is_listed_with_its_reason(corpus: Path) -> None:
    table = _table()
    assert all(reason.strip() for _, reason in table.values())
    problems: list[str] = []
    seen = set()
    for page in _pages(corpus):
        origin = str(page.relative_to(corpus))
        seen.add(origin)
        data = page.read_bytes()
        if read(data, origin).document.metadata.authors:
            if origin in table:
                problems.append(f"{origin}: now has an author; remove its row")
            continue
        named = named_anywhere(data, origin)
        if origin not in table:
            problems.append(f"{origin}: no author, and the table gives no reason (the page names: {named or 'none'})")
        elif table[origin][0] != named:
            problems.append(f"{origin}: the page names {named!r}, the table says {table[origin][0]!r}")
        elif not named and not table[origin][1].startswith(_NONE):
            problems.append(f"{origin}: the page names none: its reason should say so")
    problems += [f"{path}: listed but not in the corpus" for path in sorted(set(table) - seen)]
    assert problems == [], "\n".join(problems)
