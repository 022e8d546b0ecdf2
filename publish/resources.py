"""Where templates, styles and fonts come from: a user's folder first, then the theme's
chain (``publish.themes``), then the built-in ones.

Built-in templates and styles are the project's top-level ``templates/`` and ``styles/``
folders (the classic theme), the other built-in themes are in ``themes/``; a wheel carries them
inside the package (``publish/templates``, ``publish/themes``), a source checkout has them
beside it. Fonts come from pip packages, located on disk, never downloaded.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def builtin_dir(name: str) -> Path:
    """The built-in ``templates``, ``styles`` or ``themes`` folder."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the built-in {name} folder is missing from this installation")


def search_path(name: str, user_dir: Path | None, theme: Path | None = None) -> list[Path]:
    """Folders to look in for a template or stylesheet: the user's own first, then the theme's
    and those it extends, then the built-in ones."""
    from publish.themes import chain

    folders = [user_dir] if user_dir is not None else []
    folders += [folder / name for folder in chain(theme) if (folder / name).is_dir()]
    return [*folders, builtin_dir(name)]


def find_file(name: str, filename: str, user_dir: Path | None, theme: Path | None = None) -> Path:
    for folder in search_path(name, user_dir, theme):
        if (folder / filename).is_file():
            return folder / filename
    raise FileNotFoundError(f"no {filename} in {', '.join(str(f) for f in search_path(name, user_dir, theme))}")


def stylesheet(filename: str, user_dir: Path | None, theme: Path | None = None) -> str:
    """A stylesheet's text: the nearest ``NAME.css`` (the user's, the theme's or the built-in
    one), then each ``NAME.extra.css`` from there to the user's folder, nearest last, so that a
    theme adds the rules it changes rather than copying a stylesheet that would drift. (The
    extras of a theme further than the ``NAME.css`` in use were written for another file.)"""
    folders = search_path("styles", user_dir, theme)
    base = find_file("styles", filename, user_dir, theme)
    texts = [base.read_text(encoding="utf-8")]
    extra = filename.removesuffix(".css") + ".extra.css"
    for folder in reversed(folders[: folders.index(base.parent) + 1]):
        if (folder / extra).is_file():
            texts.append(f"\n/* {extra} */\n" + (folder / extra).read_text(encoding="utf-8"))
    return "".join(texts)
