"""Where templates, styles and fonts come from: a user's folder first, then the built-in ones.

Built-in templates and styles are the project's top-level ``templates/`` and ``styles/``
folders; a wheel carries them inside the package (``publish/templates``), a source checkout
has them beside it. Fonts come from pip packages, located on disk, never downloaded.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def builtin_dir(name: str) -> Path:
    """The built-in ``templates`` or ``styles`` folder."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the built-in {name} folder is missing from this installation")


def search_path(name: str, user_dir: Path | None) -> list[Path]:
    """Folders to look in for a template or stylesheet, the user's own first."""
    folders = [user_dir] if user_dir is not None else []
    return [*folders, builtin_dir(name)]


def find_file(name: str, filename: str, user_dir: Path | None) -> Path:
    for folder in search_path(name, user_dir):
        if (folder / filename).is_file():
            return folder / filename
    raise FileNotFoundError(f"no {filename} in {', '.join(str(f) for f in search_path(name, user_dir))}")
