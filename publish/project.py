"""The project file, ``publish.toml``: a folder's settings, read once and checked whole.

People who publish from an archive keep a folder per project and want its look, paper and
fixes to the archive's metadata written down once, as pandoc's defaults files and mkdocs.yml
do. The file is looked for in the current folder only (never in parent folders: a file found
far above would change books without the user knowing why), or named with ``--config``.

Every mistake in the file is one line naming the key and the cause, found before any page is
read; an unknown key is answered with the nearest valid key *at that place*. Option keys are
the command line's option names in TOML's ``snake_case`` (``--embed-font`` is ``embed_font``),
all at the top level: a key only some commands take is simply not used by the others. Paths
in the file are relative to the file's folder.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from publish.bounded_read import read_limited
from publish.errors import PublishError
from publish.limits import DEFAULT, Limits
from publish.project_keys import KEYS, Key, settings_from

if TYPE_CHECKING:
    from publish.overrides import Overrides
    from publish.project_keys import Settings

FILE_NAME = "publish.toml"
_TABLES = ("metadata", "anthology")
_METADATA_KEYS = ("title", "author", "date", "language")
_ANTHOLOGY_KEYS = ("title", "author", "items")
_ITEM_KEYS = ("path", "title")


@dataclass(frozen=True, slots=True, kw_only=True)
class AnthologyItem:
    path: Path
    title: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Anthology:
    """The same data a selection .toml holds, named so ``--anthology NAME`` can ask for it."""

    name: str
    title: str
    authors: tuple[str, ...]
    items: tuple[AnthologyItem, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """A checked ``publish.toml``: the option defaults, metadata fixes and anthologies it gives."""

    path: Path
    """As found or given, for messages."""
    folder: Path
    """The file's folder, absolute: what relative paths in the file are relative to."""
    settings: Settings
    metadata: Mapping[Path, Overrides]
    """Each input's fixes, by the input's absolute path (a work by its index page)."""
    anthologies: Mapping[str, Anthology]


def find(config: str | None, *, ignore: bool = False) -> Project | None:
    """``--config FILE`` (which must be there), else ``publish.toml`` in the current folder, if any."""
    if config is not None:
        if ignore:
            raise PublishError("--no-config", "and --config contradict each other: give one")
        path = Path(config)
        if not path.is_file():
            raise PublishError(f"--config {config}", "no such file" if not path.exists() else "is not a file")
        return load(path)
    if ignore or not Path(FILE_NAME).is_file():
        return None
    return load(Path(FILE_NAME))


def load(path: Path, *, limits: Limits = DEFAULT) -> Project:
    """The file at ``path``, parsed and checked: a ``PublishError`` naming the file at the first
    mistake. It is read only if a regular file of at most ``limits.selection_bytes`` (its own
    limits cannot raise that: they are in it)."""
    where = str(path)
    data = read_limited(path, limits.selection_bytes, what="selection")
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PublishError(where, f"is not valid TOML: {error}") from error
    except UnicodeDecodeError as error:
        raise PublishError(where, "is not UTF-8 text (TOML files are UTF-8)") from error
    folder = path.parent  # as given, so the paths it makes are shown as the user would write them
    _refuse_unknown(where, table, [*KEYS, *_TABLES], "")
    values = {name: _option(where, KEYS[name], value, folder) for name, value in table.items() if name in KEYS}
    return Project(
        path=path,
        folder=folder.resolve(),
        settings=settings_from(values),
        metadata=_metadata(where, _table(where, table, "metadata"), folder),
        anthologies=_anthologies(where, _table(where, table, "anthology"), folder),
    )


def type_name(value: object) -> str:
    """The TOML type the user wrote, in the words TOML's own documentation uses."""
    kinds: tuple[tuple[type, str], ...] = (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
        (datetime, "a date-time"),
        (date, "a date"),
        (time, "a time"),
    )
    return next((name for kind, name in kinds if isinstance(value, kind)), type(value).__name__)


def _refuse_unknown(where: str, table: Mapping[str, object], valid: list[str], place: str) -> None:
    """An unknown key or table, with the nearest of those valid at this place (``place``: "" or " in [...]")."""
    for key, value in table.items():
        if key in valid:
            continue
        import difflib

        kind = "table" if isinstance(value, dict) else "key"
        near = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
        hint = f": did you mean '{near[0]}'?" if near else f" (valid here: {', '.join(sorted(valid))})"
        raise PublishError(where, f"unknown {kind} '{key}'{place}{hint}")


