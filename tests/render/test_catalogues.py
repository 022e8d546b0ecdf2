"""The message catalogues: complete for every language the project promises, in step with the
sources, and read whether they are compiled or not."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from publish.render import translations as module
from publish.render.translations import LOCALE_DIR

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "ru", "el", "sv", "is", "et", "zh")


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source)


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]|<[^>]*>", text))


def _ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalog if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    catalog = _read(LOCALE_DIR / language / "LC_MESSAGES" / "publish.po")
    assert _ids(catalog) == _ids(_read(LOCALE_DIR / "publish.pot"))
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        forms = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
        assert len(forms) == catalog.num_plurals or not isinstance(message.id, tuple), message.id
        english = message.id if isinstance(message.id, str) else message.id[-1]
        for form in forms:
            assert form, f"{language}: {message.id!r} is not translated"
            # The values and the markup survive translation (a plural may drop its count).
            assert [p for p in _placeholders(form) if p != "%(count)d"] == [
                p for p in _placeholders(english) if p != "%(count)d"
            ], (language, message.id)


def _extracted() -> set[str | tuple[str, ...]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found: set[str | tuple[str, ...]] = set()
    for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map, keywords=keywords):
        found.add(message)
    return found


def test_the_template_holds_every_word_the_sources_say() -> None:
    """A word added to a template or a renderer needs `make messages` and its translations."""
    assert _extracted() == _ids(_read(LOCALE_DIR / "publish.pot"))


def _locale_copy(tmp_path: Path, *, compiled: bool) -> Path:
    folder = tmp_path / "locale" / "is" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "is" / "LC_MESSAGES" / "publish.po", folder / "publish.po")
    if compiled:
        with (folder / "publish.mo").open("wb") as target:
            write_mo(target, _read(folder / "publish.po"))
    return tmp_path / "locale"


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "source-checkout"])
def test_a_catalogue_is_read_compiled_or_from_its_po(
    compiled: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "LOCALE_DIR", _locale_copy(tmp_path, compiled=compiled))
    words = module.translations.__wrapped__("is")
    assert words.gettext("Contents") == "Efnisyfirlit"
    assert words.ngettext("%(count)d part in its contents is not transcribed", "", 21) % {"count": 21} == (
        "21 hluti efnisyfirlitsins hefur ekki verið skrifaður upp"  # Icelandic: 21 is singular
    )


def test_a_compiled_catalogue_older_than_its_po_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locale = _locale_copy(tmp_path, compiled=True)
    po = locale / "is" / "LC_MESSAGES" / "publish.po"
    catalog = _read(po)
    entry = catalog.get("Contents")
    assert entry is not None
    entry.string = "Efnisyfirlit bókarinnar"
    with po.open("wb") as target:
        write_po(target, catalog)
    mo = po.with_suffix(".mo")
    os.utime(mo, (po.stat().st_mtime - 60, po.stat().st_mtime - 60))
    monkeypatch.setattr(module, "LOCALE_DIR", locale)
    assert module.translations.__wrapped__("is").gettext("Contents") == "Efnisyfirlit bókarinnar"


def test_a_fuzzy_entry_is_left_out_and_english_is_said_instead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locale = _locale_copy(tmp_path, compiled=False)
    po = locale / "is" / "LC_MESSAGES" / "publish.po"
    catalog = _read(po)
    entry = catalog.get("Contents")
    assert entry is not None
    entry.flags.add("fuzzy")
    with po.open("wb") as target:
        write_po(target, catalog)
    monkeypatch.setattr(module, "LOCALE_DIR", locale)
    assert module.translations.__wrapped__("is").gettext("Contents") == "Contents"
