"""publish.toml as a user meets it: real ``publish`` processes in a project folder, real books
read back (the EPUB's package and title page, the PDF's page size, metadata and text)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.conftest import SEED
from tests.support import body_type, epubcheck, pdf_text, spine_documents, xhtml_text

A4 = (595, 842)  # points, rounded
A6 = (298, 420)


def _publish(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "publish", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder, timeout=300, check=False)


def _folder(tmp_path: Path, toml: str) -> Path:
    """A project folder: two texts and a publish.toml."""
    (tmp_path / "texts").mkdir()
    for name in ("one.txt", "two.txt"):
        (tmp_path / "texts" / name).write_bytes(SEED.read_bytes())
    (tmp_path / "publish.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def _page_size(pdf: Path) -> tuple[int, int]:
    box = PdfReader(pdf).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def _opf(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        name = next(name for name in archive.namelist() if name.endswith(".opf"))
        return etree.fromstring(archive.read(name))


def _creators(epub: Path) -> list[str]:
    return [element.text or "" for element in _opf(epub).iter("{http://purl.org/dc/elements/1.1/}creator")]


FIXES = """
paper = "a4"
output = "books"

[metadata."texts/one.txt"]
author = ["Jane Doe", "Richard Roe"]
title = "A Title Fixed in the Project"
"""


def test_paper_output_and_author_come_from_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, FIXES)
    done = _publish(folder, "pdf", "texts/one.txt")
    assert done.returncode == 0, done.stderr
    pdf = folder / "books" / "one.pdf"
    assert _page_size(pdf) == A4
    metadata = PdfReader(pdf).metadata
    assert metadata is not None
    assert (metadata.author, metadata.title) == ("Jane Doe and Richard Roe", "A Title Fixed in the Project")
    other = _publish(folder, "pdf", "texts/two.txt")  # the fix is for one input only
    assert other.returncode == 0, other.stderr
    untouched = PdfReader(folder / "books" / "two.pdf").metadata
    assert untouched is not None and "Jane Doe" not in (untouched.author or "")


def test_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path, FIXES)
    done = _publish(folder, "pdf", "texts/one.txt", "--paper", "a6", "--author", "Typed Name", "-o", "mine.pdf")
    assert done.returncode == 0, done.stderr
    assert _page_size(folder / "mine.pdf") == A6
    metadata = PdfReader(folder / "mine.pdf").metadata
    assert metadata is not None
    assert (metadata.author, metadata.title) == ("Typed Name", "A Title Fixed in the Project")
    ignored = _publish(folder, "pdf", "texts/one.txt", "--no-config", "-o", "plain.pdf")
    assert ignored.returncode == 0, ignored.stderr
    assert _page_size(folder / "plain.pdf") != A4 and not (folder / "books").exists()


def test_the_author_fix_shows_in_the_epub_package_and_title_page(tmp_path: Path) -> None:
    folder = _folder(tmp_path, FIXES)
    done = _publish(folder, "epub", "texts/one.txt")
    assert done.returncode == 0, done.stderr
    epub = folder / "books" / "one.epub"
    assert _creators(epub) == ["Jane Doe", "Richard Roe"]
    title_page = next(xhtml_text(page) for href, page in spine_documents(epub.read_bytes()) if "title" in href)
    assert "Jane Doe" in title_page and "A Title Fixed in the Project" in title_page
    messages = epubcheck(epub)
    assert [m for m in messages if m["severity"] in ("FATAL", "ERROR", "WARNING")] == []


def test_a_work_is_fixed_by_its_folder_when_given_by_its_index(corpus: Path, tmp_path: Path) -> None:
    """The file names the work's folder (absolute here); the command line names its index page."""
    index = next(p for p in sorted((corpus / "mia-tree" / "archive").rglob("index.htm*")) if _is_small_work(p))
    (tmp_path / "publish.toml").write_text(f'[metadata."{index.parent}"]\nauthor = "Fixed Author"\n', encoding="utf-8")
    done = _publish(tmp_path, "epub", str(index), "-o", "work.epub")
    assert done.returncode == 0, done.stderr
    assert _creators(tmp_path / "work.epub") == ["Fixed Author"]


def _is_small_work(index: Path) -> bool:
    pages = [p for p in index.parent.iterdir() if p.suffix in (".htm", ".html") and p != index]
    return 2 <= len(pages) <= 6 and sum(p.stat().st_size for p in pages) < 400_000


ANTHOLOGY = """
[anthology.pair]
title = "Two Texts"
author = "An Editor"
items = ["texts/one.txt", { path = "texts/two.txt", title = "The Second Text" }]
"""


