"""Placeholder: the catalogue is written in the next step."""

from __future__ import annotations

from pathlib import Path

from publish.batch.book import BookSettings
from publish.batch.manifest import Manifest


def write_catalogue(out: Path, manifest: Manifest, settings: BookSettings, *, changed: bool) -> None:
    pass
