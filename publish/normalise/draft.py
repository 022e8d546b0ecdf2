"""A mutable draft of a document's metadata, filled in by readers and frozen at the end.

Readers find metadata piecemeal (a header line here, a credit line there); collecting it in
one draft keeps the rules about which finding wins (first one) in one place.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, field

from publish.model import Contributor, Metadata, Role
from publish.normalise.dates import consistent_refinement, stated_date

_MIA = "https://www.marxists.org/"


@dataclass(slots=True)
class MetadataDraft:
    title: str | None = None
    language: str | None = None
    subtitle: str | None = None
    collection: str | None = None
    authors: list[str] = field(default_factory=list)
    contributors: list[Contributor] = field(default_factory=list)
    date: str | None = None
    written: str | None = None
    delivered: str | None = None
    first_published: str | None = None
    last_updated: str | None = None
    source: str | None = None
    standfirst: str | None = None
    rights: str | None = None
    credits: list[str] = field(default_factory=list)
    origin: str | None = None

    def add_contributor(self, name: str, role: Role) -> None:
        """Credit ``name`` with ``role``: a person named again in another role gains the role."""
        for index, contributor in enumerate(self.contributors):
            if contributor.name == name:
                if role not in contributor.roles:
                    self.contributors[index] = Contributor(name=name, roles=(*contributor.roles, role))
                return
        self.contributors.append(Contributor(name=name, roles=(role,)))

    def add_author(self, name: str) -> None:
        if name and name not in self.authors:
            self.authors.append(name)

    def set_first(self, name: str, value: str | None) -> None:
        """Keep the first value found for a field: the page header comes before the footer."""
        if value and getattr(self, name) is None:
            setattr(self, name, value)

    def best_date(self) -> str | None:
        """The text's date: the first of the header's date, "Written", "First published",
        "Delivered" and the source line's date, made as precise as those after it that agree
        with it ("(1929)" in the header and "Written: 11 July 1929" are 1929-07-11).

        The source line ("Socialist Standard, October 1909") dates the text when nothing else
        does; a date that disagrees with the first found is left as the page states it (in
        its own field) and does not change the text's date. The header's coarser line stays
        a form of the refined date for the fidelity audit (``audit_metadata._coarser_forms``).
        """
        source = stated_date(self.source) if self.source else None
        return consistent_refinement([self.date, self.written, self.first_published, self.delivered, source])

    def freeze(self, *, fallback_title: str, content: bytes) -> Metadata:
        title = fallback_title
        if self.title:
            title, site = split_site_name(self.title)
            if site and self.collection is None:
                self.collection = site
            elif site:
                self.credits.append(site)
        return Metadata(
            title=title,
            language=self.language or "en",
            subtitle=self.subtitle,
            collection=self.collection,
            authors=tuple(self.authors),
            contributors=tuple(self.contributors),
            date=self.best_date(),
            written=self.written,
            delivered=self.delivered,
            first_published=self.first_published,
            last_updated=self.last_updated,
            source=self.source,
            standfirst=self.standfirst,
            rights=self.rights,
            credits=tuple(self.credits),
            origin=self.origin,
            identifier=identifier_for(self.origin, content),
        )


_SITE_PREFIX = re.compile(
    r"^(?:[^:|]*\b(?:marxists?|internet\s*archive|internetarkisto|mia|marxist\s+writers|sekcja|section|sección)\b[^:|]*)"
    r"\s*[:|–-]\s+(?=\S)",
    re.IGNORECASE,
)


_SITE_NAME = re.compile(r"^(?:the\s+)?marxists?['’]?\s+internet\s+archive\b\s*[:|–-]?\s*(?=\S)", re.IGNORECASE)


def split_site_name(title: str) -> tuple[str, str | None]:
    """ "Marxist Writers: Duncan Hallas" -> ("Duncan Hallas", "Marxist Writers"): the site is not the title."""
    match = _SITE_PREFIX.match(title) or _SITE_NAME.match(title)
    if match is None or not title[match.end() :].strip():
        return title, None
    rest = title[match.end() :].strip()
    return rest[:1].upper() + rest[1:], match.group().rstrip(" :|–-")


def identifier_for(origin: str | None, content: bytes) -> str:
    """A stable identifier: the same page gives the same book id on every build.

    A page's archive URL names the text across copies of it; without one, the bytes do.
    """
    if origin and origin.startswith(_MIA):
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, origin)}"
    digest = hashlib.sha256(content).hexdigest()
    return f"urn:uuid:{uuid.UUID(digest[:32])}"
