"""``--title``, ``--author``, ``--date``, ``--language``: the user's metadata over the reader's,
for a page, a work and an anthology, everywhere the book shows its metadata."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from publish.errors import PublishError
from publish.loading import load
from publish.overrides import Overrides, check_date, check_language, overrides, split_authors
from publish.render.epub import cover_text
from tests.conftest import SEED
from tests.support import epubcheck

_OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
_TOLD = ("--title", "Das andere Parteibuch", "--author", "Rosa Beispiel; Karl Probe", "--date", "1917-11")


def _publish(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "publish", *args], capture_output=True, text=True, cwd=cwd, timeout=600, check=False
    )


def _package(epub: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        rootfile = container.find(".//{*}rootfile")
        assert rootfile is not None
        return etree.fromstring(archive.read(str(rootfile.get("full-path"))))


def _member(epub: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        return archive.read(f"EPUB/{name}").decode("utf-8")


def test_values_are_checked_into_one_line_each() -> None:
    assert check_date(" 1917 ") == "1917" and check_date("1917-11-07") == "1917-11-07"
    for wrong in ("1917-13", "1917-02-30", "June 1917", "17", "1917/11"):
        with pytest.raises(PublishError, match="--date"):
            check_date(wrong)
    assert check_language("pt_br") == "pt-BR" and check_language("zh-hant") == "zh-Hant"
    assert check_language("DE") == "de"
    for wrong in ("english", "xx", "e", ""):
        with pytest.raises(PublishError, match="--language"):
            check_language(wrong)
    assert split_authors(["Karl Marx; Frederick Engels", "Karl Marx", "V. I. Lenin"]) == (
        "Karl Marx",
        "Frederick Engels",
        "V. I. Lenin",
    )
    assert split_authors(["Charles Kerr and Co."]) == ("Charles Kerr and Co.",), "'and' is part of a name"
    with pytest.raises(PublishError, match="--author"):
        split_authors([" ; "])
    with pytest.raises(PublishError, match="--title"):
        overrides(title="  ", authors=None, date_given=None, language=None)


def test_a_single_page_takes_every_override_everywhere(tmp_path: Path) -> None:
    """Title page, navigation, OPF metadata, the cover's text, the PDF's metadata and first page."""
    out = tmp_path / "party.epub"
    done = _publish("epub", str(SEED), *_TOLD, "--language", "de", "-o", str(out))
    assert done.returncode == 0, done.stderr
    package = _package(out.read_bytes())
    assert package.findtext(".//dc:title", namespaces=_OPF) == "Das andere Parteibuch"
    assert [c.text for c in package.findall(".//dc:creator", _OPF)] == ["Rosa Beispiel", "Karl Probe"]
    assert package.findtext(".//dc:date", namespaces=_OPF) == "1917-11"
    assert package.findtext(".//dc:language", namespaces=_OPF) == "de"
    title_page = _member(out.read_bytes(), "title.xhtml")
    page = etree.fromstring(title_page.encode("utf-8"))
    shown = {item.get("class"): " ".join("".join(item.itertext()).split()) for item in page.iter("{*}h1", "{*}p")}
    assert shown["title"] == "Das andere Parteibuch"
    assert "Rosa Beispiel" in shown["author"] and "Karl Probe" in shown["author"] and "Harman" not in shown["author"]
    assert shown["date"] == "November 1917", "in the language given"
    nav = _member(out.read_bytes(), "nav.xhtml")
    assert "Das andere Parteibuch" in nav and 'xml:lang="de"' in nav
    messages = epubcheck(out)
    assert messages == [], "\n".join(f"{m['severity']} {m['ID']}: {m['message']}" for m in messages)
    pdf = tmp_path / "party.pdf"
    done = _publish("pdf", str(SEED), *_TOLD, "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(pdf)
    assert reader.metadata is not None
    assert reader.metadata.title == "Das andere Parteibuch"
    assert "Rosa Beispiel" in (reader.metadata.author or "") and "Karl Probe" in (reader.metadata.author or "")
    first = reader.pages[0].extract_text()
    assert "Das andere Parteibuch" in first


def test_the_cover_says_what_the_user_said() -> None:
    told = Overrides(title="Das andere Parteibuch", authors=("Rosa Beispiel",), date="1917", language="de")
    text = cover_text(load(SEED, overrides=told).document)
    assert text is not None
    assert (text.title, text.author, text.date, text.language) == (
        "Das andere Parteibuch",
        "Rosa Beispiel",
        "1917",
        "de",
    )


def test_a_page_and_a_work_of_the_corpus_take_the_override(corpus: Path) -> None:
    """Lenin's page names its author; the override still wins. A work (Lafargue) too, from its folder."""
    lenin = load(
        corpus / "mia" / "archive__lenin__works__1913__mar__x01.htm", overrides=Overrides(title="Three Sources")
    )
    assert lenin.document.metadata.title == "Three Sources"
    assert lenin.document.metadata.authors, "what was not overridden stays the reader's"
    told = Overrides(authors=("Paul Lafargue", "Laura Marx"), date="1883", language="en-GB")
    folder = corpus / "mia-tree" / "archive" / "lafargue" / "1883" / "lazy"
    work = load(folder, overrides=told)
    assert work.format == "work"
    metadata = work.document.metadata
    assert (metadata.authors, metadata.date, metadata.language) == (("Paul Lafargue", "Laura Marx"), "1883", "en-GB")
    assert (
        metadata.title == load(corpus / "mia-tree" / "archive" / "lafargue" / "1883" / "lazy").document.metadata.title
    )


def test_an_anthology_takes_the_title_and_the_authors(tmp_path: Path) -> None:
    second = tmp_path / "second.txt"
    second.write_text("On Strikes\n\nBy Rosa Example\n\nThe strike began on a Monday. Nobody expected it.\n")
    out = tmp_path / "anthology.epub"
    done = _publish("epub", str(SEED), str(second), "--title", "Two Texts", "--author", "A. Editor", "-o", str(out))
    assert done.returncode == 0, done.stderr
    package = _package(out.read_bytes())
    assert package.findtext(".//dc:title", namespaces=_OPF) == "Two Texts"
    assert [c.text for c in package.findall(".//dc:creator", _OPF)] == ["A. Editor"]


def test_a_wrong_value_is_one_line_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "out.epub"
    for arguments, cause in (
        (("--date", "1917-13"), "--date 1917-13: is no day of the calendar"),
        (("--date", "8 June 2002"), "--date 8 June 2002: is not a date"),
        (("--language", "english"), "--language english: is not a language CLDR knows"),
    ):
        done = _publish("epub", str(SEED), *arguments, "-o", str(out))
        assert done.returncode == 2 and done.stderr.startswith(f"publish: {cause}"), done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and not out.exists()
