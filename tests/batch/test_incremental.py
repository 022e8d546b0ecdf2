"""A batch run as a user runs it: the books, the report, and only what changed made again."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.batch.conftest import books, report, run_batch, statuses
from tests.conftest import ROOT
from tests.support import epubcheck_many

LAZY = "archive/lafargue/1883/lazy/index.htm"


@pytest.fixture
def first(small: Path, tmp_path: Path) -> Path:
    out = tmp_path / "library"
    done = run_batch(small, out, "-j", "2")
    assert done.returncode == 0, done.stderr
    return out


def test_books_mirror_the_archive_and_pass_epubcheck(first: Path) -> None:
    made = sorted(books(first))
    assert made == [
        "archive/harman/1984/03/squad.epub",
        "archive/harman/1997/05/brecht.epub",
        "archive/harman/2002/06/party.epub",
        "archive/harman/2002/06/spain.epub",
        "archive/lafargue/1883/lazy.epub",
        "espanol/grant/biografia.epub",
    ]
    assert all((first / name.replace(".epub", ".thumb.png")).is_file() for name in made)
    checked = epubcheck_many([first / name for name in made])
    assert not {str(path): lines for path, lines in checked.items() if lines}


def test_the_report_names_every_job_and_every_skipped_page_with_its_reason(first: Path) -> None:
    data = report(first)
    jobs = {job["book"]: job for job in data["jobs"]}
    work = jobs[LAZY]
    assert work["kind"] == "work" and work["status"] == "done" and work["title"] == "The Right To Be Lazy"
    assert work["inputs"][0] == LAZY and len(work["inputs"]) == 7
    assert work["outputs"] == ["archive/lafargue/1883/lazy.cover.png", "archive/lafargue/1883/lazy.thumb.png",
                               "archive/lafargue/1883/lazy.epub"]  # fmt: skip
    assert all(set(d) == {"code", "severity", "message", "where"} for job in jobs.values() for d in job["diagnostics"])
    assert jobs["ellinika/404.htm"]["status"] == "skipped"
    assert "file not found" in jobs["ellinika/404.htm"]["reason"]
    assert jobs["shqip/lenin/index.htm"]["reason"].startswith("an index page")
    assert not any(path.startswith("archive/lafargue/1883/lazy/ch") for path in jobs), "chapters are in the work"
    summary = data["summary"]
    assert (summary["books"], summary["works"], summary["done"], summary["failed"]) == (6, 1, 6, 0)
    assert summary["pages_skipped"] == 2 and summary["seconds"] > 0


def test_a_second_run_with_nothing_changed_makes_nothing(small: Path, first: Path) -> None:
    before = books(first)
    again = run_batch(small, first, "-j", "2")
    assert again.returncode == 0, again.stderr
    assert books(first) == before, "no book was written again"
    assert set(statuses(first).values()) == {"skipped"}
    assert report(first)["summary"]["unchanged"] == 6
    assert "0 made, 6 unchanged" in again.stderr


def test_a_changed_chapter_makes_only_its_work_again(small: Path, first: Path) -> None:
    before = books(first)
    chapter = small / "archive/lafargue/1883/lazy/ch02.htm"
    chapter.write_bytes(chapter.read_bytes().replace(b"</body>", b"<p>A sentence added by an editor.</p></body>"))
    again = run_batch(small, first, "-j", "2")
    assert again.returncode == 0, again.stderr
    after = books(first)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"archive/lafargue/1883/lazy.epub"}
    assert statuses(first)[LAZY] == "done"
    with zipfile.ZipFile(first / "archive/lafargue/1883/lazy.epub") as epub:
        assert any(b"A sentence added by an editor." in epub.read(name) for name in epub.namelist())


def test_a_touched_page_whose_bytes_are_the_same_is_not_made_again(small: Path, first: Path) -> None:
    before = books(first)
    (small / "archive/harman/2002/06/party.htm").touch()
    again = run_batch(small, first)
    assert again.returncode == 0 and books(first) == before


def test_a_deleted_page_takes_its_books_files_with_it(small: Path, first: Path) -> None:
    (small / "archive/harman/2002/06/spain.htm").unlink()
    again = run_batch(small, first)
    assert again.returncode == 0, again.stderr
    assert not list((first / "archive/harman/2002/06").glob("spain.*"))
    assert "archive/harman/2002/06/spain.htm" not in statuses(first)
    assert report(first)["summary"]["removed"] == 1


def test_a_deleted_index_turns_its_work_back_into_pages(small: Path, first: Path) -> None:
    (small / LAZY).unlink()
    again = run_batch(small, first)
    assert again.returncode == 0, again.stderr
    made = books(first)
    assert "archive/lafargue/1883/lazy.epub" not in made
    assert "archive/lafargue/1883/lazy/ch01.epub" in made
    assert not (first / "archive/lafargue/1883/lazy.thumb.png").exists()


def test_a_missing_chapter_is_said_and_the_work_made_without_it(small: Path, first: Path) -> None:
    (small / "archive/lafargue/1883/lazy/ch03.htm").unlink()
    again = run_batch(small, first)
    assert again.returncode == 0, again.stderr
    job = next(job for job in report(first)["jobs"] if job["book"] == LAZY)
    assert job["status"] == "done"
    assert any(d["code"] == "N040" and "ch03.htm" in d["message"] for d in job["diagnostics"])


def test_force_and_new_options_make_books_again(small: Path, first: Path) -> None:
    before = books(first)
    forced = run_batch(small, first, "--force")
    assert forced.returncode == 0 and set(statuses(first).values()) == {"done", "skipped"}
    assert all(books(first)[name] != before[name] for name in before)
    pdfs = run_batch(small, first, "--formats", "pdf", "--paper", "a6")
    assert pdfs.returncode == 0, pdfs.stderr
    assert len(books(first, ".pdf")) == 6
    unchanged = books(first)
    again = run_batch(small, first, "--formats", "epub,pdf", "--paper", "a6")
    assert again.returncode == 0 and set(statuses(first).values()) == {"skipped"}, "EPUB and A6 PDF both current"
    assert books(first) == unchanged


def test_the_batch_makes_the_same_bytes_as_publish_epub(small: Path, first: Path, tmp_path: Path) -> None:
    page = small / "archive/harman/2002/06/party.htm"
    single = tmp_path / "party.epub"
    command = [sys.executable, "-m", "publish", "epub", str(page), "-o", str(single)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False,
                          env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert single.read_bytes() == (first / "archive/harman/2002/06/party.epub").read_bytes()


def test_the_manifest_is_a_real_database_that_another_run_cannot_share(small: Path, first: Path) -> None:
    manifest = first / ".publish" / "manifest.sqlite"
    with contextlib.closing(sqlite3.connect(manifest)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM books").fetchone() == (6,)
    holder = sqlite3.connect(manifest)
    holder.execute("BEGIN IMMEDIATE")  # as a running batch holds it
    try:
        refused = run_batch(small, first)
    finally:
        holder.close()
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith("another publish batch is writing here")
    assert "Traceback" not in refused.stderr


def test_dry_run_prints_the_plan_and_makes_nothing(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "nowhere"
    done = run_batch(small, out, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert not out.exists()
    lines = done.stdout.splitlines()
    assert "book archive/lafargue/1883/lazy (work, would make)" in lines
    assert f"  {LAZY}" in lines and "  archive/lafargue/1883/lazy/ch04.htm" in lines
    assert any(line.startswith("skip ellinika/404.htm: ") for line in lines)
    assert lines[-1].startswith("plan: 6 books (1 work, 5 articles), 6 to make; 2 pages skipped")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--formats", "mobi"], "--formats mobi: choose from epub, pdf"),
        (["-j", "0"], "-j 0: must be at least 1"),
        (["--timeout", "0"], "--timeout 0: must be more than 0 seconds"),
        (["--signature", "8"], "--signature: only applies with --impose booklet"),
        (["--paper", "b9"], "--paper b9: "),
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler: only applies with --executor dask"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(small: Path, tmp_path: Path, arguments: list[str], message: str) -> None:
    done = run_batch(small, tmp_path / "out", *arguments)
    assert done.returncode == 2
    assert done.stderr.startswith(f"publish: {message}") and done.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_bad_folders_are_refused(small: Path, tmp_path: Path) -> None:
    missing = run_batch(tmp_path / "no-such-folder", tmp_path / "out")
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    same = run_batch(small, small)
    assert same.returncode == 2 and "is the archive folder itself" in same.stderr
    inside = run_batch(small, small / "library")
    assert inside.returncode == 0, "an output folder inside the archive is not read as pages"
    assert (small / "library" / "archive/harman/2002/06/party.epub").is_file()
    again = run_batch(small, small / "library")
    assert again.returncode == 0 and "0 made, 6 unchanged" in again.stderr


def test_a_users_book_template_remakes_books_and_a_catalogue_template_does_not(
    small: Path, first: Path, tmp_path: Path
) -> None:
    look = tmp_path / "look"
    (look / "catalogue").mkdir(parents=True)
    builtin = ROOT / "templates"
    (look / "catalogue/index.html.j2").write_text(
        (builtin / "catalogue/index.html.j2").read_text(encoding="utf-8") + "{# the user's #}\n", encoding="utf-8"
    )
    with_catalogue = run_batch(small, first, "--templates", str(look))
    assert with_catalogue.returncode == 0, with_catalogue.stderr
    assert set(statuses(first).values()) == {"skipped"}, "the catalogue's look is not in the books"
    (look / "epub").mkdir()
    colophon = (builtin / "epub/colophon.xhtml.j2").read_text(encoding="utf-8")
    (look / "epub/colophon.xhtml.j2").write_text(colophon.replace("</section>", "<p>Printed by us.</p></section>"))
    with_colophon = run_batch(small, first, "--templates", str(look))
    assert with_colophon.returncode == 0, with_colophon.stderr
    assert report(first)["summary"]["done"] == 6
    with zipfile.ZipFile(first / "archive/harman/2002/06/party.epub") as epub:
        assert b"Printed by us." in epub.read("EPUB/colophon.xhtml")


def test_a_page_that_becomes_an_error_page_takes_its_books_files_with_it(small: Path, first: Path) -> None:
    (small / "archive/harman/2002/06/party.htm").write_bytes((small / "ellinika/404.htm").read_bytes())
    again = run_batch(small, first)
    assert again.returncode == 0, again.stderr
    assert not list((first / "archive/harman/2002/06").glob("party.*"))
    job = next(job for job in report(first)["jobs"] if job["book"] == "archive/harman/2002/06/party.htm")
    assert job["status"] == "skipped" and job["kind"] == "page" and "file not found" in job["reason"]
    assert report(first)["summary"]["books"] == 5
