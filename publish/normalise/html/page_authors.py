"""Authors a page names outside its header: ``<meta name="author">``, the ``<title>``, a "By …" line.

Many archive pages (ISJ editorials, "Notes of the Month") set no author line, yet the page
says who wrote it elsewhere. Those places are less careful than a header line: the ``meta``
tag is often copied from another page or names whoever made the page (a 404 page's
"Andy Blunden", a gallery's transcriber) or no person at all ("Shqip, Marks, Engels", a
journal's name). So a name found there is taken only when the page bears it out, and never
when the page is *about* that person (an author's index, a biography): then it names the
subject, not the writer. Only a page whose header gave no author is completed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from lxml.etree import _Element

from publish.model import Block, Paragraph
from publish.normalise.credits import names_in
from publish.normalise.draft import MetadataDraft
from publish.normalise.html.header import author_from, looks_like_name
from publish.normalise.html.parse import text_of
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import header_words
from publish.words import inline_text

_META_NAMES = ("author", "dc.creator", "creator")
_SITE = re.compile(r"\bMIA\b|marxists?\b|internet\s+archive|\.org\b", re.IGNORECASE)
_TITLE_NAMES = re.compile(r"^(?P<names>[^:|]{3,80}?)\s*:\s+(?P<rest>\S.*)$")
_BYLINE_BLOCKS = 3
_MAX_BYLINE = 80


def complete_authors(
    root: _Element, body: Sequence[Block], draft: MetadataDraft, origin: str, lexicon: Lexicon | None = None
) -> None:
    """Give a page without an author line the authors it names elsewhere, where the page bears them out.

    The ``meta`` tag first (the names it lists are borne out by the page's folder, its title or
    its text), then a "Name: …" ``<title>`` (borne out by the folder or the ``meta`` tag: the
    text is no evidence, as "Northern Ireland: …" is also the page's heading), then a "By …"
    line at the head of the body. A list is taken whole or not at all.
    """
    if draft.authors:
        return
    lexicon = resolve(lexicon)
    page_title = " ".join(text_of(found).split()) if (found := root.find(".//title")) is not None else ""
    visible = " ".join(text_of(part) for part in root.iter("body"))
    place = _folded(origin.replace("\\", "/"))
    titles = (_title_rest(draft.title or ""), draft.subtitle or "", _title_rest(page_title))
    about = _folded(" ".join(titles))
    makers = {_folded(contributor.name) for contributor in draft.contributors}
    meta = _meta_names(root, lexicon)
    candidates = (
        (meta, " ".join((place, _folded(page_title), _folded(visible)))),
        (_title_names(page_title, lexicon), " ".join((place, _folded(" ".join(meta))))),
    )
    for names, evidence in candidates:
        if _borne_out(names, evidence, about, makers):
            for name in names:
                draft.add_author(name)
            return
    for name in _byline_names(body, lexicon):
        draft.add_author(name)


def _borne_out(names: Sequence[str], evidence: str, about: str, makers: Iterable[str]) -> bool:
    """The page shows one of the names' surnames besides where they were found (``evidence``);
    its title shows none of them (a page titled with a person is about them); and none of
    them made the page (a transcriber's name in ``meta``)."""
    surnames = [_folded(name).split()[-1] for name in names]
    if not names or any(len(surname) < 2 for surname in surnames) or any(_folded(name) in makers for name in names):
        return False
    return any(_has_word(evidence, surname) for surname in surnames) and not any(
        _has_word(about, surname) for surname in surnames
    )


def _meta_names(root: _Element, lexicon: Lexicon) -> list[str]:
    """The people a ``meta`` author tag lists ("Rob Clay, Chris Harman"), site names left out."""
    found: list[str] = []
    for meta in root.iter("meta"):
        if (meta.get("name") or "").strip().lower() in _META_NAMES and (content := meta.get("content")):
            found.extend(_people(content, lexicon))
    return found


def _title_names(page_title: str, lexicon: Lexicon) -> list[str]:
    """ "Karl Marx and Frederick Engels: Letters": the names before the colon, if all are names."""
    match = _TITLE_NAMES.match(page_title)
    if match is None:
        return []
    names = _people(match.group("names"), lexicon)
    return names if names and len(names) == len(_split(match.group("names"), lexicon)) else []


def _byline_names(body: Sequence[Block], lexicon: Lexicon) -> list[str]:
    """A short "By …" paragraph among the first of the body (the header ended before it)."""
    byline = header_words(lexicon).byline
    paragraphs = [block for block in body[:_BYLINE_BLOCKS] if isinstance(block, Paragraph)]
    for paragraph in paragraphs:
        text = " ".join(inline_text(paragraph.content, notes=False).split())
        if len(text) <= _MAX_BYLINE and byline.match(text):
            return author_from(text, lexicon)[0]
    return []


def _people(text: str, lexicon: Lexicon) -> list[str]:
    return [name for name in _split(text, lexicon) if looks_like_name(name, lexicon) and not _SITE.search(name)]


def _split(text: str, lexicon: Lexicon) -> list[str]:
    """Names in a list, by the lexicon's list words ("A, B and C", "A y B") or a slash ("Clay/Harman")."""
    return [name for part in text.split("/") for name in names_in(part.strip(), lexicon)[0]]


def _title_rest(page_title: str) -> str:
    match = _TITLE_NAMES.match(page_title)
    return match.group("rest") if match else page_title


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


def _folded(text: str) -> str:
    """Lower case without accents: "Mariátegui" in a title is "mariategui" in a folder name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))
