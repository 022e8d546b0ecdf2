"""Hostile and broken input files (issue 15, "in"): every file is opened only if it is a regular
file and read only up to its cap; a selection's items stay in its folder.

FIFOs, links and big files are made in ``tmp_path`` only; a big file is sparse (``truncate``),
so it takes no disk, and a refusal for size must come before reading it (a test that read
2 GB would be plainly slow and use 2 GB of memory).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import warnings
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from publish.bounded_read import open_regular, read_limited
from publish.errors import PublishError
from publish.files import read_input
from publish.limits import MIB, Limits
from publish.loading import load, load_selection
from publish.model import Document, Figure, Metadata, Paragraph, Text
from publish.normalise import read
from publish.render.fetch import ConfinedFetcher
from publish.render.options import PdfOptions
from publish.render.pdf import _captured_warnings, _diagnostic_of, render_pdf
from publish.render.pictures import gather
from publish.render.user_cover import user_cover
from publish.resources import builtin_dir
from publish.words import block_text
from tests.support import pdf_text

PAGE = (
    "<html><head><title>{title}</title></head><body><h1>{title}</h1>"
    "<p>{words} A paragraph of plain words for the book to hold.</p></body></html>"
)


def _page(path: Path, title: str = "A page", words: str = "Some") -> Path:
    path.write_text(PAGE.format(title=title, words=words), encoding="utf-8")
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def _png(path: Path, size: tuple[int, int] = (40, 30)) -> Path:
    Image.new("RGB", size, (200, 40, 30)).save(path)
    return path


def _publish(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PUBLISH_WARM": "0"}
    return subprocess.run(
        [sys.executable, "-m", "publish", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
        env=environment,
    )


# The bounded reader


def test_a_fifo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "page.htm")
    with pytest.raises(PublishError) as caught:
        read_limited(tmp_path / "page.htm", MIB)
    assert str(caught.value) == f"{tmp_path / 'page.htm'}: a FIFO, not a regular file"


def test_a_device_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "zero"
    try:
        os.mknod(device, 0o600 | 0o020000, os.makedev(1, 5))  # a character device, as /dev/zero
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")
    with pytest.raises(PublishError, match="a character device, not a regular file"):
        read_limited(device, MIB, what="cover")


def test_a_2_gb_page_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    page = _sparse(tmp_path / "huge.htm", 2 * 1024**3)
    with pytest.raises(PublishError) as caught:
        read_input(page)
    assert caught.value.cause == (
        "2.0 GB, over the 8 MB limit for a page (raise it with --max-input-size or max_input_size in publish.toml)"
    )


def test_a_page_at_its_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    limits = Limits(input_bytes=1000)
    (tmp_path / "just.htm").write_bytes(b"a" * 1000)
    (tmp_path / "over.htm").write_bytes(b"a" * 1001)
    assert len(read_input(tmp_path / "just.htm", limits=limits)) == 1000
    with pytest.raises(PublishError, match="over the 1000 bytes limit for a page"):
        read_input(tmp_path / "over.htm", limits=limits)


def test_a_link_is_followed_only_when_asked(tmp_path: Path) -> None:
    target = _page(tmp_path / "real.htm")
    (tmp_path / "link.htm").symlink_to(target)
    assert read_limited(tmp_path / "link.htm", MIB) == target.read_bytes()
    with pytest.raises(PublishError, match="symbolic link"):
        read_limited(tmp_path / "link.htm", MIB, follow=False)


def test_open_regular_gives_a_descriptor_and_refuses_a_folder(tmp_path: Path) -> None:
    handle = open_regular(_page(tmp_path / "page.htm"))
    try:
        assert os.read(handle, 6) == b"<html>"
    finally:
        os.close(handle)
    with pytest.raises(PublishError, match="is a directory"):
        open_regular(tmp_path)
    with pytest.raises(PublishError, match="no such file"):
        open_regular(tmp_path / "absent.htm")


# Pages, covers, pictures


def test_the_cli_refuses_a_fifo_page_and_a_fifo_cover_in_one_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.htm")
    os.mkfifo(tmp_path / "cover.png")
    page = _page(tmp_path / "page.htm")
    for args in (["pdf", str(tmp_path / "fifo.htm")], ["epub", str(page), "--cover", str(tmp_path / "cover.png")]):
        done = _publish(*args, "-o", str(tmp_path / "out"))
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip().splitlines() == [f"publish: {tmp_path / args[-1]}: a FIFO, not a regular file"]
    assert not (tmp_path / "out").exists()


def test_a_cover_over_its_limit_is_refused_unread(tmp_path: Path) -> None:
    cover = _sparse(tmp_path / "cover.jpg", 1536 * MIB)
    with pytest.raises(PublishError, match=r"^.*: 1\.5 GB, over the 20 MB limit for a cover$"):
        user_cover(cover)


def test_a_cover_past_the_decompression_bomb_limit_is_one_line_and_no_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    cover = _png(tmp_path / "cover.png", (40, 30))  # 1200 pixels: Pillow warns, short of its error
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning that escapes fails the test
        with pytest.raises(PublishError, match="too many pixels to decode safely"):
            user_cover(cover)


def test_pictures_that_are_fifos_links_out_or_too_big_are_left_out_unread(tmp_path: Path) -> None:
    folder = tmp_path / "page"
    folder.mkdir()
    os.mkfifo(folder / "fifo.png")
    _sparse(folder / "huge.png", 1536 * MIB)
    _png(tmp_path / "outside.png")
    (folder / "out.png").symlink_to(tmp_path / "outside.png")
    _png(folder / "fine.png")
    pictures = gather(["fifo.png", "huge.png", "out.png", "fine.png"], folder, "page.htm")
    assert list(pictures.found) == ["fine.png"]
    said = " ".join(diagnostic.message for diagnostic in pictures.diagnostics)
    assert "huge.png" in said and "1.5 GB, over the 20 MB limit for a picture" in said
    assert "fifo.png" in said and "out.png" in said


def test_a_picture_past_the_bomb_limit_is_left_out_with_a_line_not_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    _png(tmp_path / "warned.png", (40, 30))  # past the limit: Pillow's warning
    _png(tmp_path / "refused.png", (60, 40))  # past twice the limit: Pillow's error
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pictures = gather(["warned.png", "refused.png"], tmp_path, "page.htm")
    assert pictures.found == {}
    assert [d.code for d in pictures.diagnostics] == ["E001"]
    assert "2 pictures" in pictures.diagnostics[0].message and "more pixels than Pillow decodes safely (1000)" in (
        pictures.diagnostics[0].message
    )


def test_the_pdf_fetcher_never_opens_a_fifo_nor_reads_a_huge_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.png")
    _sparse(tmp_path / "huge.png", 1536 * MIB)
    _png(tmp_path / "fine.png")
    fetcher = ConfinedFetcher((tmp_path,), pictures=tmp_path)
    for name in ("fifo.png", "huge.png"):
        with pytest.raises(ValueError, match=name):
            fetcher.fetch((tmp_path / name).as_uri())
    assert [line.split(": ", 1)[1][:12] for line in fetcher.unread] == ["a FIFO, not ", "1.5 GB, over"]
    response = fetcher.fetch((tmp_path / "fine.png").as_uri())
    assert response.read() == (tmp_path / "fine.png").read_bytes()
    assert response.content_type == "image/png"


def _styles_with_background(tmp_path: Path, picture: str) -> Path:
    """A user's styles folder whose pamphlet.css also asks for a picture beside the input:
    WeasyPrint itself loads it, through the fetcher (url() is relative to the input's folder)."""
    styles = tmp_path / "styles"
    styles.mkdir()
    css = (builtin_dir("styles") / "pamphlet.css").read_text(encoding="utf-8")
    (styles / "pamphlet.css").write_text(css + f"\nbody {{ background-image: url({picture}); }}\n", encoding="utf-8")
    return styles


def _document() -> Document:
    body = (
        Paragraph(content=(Text(text="Before the picture."),)),
        Figure(source="fifo.png", alt="A crowd in the square", caption=(Text(text="The square"),)),
        Paragraph(content=(Text(text="After the picture."),)),
    )
    return Document(metadata=Metadata(title="Pictures", language="en"), body=body)


def test_a_pdf_with_a_fifo_picture_and_a_fifo_background_is_made_with_a_line_each(tmp_path: Path) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    os.mkfifo(folder / "fifo.png")
    styles = _styles_with_background(tmp_path, "fifo.png")
    result = render_pdf(_document(), PdfOptions(base_dir=folder, styles=styles))
    text = " ".join(pdf_text(result.data).split())
    assert "Before the picture" in text and "After the picture" in text and "[Picture: A crowd" in text
    codes = {d.code: d.message for d in result.diagnostics if d.code in ("E001", "P005")}
    assert "fifo.png" in codes["E001"]
    assert codes["P005"].startswith(f"the picture {folder / 'fifo.png'} could not be loaded and is left out: ")
    assert codes["P005"].endswith("a FIFO, not a regular file")


def test_weasyprints_failed_loads_and_pillows_bomb_warning_become_diagnostics() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning let through would fail here
        with _captured_warnings() as messages:
            logging.getLogger("weasyprint").error(
                "Failed to load image at %r: %s", "file:///in/a%20b.png", "ValueError: /in/a b.png: no such file"
            )
            warnings.warn("Image size (1200 pixels) exceeds limit", Image.DecompressionBombWarning, stacklevel=1)
    found = [_diagnostic_of(message, "page.htm") for message in messages]
    assert [d.code for d in found] == ["P005", "P006"]
    assert found[0].message == "the picture /in/a b.png could not be loaded and is left out: /in/a b.png: no such file"
    assert found[1].message.endswith("it is printed, slowly: Image size (1200 pixels) exceeds limit")


def test_a_pdf_picture_that_decodes_past_the_bomb_limit_is_p006_not_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "input"
    folder.mkdir()
    _png(folder / "big.png", (40, 30))
    styles = _styles_with_background(tmp_path, "big.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    document = Document(metadata=Metadata(title="Bomb", language="en"), body=_document().body[:1])
    result = render_pdf(document, PdfOptions(base_dir=folder, styles=styles))
    [bomb] = [d for d in result.diagnostics if d.code == "P006"]
    assert "more pixels than Pillow decodes safely" in bomb.message and "(1200 pixels)" in bomb.message
    assert "DecompressionBomb" not in capfd.readouterr().err


# Selections and works


def _selection(folder: Path, *paths: str) -> Path:
    lines = ['title = "Reading list"']
    for path in paths:
        lines += ["[[item]]", f'path = "{path}"']
    selection = folder / "list.toml"
    selection.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return selection


def test_a_selection_reads_only_from_its_own_folder(tmp_path: Path) -> None:
    folder = tmp_path / "list"
    folder.mkdir()
    _page(folder / "one.htm", "One")
    secret = _page(tmp_path / "secret.htm", "Secret", "Password")
    (folder / "link.htm").symlink_to(secret)
    for item in (str(secret), "../secret.htm", "link.htm"):
        selection = _selection(folder, "one.htm", item)
        with pytest.raises(PublishError) as caught:
            load_selection(selection)
        assert caught.value.path == f"{selection}: item 2"
        assert "is outside the selection's folder" in caught.value.cause and "--allow-outside" in caught.value.cause
    loaded = load_selection(_selection(folder, "one.htm", "link.htm"), allow_outside=True)
    assert "Password" in block_text(loaded.document.body)


def test_the_cli_refuses_an_outside_item_in_one_line_unless_allowed(tmp_path: Path) -> None:
    folder = tmp_path / "list"
    folder.mkdir()
    _page(folder / "one.htm", "One")
    secret = _page(tmp_path / "secret.htm", "Secret", "Password")
    selection = _selection(folder, "one.htm", str(secret))
    done = _publish("epub", str(selection), "-o", str(tmp_path / "list.epub"))
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"publish: {selection}: item 2: {secret} is outside the selection's folder")
    assert not (tmp_path / "list.epub").exists()
    done = _publish("epub", str(selection), "--allow-outside", "-o", str(tmp_path / "list.epub"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "list.epub").is_file()


def test_a_selection_file_over_its_limit_is_refused(tmp_path: Path) -> None:
    selection = _sparse(tmp_path / "list.toml", 2 * MIB)
    with pytest.raises(PublishError, match=r"2\.0 MB, over the 1 MB limit for a selection"):
        load_selection(selection)


def test_a_work_reads_no_chapter_through_a_link_out_of_its_folder_nor_a_fifo(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    links = "".join(f'<p><a href="ch{n}.htm">Chapter {n}</a></p>' for n in range(1, 5))
    (work / "index.htm").write_text(
        f"<html><head><title>The work</title></head><body><h1>The work</h1>{links}</body></html>", encoding="utf-8"
    )
    _page(work / "ch1.htm", "Chapter 1", "Inside")
    _page(work / "ch2.htm", "Chapter 2", "Inside")
    (work / "ch3.htm").symlink_to(_page(tmp_path / "secret.htm", "Chapter 3", "Password"))
    os.mkfifo(work / "ch4.htm")
    loaded = load(work / "index.htm")
    text = block_text(loaded.document.body)
    assert loaded.format == "work" and "Inside" in text and "Password" not in text
    missing = sorted(d.message for d in loaded.diagnostics if d.code == "N040")
    assert missing == ["linked page ch3.htm is missing", "linked page ch4.htm is missing"]


def test_a_picture_read_for_an_epub_is_the_bytes_on_disk(tmp_path: Path) -> None:
    picture = _png(tmp_path / "fine.png")
    found = gather(["fine.png"], tmp_path, "page.htm").found["fine.png"]
    assert found.data == picture.read_bytes()
    with Image.open(BytesIO(found.data)) as image:
        assert image.size == (40, 30)


# Encodings: a page by its byte-order mark; a stray NUL dropped, a binary still refused

_GERMAN = (
    "<html><head><title>Über alles</title></head><body><h1>Über alles</h1>"
    "<p>Ein Satz mit Wörtern, und noch einer dazu.</p></body></html>"
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_a_page_in_utf16_or_utf32_with_its_bom_is_read(encoding: str) -> None:
    data = ("\ufeff" + _GERMAN).encode(encoding)
    result = read(data, "page.htm")
    assert result.format == "html"
    assert "Ein Satz mit Wörtern" in block_text(result.document.body)
    assert not result.diagnostics


def test_a_utf16_plain_text_copy_is_read_as_text() -> None:
    data = ("\ufeffThe Title\n\nA paragraph of plain words, in UTF-16.\n").encode("utf-16-le")
    result = read(data, "copy.txt")
    assert result.format == "text" and "A paragraph of plain words" in block_text(result.document.body)


def test_the_cli_makes_an_epub_of_a_utf16_page(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_bytes(("\ufeff" + _GERMAN).encode("utf-16-le"))
    done = _publish("epub", str(page), "-o", str(tmp_path / "page.epub"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "page.epub").is_file()


def test_a_stray_nul_is_dropped_with_a_diagnostic_not_a_refusal() -> None:
    result = read(_GERMAN.replace("Satz", "Sa\0tz").encode("utf-8"), "page.htm")
    assert "Ein Satz mit Wörtern" in block_text(result.document.body)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("N043", "1 NUL character(s) dropped (they hold no text: a damaged copy?)")
    ]


def _binaries() -> dict[str, bytes]:
    picture = BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(picture, "PNG")
    page = _GERMAN.encode("utf-8")
    return {
        "png": picture.getvalue(),
        "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n" + page,
        "zip": b"PK\x03\x04\x14\x00\x00\x00" + page,
        "noise": bytes(range(256)) * 8,
        "utf16-noise": b"\xff\xfe" + bytes(range(256)) * 8,
    }


@pytest.mark.parametrize("kind", list(_binaries()))
def test_a_binary_renamed_html_is_still_refused(kind: str) -> None:
    with pytest.raises(PublishError, match="this is a binary file, not a text or HTML page"):
        read(_binaries()[kind], f"{kind}.html")


# The project file and a batch's own reads


def test_a_project_file_that_is_a_fifo_or_too_big_is_one_line(tmp_path: Path) -> None:
    from publish import project

    os.mkfifo(tmp_path / "fifo.toml")
    with pytest.raises(PublishError, match="a FIFO, not a regular file"):
        project.load(tmp_path / "fifo.toml")
    with pytest.raises(PublishError, match=r"2\.0 MB, over the 1 MB limit for a selection or project file"):
        project.load(_sparse(tmp_path / "publish.toml", 2 * MIB))


def test_a_batch_hashes_a_page_in_pieces_and_never_a_fifo_put_in_its_place(tmp_path: Path) -> None:
    from publish.batch.tree import content_hash, digest, walk

    _page(tmp_path / "page.htm")
    [entry] = list(walk(tmp_path))
    hashed = content_hash(tmp_path, entry, None)
    assert hashed is not None and hashed[0] == digest((tmp_path / "page.htm").read_bytes())
    (tmp_path / "page.htm").unlink()
    os.mkfifo(tmp_path / "page.htm")  # swapped since the walk saw a page there
    assert content_hash(tmp_path, entry, None) is None


def test_a_fifo_in_a_styles_folder_is_refused_by_the_batch_keys(tmp_path: Path) -> None:
    from publish.batch import keys

    (tmp_path / "pamphlet.css").write_text("body { color: black; }\n", encoding="utf-8")
    assert keys.folder(tmp_path)
    os.mkfifo(tmp_path / "extra.css")
    assert keys.folder(tmp_path)  # not a file: not one of the folder's files, not opened
