"""The book faces: Source Serif Pro for text, Source Sans Pro for display, from pip packages.

Font files are located inside their installed packages (``font-source-serif-pro``,
``font-source-sans-pro``); nothing is fetched at run time.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FontFace:
    family: str
    path: Path
    weight: int
    style: str


_FACES = {
    "font_source_serif_pro": (
        "Source Serif Pro",
        (("Regular", 400, "normal"), ("It", 400, "italic"), ("Semibold", 600, "normal"),
         ("SemiboldIt", 600, "italic"), ("Bold", 700, "normal"), ("BoldIt", 700, "italic")),
        "SourceSerifPro",
    ),
    "font_source_sans_pro": (
        "Source Sans Pro",
        (("Regular", 400, "normal"), ("It", 400, "italic"), ("Semibold", 600, "normal"), ("Bold", 700, "normal")),
        "SourceSansPro",
    ),
}  # fmt: skip


@cache
def font_faces() -> tuple[FontFace, ...]:
    faces: list[FontFace] = []
    for module, (family, styles, prefix) in _FACES.items():
        folder = _package_dir(module)
        if folder is None:
            continue
        for suffix, weight, style in styles:
            path = folder / "files" / f"{prefix}-{suffix}.otf"
            if path.is_file():
                faces.append(FontFace(family=family, path=path, weight=weight, style=style))
    return tuple(faces)


def font_dirs() -> tuple[Path, ...]:
    return tuple(sorted({face.path.parent for face in font_faces()}))


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
