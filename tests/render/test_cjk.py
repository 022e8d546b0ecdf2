"""Chinese, Japanese and Korean: printed in the CJK face when the text has them, never as boxes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from publish.pipeline import load
from publish.render import pdf
from publish.render.cover import CoverText, missing_characters
from publish.render.fonts import CJK_FAMILY, cjk_face, has_cjk
from publish.render.options import PdfOptions
from publish.render.pdf import render_pdf, stylesheet_texts
from tests.support import pdf_text

_PAGE = Path(__file__).parents[1] / "fixtures" / "cjk" / "manifesto-zh.htm"
_needs_face = pytest.mark.skipif(cjk_face() is None, reason="the CJK face is not installed (pip install '.[cjk]')")


def _fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_cjk_letters_and_punctuation_are_recognised() -> None:
    assert all(has_cjk(text) for text in ("共产党", "かな", "カナ", "한국어", "，", "「」"))
    assert not any(has_cjk(text) for text in ("Marx", "Маркс", "Μαρξ", "«»", "—", "É"))


@_needs_face
def test_a_chinese_text_prints_in_the_cjk_face_every_character_in_order() -> None:
    document = load(_PAGE.read_bytes(), str(_PAGE)).document
    result = render_pdf(document, PdfOptions())
    assert not [d for d in result.diagnostics if d.code == "P004"]
    assert any(name.startswith("Noto-Sans-CJK") for name in _fonts(result.data))
    printed = "".join(pdf_text(result.data).split())
    for paragraph in ("一个幽灵，共产主义的幽灵，在欧洲游荡。", "至今一切社会的历史都是阶级斗争的历史。"):
        assert paragraph in printed


def test_without_the_face_the_boxes_are_announced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "cjk_face", lambda: None)
    document = load(_PAGE.read_bytes(), str(_PAGE)).document
    result = render_pdf(document, PdfOptions())
    warnings = [d for d in result.diagnostics if d.code == "P004"]
    assert len(warnings) == 1 and "publish[cjk]" in warnings[0].message


def test_a_text_without_cjk_does_not_load_the_16_mb_face() -> None:
    assert CJK_FAMILY not in stylesheet_texts(PdfOptions())[0]
    if cjk_face() is not None:
        assert CJK_FAMILY in stylesheet_texts(PdfOptions(), cjk=True)[0]


@_needs_face
def test_a_chinese_cover_has_no_boxes() -> None:
    cover = CoverText(title="共产党宣言", author="马克思、恩格斯", language="zh", date="1848")
    assert missing_characters(cover) == ""
