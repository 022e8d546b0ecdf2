"""The plan: a book per work and per standalone article, and a work told from an author's list."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from publish.batch.facts import PageFacts
from publish.batch.plan import NOT_A_FILE, Kind, needs_reading, plan
from publish.batch.pool import LocalPool, PoolSettings
from publish.batch.tasks import Result, SurveyTask
from publish.loading import load
from publish.workfiles import separate_writings
from tests.batch.conftest import WORK, copy_pages, run_batch

HARMAN = "archive/harman/index.htm"


def _survey(archive: Path) -> dict[str, PageFacts]:
    pages = sorted(path.relative_to(archive).as_posix() for path in archive.rglob("*.htm*"))
    found: dict[str, PageFacts] = {}

    def keep(result: Result) -> None:
        assert result.ok, result.value
        assert isinstance(result.task, SurveyTask)
        found[result.task.path] = result.value

    with LocalPool(PoolSettings(workers=2, timeout=60)) as pool:
        pool.run([SurveyTask(str(archive), page) for page in pages], keep)
    return found


def _author_list(tree: Path, dest: Path, count: int) -> list[str]:
    """Chris Harman's real index page, as an author's page of the archive that keeps the
    writings in its own folder: ``count`` of the articles it lists, moved beside it, and its
    links rewritten to them (the 178-chapter "book" of the issue). Returns their names."""
    index = (tree / HARMAN).read_text(encoding="utf-8", errors="replace")
    linked = [href for href in re.findall(r'href="(\d{4}/[^"#/]+/[^"#/]+\.html?)"', index) if "index" not in href]
    names: list[str] = []
    for href in dict.fromkeys(linked):
        if len(names) == count:
            break
        if (tree / "archive/harman" / href).is_file():
            name = href.replace("/", "-")
            copy_pages(tree / "archive/harman", dest / "archive/writer", [href])
            (dest / "archive/writer" / href).rename(dest / "archive/writer" / name)
            index = index.replace(f'href="{href}"', f'href="{name}"')
            names.append(name)
    (dest / "archive/writer/index.htm").write_text(index, encoding="utf-8")
    return names


def test_a_work_and_an_authors_list_of_writings_are_told_apart(tree: Path, tmp_path: Path) -> None:
    archive = copy_pages(tree, tmp_path / "mirror", [*WORK, HARMAN])
    names = _author_list(tree, archive, 30)
    the_plan = plan(_survey(archive), root_name="mirror")
    jobs = {job.id: job for job in the_plan.jobs}
    skipped = {item.path: item.reason for item in the_plan.skipped}
    work = jobs["archive/lafargue/1883/lazy/index.htm"]
    assert work.kind is Kind.WORK and len(work.inputs) == 7 and work.stem == "archive/lafargue/1883/lazy"
    assert skipped["archive/writer/index.htm"].startswith("Chris Harman's list of 30 separate writings, 19")
    assert skipped["archive/writer/index.htm"].endswith("not one work: each is a book of its own")
    for name in names:
        job = jobs[f"archive/writer/{name}"]
        assert job.kind is Kind.ARTICLE and job.inputs == (f"archive/writer/{name}",)
    assert skipped[HARMAN].startswith("an index page linking"), "the real page lists writings in other folders"
    assert len(the_plan.jobs) == 1 + len(names)


def test_publish_epub_on_an_authors_list_says_what_it_is(tree: Path, tmp_path: Path) -> None:
    _author_list(tree, tmp_path, 8)
    loaded = load(tmp_path / "archive/writer/index.htm")
    assert loaded.format == "work"
    (warning,) = [d for d in loaded.diagnostics if d.code == "N042"]
    assert "list of 8 separate writings" in warning.message and "publish batch" in warning.message


def _said(title: str, authors: tuple[str, ...] = (), dates: tuple[str, ...] = ()) -> PageFacts:
    return PageFacts(title=title, authors=authors, dates=dates)


def test_separate_writings_from_what_pages_say_of_themselves() -> None:
    book = _said("Zombie Capitalism", ("Chris Harman",), ("2009",))
    chapters = [_said("Zombie Capitalism", ("Chris Harman",)) for _ in range(40)]
    assert separate_writings(book, chapters) is None, "chapters carry the work's title"
    untitled_index = _said("Zombie Capitalism")
    assert separate_writings(untitled_index, chapters) is None
    articles = [_said(f"Article {n}", ("Chris Harman",), (f"{1960 + n}-05",)) for n in range(6)]
    assert separate_writings(book, articles) is None, "an index that names its author is a work's"
    listing = _said("Chris Harman")
    assert separate_writings(listing, articles) == "Chris Harman's list of 6 separate writings, 1960–1965"
    obituaries = [_said(f"Chris Harman {n}", (f"Writer {n}",), ("2009-11",)) for n in range(6)]
    assert separate_writings(listing, obituaries) is None, "a handful from one time by others: a collection"
    recent = [_said(f"Piece {n}", (f"Writer {n}",), ("2009-11",)) for n in range(30)]
    assert separate_writings(_said("Pieces"), recent) == "an author's list of 30 separate writings, 2009"
    same_year = [_said(f"Article {n}", ("Chris Harman",), ("1968",)) for n in range(4)]
    assert separate_writings(_said("Writings of Chris Harman"), same_year) is not None


def test_the_plan_is_a_pure_function_of_the_pages() -> None:
    pages = {
        "a/index.htm": PageFacts(title="A book", authors=("X",), links=("one.htm", "two.htm", "gone.htm")),
        "a/one.htm": PageFacts(title="A book"),
        "a/two.htm": PageFacts(title="A book"),
        "a/other.htm": PageFacts(title="Other"),
        "b/party.htm": PageFacts(title="Party"),
        "b/party.html": PageFacts(title="Party again"),
        "b/party.txt": PageFacts(title="Party"),
        "b/notes.txt": PageFacts(title="Notes"),
        "b/fifo.htm": PageFacts(problem=NOT_A_FILE),
        "b/404.htm": PageFacts(empty="this is the archive's 'file not found' page, not a text"),
        "c/index.htm": PageFacts(title="C", listing=40),
    }
    first = plan(pages, root_name="root")
    shuffled = list(pages.items())
    random.Random(4).shuffle(shuffled)
    assert plan(dict(shuffled), root_name="root") == first
    jobs = {job.id: job for job in first.jobs}
    assert jobs["a/index.htm"].inputs == ("a/index.htm", "a/one.htm", "a/two.htm")
    assert jobs["a/index.htm"].stem == "a" and "a/one.htm" not in jobs and "a/other.htm" in jobs
    assert (jobs["b/party.htm"].stem, jobs["b/party.html"].stem) == ("b/party", "b/party.html"), "no shared file"
    assert jobs["b/fifo.htm"].problem == NOT_A_FILE
    assert jobs["b/notes.txt"].kind is Kind.ARTICLE
    skipped = {item.path: item.reason for item in first.skipped}
    assert skipped == {
        "b/party.txt": "a plain-text copy of b/party.htm",
        "b/404.htm": "this is the archive's 'file not found' page, not a text",
        "c/index.htm": "an index page linking 40 documents (an author's or a section's list), not a text",
    }


@pytest.mark.parametrize(
    ("index", "stem"),
    [
        ("archive/harman/1999/history/index.htm", "archive/harman/1999/history"),
        ("archive/harman/1971/xx/eec-index.html", "archive/harman/1971/xx/eec"),
        ("archive__lafargue__1883__lazy__index.htm", "archive__lafargue__1883__lazy"),
        ("index.htm", "root"),
    ],
)
def test_a_work_is_named_for_its_folder_or_its_index(index: str, stem: str) -> None:
    folder = index.rsplit("/", 1)[0] + "/" if "/" in index else ""
    prefix = index.removesuffix("index.htm") if "__" in index else ""
    chapters = [f"{folder}{prefix}ch{n}.htm" for n in (1, 2)]
    pages = {index: PageFacts(title="W", authors=("A",), links=("ch1.htm", "ch2.htm"))}
    pages |= {chapter: PageFacts(title="W") for chapter in chapters}
    (job,) = plan(pages, root_name="root").jobs
    assert job.stem == stem and job.inputs == (index, *chapters)


def test_the_text_option_takes_plain_text_copies(small: Path, tmp_path: Path) -> None:
    (small / "archive/harman/2002/06/party.txt").write_text("a copy", encoding="utf-8")
    seed = Path(__file__).resolve().parents[2] / "sources" / "harman-a-different-kind-of-party.txt"
    (small / "texts").mkdir()
    (small / "texts/seed.txt").write_bytes(seed.read_bytes())
    done = run_batch(small, tmp_path / "out", "--text", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "skip archive/harman/2002/06/party.txt: a plain-text copy of archive/harman/2002/06/party.htm" in done.stdout
    assert "book texts/seed (article, would make)" in done.stdout
    plain = run_batch(small, tmp_path / "out", "--dry-run")
    assert "texts/seed" not in plain.stdout, "without --text, .txt files are not pages"


def test_pages_no_work_can_claim_need_not_be_read_before_planning() -> None:
    paths = ["a/index.htm", "a/one.htm", "b/party.htm", "b/notes.htm", "c/eec-index.html", "c/eec-pt1.htm"]
    assert needs_reading(paths) == {"a/index.htm", "a/one.htm", "c/eec-index.html", "c/eec-pt1.htm"}
    pages: dict[str, PageFacts | None] = {"b/party.htm": None, "b/404.htm": None, "b/copy.txt": None}
    pages["b/copy.htm"] = PageFacts(title="Copy")
    the_plan = plan(pages, root_name="root")
    jobs = {job.id: job for job in the_plan.jobs}
    assert jobs["b/party.htm"].pending and jobs["b/404.htm"].pending and not jobs["b/copy.htm"].pending
    assert [(item.path, item.reason) for item in the_plan.skipped] == [
        ("b/copy.txt", "a plain-text copy of b/copy.htm")
    ]
    with pytest.raises(ValueError, match="must be read before planning"):
        plan({"a/index.htm": PageFacts(title="A", links=("one.htm", "two.htm")), "a/one.htm": None,
              "a/two.htm": None}, root_name="root")  # fmt: skip
