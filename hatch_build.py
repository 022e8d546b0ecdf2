"""The wheel's build hook: the book's gettext catalogues compiled (``.po`` -> ``.mo``), so an
installed publish reads compiled catalogues. The ``.mo`` files are build products (ignored
by git); ``artifacts`` in pyproject.toml brings them into the wheel all the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        for source in sorted(Path(self.root, "publish", "locale").glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as po:
                catalog = read_po(po)
            with source.with_suffix(".mo").open("wb") as mo:
                write_mo(mo, catalog)
