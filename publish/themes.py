"""Themes: a book's look as a folder, chosen by name (``--theme large-print``) or by path.

A theme is a folder with ``templates/`` and/or ``styles/`` laid out like the built-in ones: a
file at the same relative path replaces the built-in file, file by file, and a stylesheet
``NAME.extra.css`` is added after ``NAME.css`` (so a theme changes a few rules without copying,
and drifting from, a whole stylesheet). An optional ``theme.toml`` gives a ``description`` and
the theme it ``extends`` (a built-in name or a folder relative to the theme; classic by default).

``classic`` is the project's own top-level ``templates/`` and ``styles/``: it has no folder of
its own here (``None``), and every chain ends at it. Other built-in themes live in ``themes/``
beside them (``publish/themes/`` in a wheel).
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from publish.bounded_read import read_limited
from publish.errors import PublishError
from publish.limits import DEFAULT
from publish.resources import builtin_dir

CLASSIC = "classic"
BUILTIN = (CLASSIC, "large-print")
CLASSIC_DESCRIPTION = "the pamphlet look: Source Serif Pro, justified and hyphenated, running heads, small capitals"
CLASSIC_FACE = "Source Serif Pro"
_KEYS = ("description", "extends", "face")
_MAX_DEPTH = 16


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme as ``publish themes`` shows it."""

    name: str
    folder: Path | None
    """None for classic, whose files are the built-in ``templates/`` and ``styles/``."""
    description: str
    extends: str | None
    """What ``theme.toml`` names (None for classic, which extends nothing)."""


def builtin_folder(name: str) -> Path | None:
    """A built-in theme's folder (None for classic); KeyError for a name that is not built in."""
    if name not in BUILTIN:
        raise KeyError(name)
    return None if name == CLASSIC else builtin_dir("themes") / name


def resolve(given: str, base: Path | None = None) -> Path | None:
    """The theme folder ``given`` names (None for classic), or a one-line ``PublishError``.

    A value with a slash is a folder (``./classic`` reaches a folder of that name); otherwise a
    built-in name wins over a folder of the same name, then an existing folder. ``base``: what a
    relative folder is relative to (a project file's folder; default the current one)."""
    where = f"--theme {given}"
    if "/" not in given and "\\" not in given and given in BUILTIN:
        return builtin_folder(given)
    folder = Path(given).expanduser()
    if base is not None and not folder.is_absolute():
        folder = base / folder
    if "/" in given or "\\" in given or folder.is_dir():
        check(folder, where)
        return folder.resolve()
    close = difflib.get_close_matches(given, BUILTIN, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise PublishError(where, f"no such theme or folder; {hint}the themes are {', '.join(BUILTIN)}")


def check(folder: Path, where: str) -> None:
    """A theme folder must be one: a typing mistake must not quietly give the classic look."""
    if not folder.is_dir():
        raise PublishError(where, "no such folder" if not folder.exists() else "is not a folder")
    if not any((folder / part).exists() for part in ("templates", "styles", "theme.toml")):
        raise PublishError(where, "is not a theme: it has no templates/ or styles/ folder and no theme.toml")
    chain(folder.resolve())  # its theme.toml and what it extends, checked now


@cache
def chain(theme: Path | None) -> tuple[Path, ...]:
    """The folders a theme's files are looked for in, the theme's own first, then what it
    extends, and so on; classic (the built-in folders) is not in it but after it."""
    if theme is not None and not theme.is_dir():  # options made by hand (the API), not by ``resolve``
        raise PublishError(str(theme), "no such theme folder (publish.themes.resolve turns a theme's name into one)")
    folders: list[Path] = []
    current = theme
    while current is not None:
        if current in folders or len(folders) >= _MAX_DEPTH:
            raise PublishError(str(current / "theme.toml"), "extends itself (through 'extends')")
        folders.append(current)
        current = _extended(current)
    return tuple(folders)


@cache
def book_face(theme: Path | None) -> str:
    """The family the theme sets its text in: the first ``face`` along its chain, else classic's.

    Whatever names the face to a reader (the e-book's embedded font, the colophon's and the
    imprint's "Set in ...") asks here, so a theme's CSS and what the book says of it agree."""
    for folder in chain(theme):
        face = _settings(folder).get("face")
        if face is not None:
            return face
    return CLASSIC_FACE


def _extended(folder: Path) -> Path | None:
    settings = _settings(folder)
    extends = settings.get("extends", CLASSIC)
    if extends in BUILTIN:
        return builtin_folder(extends)
    parent = (folder / extends).resolve()
    if not parent.is_dir():
        raise PublishError(str(folder / "theme.toml"), f"extends '{extends}': no such theme or folder")
    return parent


def _settings(folder: Path) -> dict[str, str]:
    """``theme.toml``'s values, checked: an unknown key or a wrong type is one line."""
    path = folder / "theme.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(read_limited(path, DEFAULT.selection_bytes, what="selection").decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PublishError(str(path), f"is not valid TOML: {error}") from error
    for key, value in data.items():
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = f": did you mean '{close[0]}'?" if close else f" (the keys are {', '.join(_KEYS)})"
            raise PublishError(str(path), f"unknown key '{key}'{hint}")
        if not isinstance(value, str):
            raise PublishError(str(path), f"'{key}' must be a string")
        if key == "face":
            _check_face(value, path)
    return data


def _check_face(face: str, path: Path) -> None:
    """A face must be one publish brings (its pip font packages): no other can be embedded."""
    from publish.render.fonts import font_faces

    families = sorted({each.family for each in font_faces()})
    if face not in families:
        raise PublishError(str(path), f"face '{face}' is not one of the faces publish has: {', '.join(families)}")


def describe(folder: Path | None) -> Theme:
    """A theme's name, description and parent, for ``publish themes``."""
    if folder is None:
        return Theme(CLASSIC, None, CLASSIC_DESCRIPTION, None)
    settings = _settings(folder)
    return Theme(folder.name, folder, settings.get("description", ""), settings.get("extends", CLASSIC))


def builtin_themes() -> list[Theme]:
    return [describe(builtin_folder(name)) for name in BUILTIN]


def overrides(folder: Path) -> list[str]:
    """The files a theme folder brings, relative to it: what it changes of what it extends."""
    found = [
        path.relative_to(folder).as_posix()
        for part in ("templates", "styles")
        for path in sorted((folder / part).rglob("*"))
        if path.is_file()
    ]
    return found


def theme_lines(folder: Path | None = None) -> list[str]:
    """What ``publish themes`` prints: the built-in themes, or one folder's theme in full."""
    if folder is None:
        themes = builtin_themes()
        width = max(len(theme.name) for theme in themes)
        lines = [f"{theme.name:<{width}}  {theme.description}" for theme in themes]
        return [*lines, "", "Use one with --theme NAME, or give --theme a folder of your own (publish themes FOLDER)."]
    where = str(folder)
    check(folder, where)
    theme = describe(folder.resolve())
    parents = " -> ".join(str(path) for path in chain(folder.resolve())[1:])
    lines = [f"{where}: {theme.description or '(no description in theme.toml)'}"]
    lines.append(f"  extends: {theme.extends}" + (f" ({parents} -> classic)" if parents else ""))
    for name in overrides(folder.resolve()):
        added = name.endswith(".extra.css")
        lines.append(f"  adds to: {name.removesuffix('.extra.css')}.css" if added else f"  overrides: {name}")
    return lines
