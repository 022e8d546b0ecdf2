"""What the survey records of a page (see ``survey``): plain data, kept in the manifest as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from publish.workfiles import NotesEvidence


@dataclass(frozen=True, slots=True, kw_only=True)
class PageFacts:
    problem: str | None = None
    """Why the page cannot be read at all (empty, binary): it fails whatever book it is in."""
    empty: str | None = None
    """Why the page holds nothing to publish (the archive's error page, a wrapper of scans)."""
    listing: int = 0
    """Documents it links to, when so many of its words are such links that it is an index; else 0."""
    links: tuple[str, ...] = ()
    """Pages of its own folder it links to, in order, if its name is an index's."""
    citations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Note calls into other pages of its folder: (page name, note ids)."""
    notes_named: bool = False
    own_calls: int = 0
    title: str = ""
    authors: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    """Every date the page gives itself (written, delivered, first published, the header's)."""

    @property
    def evidence(self) -> NotesEvidence:
        return NotesEvidence(named=self.notes_named, own_calls=self.own_calls)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> PageFacts:
        data: dict[str, Any] = json.loads(text)
        data["links"] = tuple(data["links"])
        data["authors"] = tuple(data["authors"])
        data["dates"] = tuple(data["dates"])
        data["citations"] = tuple((name, tuple(ids)) for name, ids in data["citations"])
        return cls(**data)
