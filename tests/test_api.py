"""The Python API (``import publish``): real books from each function, diagnostics handed back
and never printed, every failure a ``PublishError`` naming the path or option and the cause."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import publish
from publish import model_json
from publish.model import Document, Section
from publish.words import block_text
from tests.conftest import ROOT, SEED
from tests.support import epubcheck, pdf_text, spine_documents, xhtml_text

_MM = 72 / 25.4
_HEADING_ONLY = b"<html><head><title>T</title></head><body><h1>Only a heading</h1></body></html>"


@pytest.fixture(scope="module")
def seed() -> Document:
    return publish.read(SEED)


def test_read_a_path_gives_the_typeset_document_and_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    found: list[publish.Diagnostic] = []
    document = publish.read(str(SEED), diagnostics=found)
    assert isinstance(document, Document)
    assert document.metadata.authors == ("Chris Harman",)
    assert document.metadata.origin == str(SEED)
    text = block_text(document.body)
    assert "’" in text and "'" not in text, "the typography is set: apostrophes curled"
    assert capfd.readouterr() == ("", "")


def test_read_bytes_names_its_origin_in_diagnostics_and_does_not_refuse_an_empty_page(
    capfd: pytest.CaptureFixture[str],
) -> None:
    found: list[publish.Diagnostic] = [
        publish.Diagnostic(code="X", severity=publish.Severity.INFO, where="mine", message="kept")
    ]
    document = publish.read(_HEADING_ONLY, origin="memory/empty.htm", diagnostics=found)
    assert found[0].where == "mine", "the caller's list is appended to, not replaced"
    assert [(d.code, d.where) for d in found[1:]] == [("N010", "memory/empty.htm")]
    assert document.metadata.title == "Only a heading" and document.body == ()
    assert document.metadata.origin == "memory/empty.htm"
    assert capfd.readouterr() == ("", "")


def test_read_bytes_without_an_origin_is_named_bytes() -> None:
    found: list[publish.Diagnostic] = []
    publish.read(_HEADING_ONLY, diagnostics=found)
    assert [d.where for d in found] == ["<bytes>"]


def test_read_of_bytes_equals_read_of_the_file_but_for_where_it_came_from(seed: Document) -> None:
    from_memory = publish.read(SEED.read_bytes(), origin=str(SEED))
    assert from_memory == seed


def test_render_epub_passes_epubcheck_and_holds_the_text(
    seed: Document, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    found: list[publish.Diagnostic] = []
    data = publish.render_epub(seed, diagnostics=found)
    assert capfd.readouterr() == ("", "")
    book = tmp_path / "seed.epub"
    book.write_bytes(data)
    messages = epubcheck(book)
    assert messages == [], "\n".join(f"{m['severity']} {m['ID']}: {m['message']}" for m in messages)
    text = " ".join(xhtml_text(page) for _, page in spine_documents(data))
    assert seed.metadata.title in text and "Chris Harman" in text
    assert all(isinstance(d, publish.Diagnostic) for d in found)


def test_render_epub_options_are_the_renderers_own(seed: Document) -> None:
    plain = publish.render_epub(seed, publish.EpubOptions(generated_cover=False))
    assert "cover.xhtml" in [href for href, _ in spine_documents(publish.render_epub(seed))]
    assert "cover.xhtml" not in [href for href, _ in spine_documents(plain)]


def test_a_script_fixes_an_author_with_dataclasses_replace(seed: Document) -> None:
    fixed = dataclasses.replace(seed, metadata=dataclasses.replace(seed.metadata, authors=("C. Harman",)))
    text = pdf_text(publish.render_pdf(fixed))
    assert "C. Harman" in text


def test_render_pdf_makes_pages_of_the_paper_asked_for(seed: Document, capfd: pytest.CaptureFixture[str]) -> None:
    data = publish.render_pdf(seed, publish.PdfOptions(paper="a4"))
    assert capfd.readouterr() == ("", ""), "WeasyPrint's warnings are diagnostics, never printed"
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / _MM), round(float(box.height) / _MM)) == (210, 297)
    assert seed.metadata.title.split()[0] in pdf_text(data)


def test_render_pdf_defaults_to_a5_single_pages(seed: Document) -> None:
    reader = PdfReader(io.BytesIO(publish.render_pdf(seed)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / _MM), round(float(box.height) / _MM)) == (148, 210)


def test_render_pamphlet_imposes_a_booklet_two_pages_to_a_side(seed: Document) -> None:
    single = PdfReader(io.BytesIO(publish.render_pdf(seed)))
    options = publish.PamphletOptions(pdf=publish.PdfOptions(), booklet=publish.Booklet())
    imposed = PdfReader(io.BytesIO(publish.render_pamphlet(seed, options)))
    box = imposed.pages[0].mediabox
    assert float(box.width) > float(box.height), "an A4 sheet on its side, two A5 pages on it"
    assert len(imposed.pages) * 2 >= len(single.pages)


def test_read_selection_makes_an_anthology_of_its_items(tmp_path: Path) -> None:
    selection = tmp_path / "reading.toml"
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())  # items are read from the selection's folder
    selection.write_text(f'title = "Reading list"\n[[item]]\npath = "{SEED.name}"\ntitle = "The party"\n')
    for document in (publish.read_selection(selection), publish.read(selection)):
        assert document.metadata.title == "Reading list"
        assert len(document.body) == 1


@pytest.mark.parametrize(
    ("make", "cause"),
    [
        (lambda where: where / "absent.htm", "no such file"),
        (lambda where: _written(where / "scan.htm", bytes(range(256)) * 8), "binary file"),
        (lambda where: where, "no index.htm"),
        (lambda where: _written(where / "blank.htm", b"   \n"), "empty"),
    ],
    ids=["missing", "binary", "folder-without-index", "empty-file"],
)
def test_what_cannot_be_read_is_a_publish_error_with_path_and_cause(
    make: object, cause: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    assert callable(make)
    path = make(tmp_path)
    with pytest.raises(publish.PublishError) as raised:
        publish.read(path)
    assert raised.value.path == str(path)
    assert cause in raised.value.cause
    assert capfd.readouterr() == ("", "")


def test_a_web_address_or_a_non_path_is_refused_in_words() -> None:
    with pytest.raises(publish.PublishError, match="web address"):
        publish.read("https://www.marxists.org/archive/harman/2002/06/party.htm")
    with pytest.raises(publish.PublishError, match="is not a path"):
        publish.read(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("options", "where"),
    [
        (publish.PdfOptions(paper="b5"), "paper='b5'"),
        (publish.PdfOptions(variant="pdf/x"), "variant='pdf/x'"),
        (publish.PdfOptions(styles=Path("no/such/styles")), "styles=no/such/styles"),
        (publish.PdfOptions(bleed_mm=-1), "bleed_mm=-1"),
    ],
)
def test_a_wrong_pdf_option_is_a_publish_error_naming_it(
    seed: Document, options: publish.PdfOptions, where: str
) -> None:
    with pytest.raises(publish.PublishError) as raised:
        publish.render_pdf(seed, options)
    assert raised.value.path == where


def test_a_wrong_booklet_or_epub_option_is_a_publish_error_naming_it(seed: Document) -> None:
    booklet = publish.PamphletOptions(pdf=publish.PdfOptions(), booklet=publish.Booklet(signature=6))
    with pytest.raises(publish.PublishError) as raised:
        publish.render_pamphlet(seed, booklet)
    assert raised.value.path == "signature=6"
    with pytest.raises(publish.PublishError) as raised:
        publish.render_epub(seed, publish.EpubOptions(templates=SEED))
    assert raised.value.cause.startswith("is not a folder")


def test_batch_makes_a_library_and_reports_it_silently(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / SEED.name).write_bytes(SEED.read_bytes())
    options = publish.BatchOptions(text=True, jobs=1)
    report = publish.batch(archive, tmp_path / "library", options)
    assert (report.books, report.made, report.unchanged, report.failed) == (1, 1, 0, 0)
    assert report.ok and report.failures == ()
    assert report.report.is_file() and all(path.is_file() for path in report.catalogue)
    assert json.loads(report.report.read_text())["summary"]["done"] == 1
    assert (tmp_path / "library" / SEED.with_suffix(".epub").name).is_file()
    again = publish.batch(str(archive), str(tmp_path / "library"), options)
    assert (again.made, again.unchanged) == (0, 1)
    assert capfd.readouterr() == ("", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.made = 3  # type: ignore[misc]


def test_batch_refuses_what_stops_the_run_as_a_whole(tmp_path: Path) -> None:
    with pytest.raises(publish.PublishError, match="no such folder"):
        publish.batch(tmp_path / "absent", tmp_path / "out")
    with pytest.raises(publish.PublishError) as raised:
        publish.batch(tmp_path, tmp_path / "out", publish.BatchOptions(formats=("mobi",)))
    assert raised.value.path == "formats=('mobi',)"
    with pytest.raises(publish.PublishError) as raised:
        publish.batch(tmp_path, tmp_path / "out", publish.BatchOptions(jobs=0))
    assert raised.value.path == "jobs=0"


def test_publish_batch_is_the_function_even_after_the_batch_package_was_imported() -> None:
    import publish.batch.runner  # binds the subpackage to publish.batch, as the command line does
    from publish.batch.runner import REPORT

    assert callable(publish.batch)
    assert getattr(publish.batch, "runner").REPORT == REPORT  # noqa: B009 - the subpackage is still there


def test_every_top_level_name_resolves_and_is_listed() -> None:
    for name in publish.__all__:
        assert getattr(publish, name) is not None
    assert set(publish.__all__) <= set(dir(publish))
    assert publish.Document is Document
    with pytest.raises(AttributeError, match="no attribute 'render_mobi'"):
        _ = publish.render_mobi  # type: ignore[attr-defined]


def test_importing_publish_loads_nothing_else() -> None:
    """The command line imports the package first: the API must cost it nothing."""
    script = "import sys; before = set(sys.modules); import publish; print(sorted(set(sys.modules) - before))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env, cwd=ROOT
    )
    assert completed.stdout.strip() == "['publish']"


def test_the_package_is_marked_typed() -> None:
    assert (ROOT / "publish" / "py.typed").is_file()


def _written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_read_of_a_works_folder_is_what_the_command_line_reads(corpus: Path) -> None:
    work = corpus / "mia-tree" / "archive" / "lafargue" / "1883" / "lazy"
    document = publish.read(work)
    assert sum(isinstance(block, Section) for block in document.body) > 3, "a chapter per page of the work"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "publish", "inspect", str(work)]
    printed = subprocess.run(command, capture_output=True, text=True, check=True, env=env, timeout=300).stdout
    assert printed == model_json.dumps(document)


def test_read_gives_the_model_of_a_work_of_scans_which_the_command_line_refuses(corpus: Path) -> None:
    scans = corpus / "mia-tree" / "esperanto" / "laperm"
    found: list[publish.Diagnostic] = []
    document = publish.read(scans, diagnostics=found)
    assert document.metadata.title
    assert "N010" in {d.code for d in found}


def test_pictures_come_from_the_pages_folder_unless_the_options_say_another(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "img").mkdir()
    Image.new("RGB", (120, 80), (200, 40, 30)).save(tmp_path / "img" / "crowd.png")
    page = tmp_path / "page.htm"
    page.write_text(_PICTURE_PAGE, encoding="utf-8")
    document = publish.read(page)
    with zipfile.ZipFile(io.BytesIO(publish.render_epub(document))) as book:
        assert [name for name in book.namelist() if name.startswith("EPUB/images/")] == ["EPUB/images/1.png"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    found: list[publish.Diagnostic] = []
    data = publish.render_epub(document, publish.EpubOptions(base_dir=elsewhere), diagnostics=found)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert not [name for name in book.namelist() if name.startswith("EPUB/images/")]
    assert found, "the picture left out is a diagnostic"
    from_memory = publish.read(page.read_bytes(), origin="<bytes>")
    with zipfile.ZipFile(io.BytesIO(publish.render_epub(from_memory))) as book:
        assert not [name for name in book.namelist() if name.startswith("EPUB/images/")], "bytes have no folder"


_PICTURE_PAGE = """<html><head><title>Pictures</title></head><body>
<h1>A page of pictures</h1>
<p>Before the picture, some words of the text so that the page is an article.</p>
<p><img src="img/crowd.png" alt="A crowd in the square"></p>
<p>After the picture, the end of the text.</p>
</body></html>"""
