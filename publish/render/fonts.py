"""The book faces: Source Serif Pro for text, Source Sans Pro for display, from pip packages.

Font files are located inside their installed packages (``font-source-serif-pro``,
``font-source-sans-pro``); nothing is fetched at run time.

Chinese, Japanese and Korean need a face of their own: Noto Sans CJK (SIL OFL) from the
optional ``cvttf-notosanscjk-regular`` package (``pip install 'publish[cjk]'``). It is 16 MB,
so renderers bring it in only for a text that has such characters (``has_cjk``).
"""

from __future__ import annotations

import importlib.util
import re
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
    cjk = cjk_face()
    return tuple(sorted({face.path.parent for face in (*font_faces(), *([cjk] if cjk else []))}))


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


CJK_FAMILY = "Noto Sans CJK TC"
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
                  r"\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")  # fmt: skip


def has_cjk(text: str) -> bool:
    """Whether ``text`` has Han, kana, Hangul or their punctuation: what the book faces lack."""
    return _CJK.search(text) is not None


@cache
def cjk_face() -> FontFace | None:
    """The CJK fallback face if its package is installed (its one weight serves for bold too)."""
    folder = _package_dir("cvttf_NotoSansCJK_Regular")
    path = folder / "NotoSansCJKtc-Regular.otf" if folder else None
    return FontFace(family=CJK_FAMILY, path=path, weight=400, style="normal") if path and path.is_file() else None