def _wrong_type(where: str, name: str, expected: str, value: object, place: str = "") -> PublishError:
    return PublishError(where, f"'{name}'{place} must be {expected}, not {type_name(value)}")


def _option(where: str, key: Key, value: object, folder: Path) -> object:
    """One option's value, checked and made what the command line's option would have made it."""
    try:
        return key.convert(value, folder)
    except TypeError as error:
        raise _wrong_type(where, key.name, str(error), value) from None
    except ValueError as error:
        raise PublishError(where, f"{key.name} = {_shown(value)}: {error}") from None


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _table(where: str, table: Mapping[str, object], name: str) -> dict[str, object]:
    value = table.get(name, {})
    if not isinstance(value, dict):
        raise _wrong_type(where, name, "a table", value)
    return value


def _string(where: str, name: str, value: object, place: str) -> str:
    if not isinstance(value, str):
        raise _wrong_type(where, name, "a string", value, f" in {place}")
    return value


def _authors(where: str, name: str, value: object, place: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [str(item) for item in value]
    raise _wrong_type(where, name, "a string or an array of strings", value, f" in {place}")


def _existing(where: str, place: str, given: str, folder: Path) -> Path:
    """An input the file names, which must be there (relative to the file's folder)."""
    path = folder / given
    if not path.exists():
        raise PublishError(where, f"{place}: {given} is not there (paths are relative to {folder.resolve()})")
    return path


def input_key(path: Path) -> Path:
    """An input as the file's entries and the command line both name it: absolute, a work by its index."""
    from publish.files import index_of

    return (index_of(path) if path.is_dir() else path).resolve()


def _sub_table(where: str, label: str, value: object, valid: list[str]) -> dict[str, object]:
    """One named table of a section (``[metadata."a.htm"]``, ``[anthology.name]``): refused
    whole if it is not a table, or for its first key not valid there, before any of it is used."""
    if not isinstance(value, dict):
        raise _wrong_type(where, label, "a table", value)
    _refuse_unknown(where, value, valid, f" in [{label}]")
    return value


def _metadata(where: str, table: dict[str, object], folder: Path) -> dict[Path, Overrides]:
    from publish.overrides import overrides

    found: dict[Path, Overrides] = {}
    for given, raw in table.items():
        label = f'metadata."{given}"'
        place, entry = f"[{label}]", _sub_table(where, label, raw, list(_METADATA_KEYS))
        path = _existing(where, place, given, folder)
        values = {key: _string(where, key, value, place) for key, value in entry.items() if key != "author"}
        authors = _authors(where, "author", entry["author"], place) if "author" in entry else None
        try:
            title, date_given, language = values.get("title"), values.get("date"), values.get("language")
            found[input_key(path)] = overrides(title=title, authors=authors, date_given=date_given, language=language)
        except PublishError as error:  # the option's check, said of the file's key
            key = error.path.split()[0].removeprefix("--")
            raise PublishError(where, f"{place} {key} = {_shown(entry[key])}: {error.cause}") from None
    return found


def _anthologies(where: str, table: dict[str, object], folder: Path) -> dict[str, Anthology]:
    from publish.overrides import split_authors

    found: dict[str, Anthology] = {}
    for name, raw in table.items():
        label = f"anthology.{name}"
        place, entry = f"[{label}]", _sub_table(where, label, raw, list(_ANTHOLOGY_KEYS))
        items = entry.get("items")
        if not isinstance(items, list) or not items:
            raise PublishError(where, f'{place} lists no items: add items = ["a.htm", "b.htm"]')
        title = _string(where, "title", entry.get("title", name), place)
        authors = split_authors(_authors(where, "author", entry["author"], place)) if "author" in entry else ()
        read = tuple(_item(where, place, item, folder) for item in items)
        found[name] = Anthology(name=name, title=title, authors=authors, items=read)
    return found


def _item(where: str, place: str, item: object, folder: Path) -> AnthologyItem:
    if isinstance(item, str):
        return AnthologyItem(path=_existing(where, place, item, folder))
    if not isinstance(item, dict) or "path" not in item:
        raise PublishError(where, f'{place} items: each is a path or a table {{path = "…", title = "…"}}')
    _refuse_unknown(where, item, list(_ITEM_KEYS), f" in {place} items")
    title = _string(where, "title", item["title"], place) if "title" in item else None
    return AnthologyItem(path=_existing(where, place, _string(where, "path", item["path"], place), folder), title=title)