def test_an_anthology_from_the_file_as_epub_and_pdf(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ANTHOLOGY)
    done = _publish(folder, "epub", "--anthology", "pair")
    assert done.returncode == 0, done.stderr
    epub = folder / "pair.epub"
    assert _creators(epub) == ["An Editor"]
    titles = _opf(epub).findtext("{*}metadata/{http://purl.org/dc/elements/1.1/}title")
    assert titles == "Two Texts"
    text = "\n".join(xhtml_text(page) for _, page in spine_documents(epub.read_bytes()))
    assert "The Second Text" in text
    pdf = _publish(folder, "pdf", "--anthology", "pair", "--title", "Typed Title")
    assert pdf.returncode == 0, pdf.stderr
    metadata = PdfReader(folder / "pair.pdf").metadata
    assert metadata is not None and (metadata.title, metadata.author) == ("Typed Title", "An Editor")
    assert "The Second Text" in pdf_text((folder / "pair.pdf").read_bytes())


def test_an_anthology_the_file_does_not_have_is_refused_with_the_nearest(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ANTHOLOGY)
    done = _publish(folder, "epub", "--anthology", "piar")
    assert (done.returncode, done.stderr) == (2, "publish: --anthology piar: is not an anthology of publish.toml: "
                                              "did you mean 'pair'?\n")  # fmt: skip
    assert _publish(folder, "epub").returncode == 2  # neither INPUT nor --anthology: argparse's usage error


@pytest.mark.parametrize(
    ("toml", "line"),
    [
        ('paperr = "a4"\n', "publish: publish.toml: unknown key 'paperr': did you mean 'paper'?\n"),
        ("paper = 4\n", "publish: publish.toml: 'paper' must be a string, not an integer\n"),
    ],
)
def test_a_mistake_in_the_file_is_one_line_exit_2_and_no_book(tmp_path: Path, toml: str, line: str) -> None:
    folder = _folder(tmp_path, toml)
    for command in ("epub", "pdf"):
        done = _publish(folder, command, "texts/one.txt")
        assert (done.returncode, done.stderr, done.stdout) == (2, line, "")
    batch = _publish(folder, "batch", "texts", "out")
    assert (batch.returncode, batch.stderr) == (2, line)
    assert sorted(p.name for p in folder.iterdir()) == ["publish.toml", "texts"]


def test_init_then_a_book_with_the_written_file_and_theme(tmp_path: Path) -> None:
    """``publish init`` writes a file that works; its theme's template and stylesheet reach the books."""
    done = _publish(tmp_path, "init")
    assert done.returncode == 0, done.stderr
    assert "wrote publish.toml" in done.stderr
    toml = tmp_path / "publish.toml"
    text = toml.read_text(encoding="utf-8")
    for key in ("theme", "paper"):  # the user uncomments what they need
        text, count = re.subn(rf"^# ({key} = .*)$", r"\1", text, flags=re.MULTILINE)
        assert count == 1
    toml.write_text(text.replace('theme = "classic"', 'theme = "theme"'), encoding="utf-8")
    template = tmp_path / "theme" / "templates" / "epub" / "titlepage.xhtml.j2"
    template.write_text(template.read_text("utf-8").replace("{{ super() }}", "<p>From my theme</p>\n{{ super() }}"))
    css = tmp_path / "theme" / "styles" / "pamphlet.extra.css"
    css.write_text(css.read_text("utf-8") + '\nh1::after { content: " Styled by my theme"; }\n', encoding="utf-8")
    (tmp_path / "page.txt").write_bytes(SEED.read_bytes())
    epub = _publish(tmp_path, "epub", "page.txt")
    assert epub.returncode == 0, epub.stderr
    pages = spine_documents((tmp_path / "page.epub").read_bytes())
    assert any("From my theme" in xhtml_text(page) for _, page in pages)
    pdf = _publish(tmp_path, "pdf", "page.txt")
    assert pdf.returncode == 0, pdf.stderr
    assert "Styled by my theme" in pdf_text((tmp_path / "page.pdf").read_bytes())
    assert _page_size(tmp_path / "page.pdf") == (420, 595)  # a5, the written default


def test_init_refuses_to_overwrite_and_force_does(tmp_path: Path) -> None:
    assert _publish(tmp_path, "init", "project").returncode == 0
    toml = tmp_path / "project" / "publish.toml"
    toml.write_text('paper = "a4"\n', encoding="utf-8")
    again = _publish(tmp_path, "init", "project")
    assert (again.returncode, again.stderr) == (
        2,
        f"publish: {Path('project') / 'publish.toml'}: is already there: publish init overwrites nothing "
        "(--force does)\n",
    )
    assert toml.read_text(encoding="utf-8") == 'paper = "a4"\n'
    assert _publish(tmp_path, "init", "project", "--force").returncode == 0
    assert toml.read_text(encoding="utf-8").startswith("# publish.toml")


def test_help_reads_no_project_file(tmp_path: Path) -> None:
    (tmp_path / "publish.toml").write_text("not toml at all [", encoding="utf-8")
    assert _publish(tmp_path, "--help").returncode == 0
    assert _publish(tmp_path, "epub", "--help").returncode == 0
    inspect = _publish(tmp_path, "inspect", str(SEED))
    assert (inspect.returncode, inspect.stderr) == (0, "")


def test_help_imports_no_toml_reader() -> None:
    """Start-up cost: the project file's parser loads only for a command that makes books."""
    code = (
        "import sys\nfrom publish.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m in ('publish.project', 'tomllib', 'difflib')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _red_theme(folder: Path) -> None:
    """A user's theme: one template shared by both books (the colophon's and imprint's sentences,
    ``words.j2``, copied and changed) and rules added to each book's stylesheet."""
    from publish.resources import builtin_dir

    words = (builtin_dir("templates") / "words.j2").read_text(encoding="utf-8")
    changed = words.replace("{% macro heading(book) -%}", "{% macro heading(book) -%}\nA Red Pamphlet. ", 1)
    assert changed != words
    (folder / "red" / "templates").mkdir(parents=True)
    (folder / "red" / "styles").mkdir()
    (folder / "red" / "templates" / "words.j2").write_text(changed, encoding="utf-8")
    rule = 'h1.title::after { content: " (red series)"; color: #8b0000; }\n'
    (folder / "red" / "styles" / "epub.extra.css").write_text(rule, encoding="utf-8")
    (folder / "red" / "styles" / "pamphlet.extra.css").write_text(rule, encoding="utf-8")


def test_a_project_file_and_a_user_theme_show_in_both_books(tmp_path: Path) -> None:
    """Issue 14's must-show 2: publish.toml fixes an author and sets the paper and a theme of the
    user's (a template and a stylesheet over the built-in ones); the EPUB and the PDF show all of
    it, and the large-print theme, asked for on the command line, sets the body larger."""
    folder = _folder(tmp_path, FIXES + '\n[metadata."texts/two.txt"]\nauthor = "A. Fixed-Name"\n')
    toml = folder / "publish.toml"
    toml.write_text('theme = "red"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    _red_theme(folder)
    for command in ("epub", "pdf"):
        done = _publish(folder, command, "texts/two.txt")
        assert done.returncode == 0, done.stderr
    epub, pdf = folder / "books" / "two.epub", folder / "books" / "two.pdf"
    assert _creators(epub) == ["A. Fixed-Name"]
    pages = " ".join(xhtml_text(page) for _, page in spine_documents(epub.read_bytes()))
    assert "A Red Pamphlet." in pages and "A. Fixed-Name" in pages
    with zipfile.ZipFile(epub) as archive:
        assert '" (red series)"' in archive.read("EPUB/style.css").decode()
    assert epubcheck(epub) == []
    assert _page_size(pdf) == A4
    metadata = PdfReader(pdf).metadata
    assert metadata is not None and metadata.author == "A. Fixed-Name"
    text = " ".join(pdf_text(pdf.read_bytes()).split())
    assert "A Red Pamphlet." in text and "(red series)" in text and "A. FIXED-NAME" in text.upper()
    large = _publish(folder, "pdf", "texts/two.txt", "--theme", "large-print", "-o", "large.pdf")
    assert large.returncode == 0, large.stderr
    (size, face), (large_size, large_face) = body_type(pdf.read_bytes()), body_type((folder / "large.pdf").read_bytes())
    assert large_face == "Source-Sans-Pro" and face.startswith("Source-Serif-Pro")
    assert large_size >= 1.4 * size and large_size >= 16, (large_size, size)
    assert "A Red Pamphlet." not in pdf_text((folder / "large.pdf").read_bytes()), "the command line's theme won"


def test_a_switch_the_file_turns_on_the_command_line_turns_off(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "embed_font = true\n")
    on = _publish(folder, "epub", "texts/one.txt", "-o", "on.epub")
    off = _publish(folder, "epub", "texts/one.txt", "--no-embed-font", "-o", "off.epub")
    assert on.returncode == off.returncode == 0, on.stderr + off.stderr

    def fonts(book: Path) -> list[str]:
        return [name for name in zipfile.ZipFile(book).namelist() if name.endswith((".otf", ".ttf", ".woff", ".woff2"))]

    assert fonts(folder / "on.epub") and not fonts(folder / "off.epub")


def test_a_project_anthology_reads_only_from_the_project_folder(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(SEED.read_bytes())
    folder = tmp_path / "project"
    folder.mkdir()
    _folder(folder, f'[anthology.leak]\ntitle = "Leak"\nitems = ["texts/one.txt", "{outside}"]\n')
    refused = _publish(folder, "epub", "--anthology", "leak", "-o", "leak.epub")
    assert refused.returncode == 2 and not (folder / "leak.epub").exists()
    assert "leak: item 2: " in refused.stderr and "outside" in refused.stderr
    assert "--allow-outside" in refused.stderr and len(refused.stderr.splitlines()) == 1
    allowed = _publish(folder, "epub", "--anthology", "leak", "--allow-outside", "-o", "leak.epub")
    assert allowed.returncode == 0, allowed.stderr
