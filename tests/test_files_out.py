"""Where books are written: never in place of a device, pipe, folder or the page they are made
from; names that are not hidden and fit 255 bytes; temporaries a later run clears; the user's
umask; one line for every output mistake; a closed pipe ends quietly with 141.

Special files (FIFOs, links) are made in ``tmp_path`` only; ``/dev/null`` is opened for writing,
and the test checks it is still the system's character device afterwards."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish import cli
from publish.batch.plan import Job, Kind, _unique_stems
from publish.book_names import NAME_BYTES, file_name, fitted_stem, size
from publish.errors import PublishError
from publish.files import write_atomic
from publish.output_target import Target, output_target, replaceable, write_through
from publish.output_temporaries import STALE_SECONDS, host, owner, sweep, temporary_name
from tests.conftest import ROOT, SEED


def _publish(*args: str, cwd: Path | None = None, **options: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "publish", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300, check=False, **options)  # type: ignore[call-overload, no-any-return]


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    return lines[0]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    copy = tmp_path / "party.txt"
    shutil.copy(SEED, copy)
    return copy


def _dead_pid() -> int:
    """A process id that was this host's a moment ago and is no longer running."""
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(finished.stdout)


# 1. Special files are never replaced


def test_a_fifo_is_refused_not_replaced_and_nothing_hangs(tmp_path: Path, page: Path) -> None:
    fifo = tmp_path / "book.epub"
    os.mkfifo(fifo)
    line = _one_line(_publish("epub", str(page), "-o", str(fifo)))
    assert line == f"publish: {fifo}: is a FIFO (named pipe); give a file to write the book to"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(PublishError, match="is a FIFO"):
        write_atomic(fifo, b"book")  # the library's own writes refuse it too (batch, init)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_is_written_through_never_replaced(page: Path) -> None:
    done = _publish("epub", str(page), "-o", "/dev/null")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "publish: wrote /dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode), "/dev/null is still the system's null device"
    target = output_target(Path("/dev/null"))
    assert target.through and not target.stdout
    write_through(target, b"x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(PublishError, match="is a character device"):
        replaceable(Path("/dev/null"))  # write_atomic never renames over a device


def test_dev_stdout_writes_the_book_to_the_pipe(page: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "publish", "epub", str(page), "-o", "/dev/stdout"], capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    book = tmp_path / "piped.epub"
    book.write_bytes(done.stdout)
    with zipfile.ZipFile(book) as epub:
        assert epub.read("mimetype") == b"application/epub+zip"


def test_a_link_to_a_regular_file_replaces_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "shelf" / "real.epub"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "book.epub"
    link.symlink_to(real)
    assert output_target(link) == Target(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.epub"], "no temporary left beside it"


@pytest.mark.parametrize("kind", ["nothing", "fifo", "folder"])
def test_a_link_to_nothing_or_to_a_special_file_is_refused(tmp_path: Path, kind: str) -> None:
    pointed = tmp_path / "pointed"
    if kind == "fifo":
        os.mkfifo(pointed)
    elif kind == "folder":
        pointed.mkdir()
    link = tmp_path / "book.epub"
    link.symlink_to(pointed)
    cause = {"nothing": "a symbolic link to nothing", "fifo": "is a FIFO", "folder": "is a folder"}[kind]
    for check in (output_target, replaceable):
        with pytest.raises(PublishError, match=cause):
            check(link)
    assert link.is_symlink()


def test_a_folder_is_refused_by_the_writer(tmp_path: Path) -> None:
    folder = tmp_path / "book.epub"
    folder.mkdir()
    with pytest.raises(PublishError, match="is a folder"):
        write_atomic(folder, b"book")
    assert folder.is_dir()


# 2. The page the book is made from


def test_the_input_itself_is_refused_by_any_name(tmp_path: Path, page: Path) -> None:
    original = page.read_bytes()
    line = _one_line(_publish("epub", str(page), "-o", str(page)))
    assert line == f"publish: {page}: is the page the book is made from; give another file to write the book to"
    (tmp_path / "link.epub").symlink_to(page)
    os.link(page, tmp_path / "hard.epub")
    (tmp_path / "sub").mkdir()
    for other in ("link.epub", "hard.epub", "sub/../party.txt"):
        with pytest.raises(PublishError, match="is the page the book is made from"):
            output_target(tmp_path / other, inputs=[page])
    assert page.read_bytes() == original


def test_a_page_of_a_work_is_refused_too(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "lazy"
    shutil.copytree(corpus / "mia-tree" / "archive" / "lafargue" / "1883" / "lazy", work)
    chapter = work / "ch02.htm"
    before = chapter.read_bytes()
    line = _one_line(_publish("epub", str(work), "-o", str(chapter)))
    assert "is the page the book is made from" in line
    assert chapter.read_bytes() == before


# 3. Names from the work, never hidden


def test_derived_names_are_never_hidden() -> None:
    assert file_name(".", ".epub") == "book.epub"
    assert file_name("", ".epub") == "book.epub"
    assert file_name("..", ".pdf") == "book.pdf"
    assert file_name(".hidden", ".epub") == "hidden.epub"
    assert file_name("lazy", ".epub") == "lazy.epub"


def test_a_folder_named_dot_or_dotdot_is_named_for_itself(corpus: Path, tmp_path: Path) -> None:
    work = tmp_path / "lazy"
    shutil.copytree(corpus / "mia-tree" / "archive" / "lafargue" / "1883" / "lazy", work)
    (work / "inner").mkdir()
    assert _publish("epub", ".", "-q", cwd=work).returncode == 0
    assert _publish("epub", "..", "-q", cwd=work / "inner").returncode == 0
    assert (work / "lazy.epub").is_file() and (work / "inner" / "lazy.epub").is_file()
    assert not [p for p in work.rglob(".*")], "no hidden .epub"


def test_a_dotfile_page_makes_a_visible_book(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / ".party.txt")
    done = _publish("epub", ".party.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "party.epub").is_file()


# 4. Temporaries a killed run left


def test_temporaries_are_named_for_their_process_and_fit() -> None:
    name = temporary_name("party.epub")
    assert name.startswith(".party.epub.publish-") and name.endswith(".part")
    assert owner(name) == (host(), os.getpid())
    long = temporary_name("é" * 200 + ".epub")
    assert size(long) <= NAME_BYTES and owner(long) == (host(), os.getpid())
    assert owner(".party.epub.3c07a306.part") is None and owner("party.epub") is None


def test_a_dead_runs_temporary_is_swept_by_the_next_write(tmp_path: Path) -> None:
    dead = tmp_path / f".party.epub.publish-{host()}-{_dead_pid()}-0badc0de.part"
    live = tmp_path / f".other.epub.publish-{host()}-{os.getpid()}-00c0ffee.part"
    elsewhere = tmp_path / ".x.epub.publish-another-machine-4242-12345678.part"
    old = tmp_path / ".y.epub.publish-another-machine-4243-12345678.part"
    unrelated = tmp_path / ".notes.part"
    for path in (dead, live, elsewhere, old, unrelated):
        path.write_bytes(b"partial book")
    long_ago = time.time() - STALE_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    write_atomic(tmp_path / "party.epub", b"book")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([live.name, elsewhere.name, unrelated.name, "party.epub"])


def test_a_killed_cli_runs_temporary_goes_on_the_next_run(tmp_path: Path, page: Path) -> None:
    leftover = tmp_path / f".party.epub.publish-{host()}-{_dead_pid()}-0badc0de.part"
    leftover.write_bytes(b"x" * 70_000)
    assert _publish("epub", str(page), "-q", cwd=tmp_path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["party.epub", "party.txt"]


def test_the_template_caches_dead_temporaries_go_when_it_writes(tmp_path: Path) -> None:
    from jinja2 import DictLoader, Environment

    from publish.render.template_cache import SourceKeyedCache

    cache = tmp_path / "cache"
    cache.mkdir()
    leftover = cache / f".0123abcd.jinja.publish-{host()}-{_dead_pid()}-0badc0de.part"
    leftover.write_bytes(b"half a compiled template")
    env = Environment(loader=DictLoader({"page.html": "Hello {{ name }}"}), bytecode_cache=SourceKeyedCache(cache))
    assert env.get_template("page.html").render(name="Engels") == "Hello Engels"
    assert [p.suffix for p in cache.iterdir()] == [".jinja"]


def test_sweep_of_an_unreadable_folder_is_no_error(tmp_path: Path) -> None:
    assert sweep(tmp_path / "missing") == 0


# 5. The umask


def test_a_batchs_files_respect_the_umask(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SEED, archive / "party.txt")
    done = _publish("batch", str(archive), str(tmp_path / "out"), "-q", umask=0o027)
    assert done.returncode == 0, done.stderr
    report = tmp_path / "out" / "report.json"
    assert stat.S_IMODE(report.stat().st_mode) == 0o640


def test_write_atomic_makes_files_with_the_umask_in_a_subprocess(tmp_path: Path) -> None:
    script = (
        "import os, sys; from pathlib import Path; from publish.files import write_atomic; "
        "os.umask(0o027); write_atomic(Path(sys.argv[1]), b'book')"
    )
    target = tmp_path / "book.epub"
    subprocess.run([sys.executable, "-c", script, str(target)], check=True, cwd=ROOT, timeout=60)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_replaced_file_keeps_its_mode_and_a_new_one_gets_the_umasks(tmp_path: Path, page: Path) -> None:
    private = tmp_path / "private.epub"
    private.write_bytes(b"old")
    private.chmod(0o600)
    shared = tmp_path / "shared.epub"
    shared.write_bytes(b"old")
    shared.chmod(0o4664)  # a set-id bit is never carried over
    for target in (private, shared):
        done = _publish("epub", str(page), "-o", str(target), umask=0o022)
        assert done.returncode == 0, done.stderr
        assert target.read_bytes().startswith(b"PK")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    fresh = tmp_path / "fresh.epub"
    assert _publish("epub", str(page), "-o", str(fresh), umask=0o022).returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_a_batch_report_replaced_keeps_its_mode(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SEED, archive / "party.txt")
    report = tmp_path / "out" / "report.json"
    assert _publish("batch", str(archive), str(tmp_path / "out"), "-q").returncode == 0
    report.chmod(0o600)
    assert _publish("batch", str(archive), str(tmp_path / "out"), "-q", "--force").returncode == 0
    assert stat.S_IMODE(report.stat().st_mode) == 0o600


# 6. Long names, a parent that is a file, any OSError


def test_an_explicit_name_too_long_is_one_line(tmp_path: Path, page: Path) -> None:
    too_long = tmp_path / ("x" * 300 + ".epub")
    line = _one_line(_publish("epub", str(page), "-o", str(too_long)))
    assert line == f"publish: {too_long}: the file name is too long (305 bytes; at most 255)"


def test_a_parent_that_is_a_file_is_one_line(tmp_path: Path, page: Path) -> None:
    line = _one_line(_publish("epub", str(page), "-o", str(page / "sub" / "x.epub")))
    assert line == f"publish: {page / 'sub' / 'x.epub'}: cannot be written: {page} is a file, not a folder"


def test_long_derived_names_are_cut_on_a_character_and_stay_apart() -> None:
    first = file_name("é" * 200 + "a", ".epub")
    second = file_name("é" * 200 + "b", ".epub")
    for name in (first, second):
        assert size(name) <= NAME_BYTES and name.endswith(".epub")
        name.encode("utf-8")  # whole characters only
    assert first != second


def test_a_long_anthology_title_makes_a_file_that_fits(tmp_path: Path, page: Path) -> None:
    done = _publish("epub", str(page), str(SEED), "--title", "Ж" * 200, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (book,) = tmp_path.glob("*.epub")
    assert size(book.name) <= NAME_BYTES and book.name.startswith("жжж")


def test_batch_stems_fit_with_their_longest_suffix() -> None:
    stem = fitted_stem("archive/x/" + "y" * 300, ".cover.png")
    folder, name = stem.rsplit("/", 1)
    assert folder == "archive/x" and size(name + ".cover.png") <= NAME_BYTES
    assert fitted_stem("archive/x/party", ".cover.png") == "archive/x/party"
    long_page = "archive/" + "z" * 250 + ".htm"
    (job,) = _unique_stems([Job(id=long_page, kind=Kind.ARTICLE, inputs=(long_page,), stem=long_page[:-4])])
    assert size(job.stem.rsplit("/", 1)[1] + ".thumb.png") <= NAME_BYTES


def test_any_os_error_at_the_cli_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def failing(_args: object) -> int:
        raise PermissionError(13, "Permission denied", str(tmp_path / "locked"))

    monkeypatch.setattr(cli, "_run_inspect", failing)
    assert cli.main(["inspect", str(SEED)]) == 2
    assert capsys.readouterr().err == f"publish: {tmp_path / 'locked'}: Permission denied\n"


# 7. A closed pipe


@pytest.mark.parametrize("command", [["audit"], ["inspect"], ["inspect", "--diagnostics"]])
def test_a_closed_pipe_ends_quietly_with_141(command: list[str], tmp_path: Path) -> None:
    html = tmp_path / "page.htm"  # an HTML page: --diagnostics names its family on stdout
    html.write_text("<html><head><title>T</title></head><body><h1>T</h1><p>Words here.</p></body></html>")
    process = subprocess.Popen(
        [sys.executable, "-m", "publish", *command, str(html)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line
    assert process.wait(timeout=300) == 141
    assert process.stderr.read() == b""
    process.stderr.close()


def test_a_pipe_closed_in_the_middle_of_a_large_model_is_141_not_a_silent_success(tmp_path: Path) -> None:
    """Python's buffered writer took the pipe's partial write for the whole and exited 0
    with most of the model lost; the reader here takes 10 bytes of a model over 64 KB."""
    html = tmp_path / "page.htm"
    words = " ".join(f"word{number}" for number in range(40_000))
    html.write_text(f"<html><head><title>T</title></head><body><h1>T</h1><p>{words}</p></body></html>")
    process = subprocess.Popen(
        [sys.executable, "-m", "publish", "inspect", str(html)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()
    assert process.wait(timeout=300) == 141
    assert process.stderr.read() == b""
    process.stderr.close()
    whole = subprocess.run(
        [sys.executable, "-m", "publish", "inspect", str(html)], capture_output=True, check=True, timeout=300
    )
    assert len(whole.stdout) > 300_000 and whole.stdout.rstrip().endswith(b"}")


@pytest.fixture(scope="module")
def warm_runtime() -> Iterator[dict[str, str]]:
    """A private runtime folder for this module's own warm worker (stopped afterwards)."""
    runtime = Path(tempfile.mkdtemp(prefix="pwo-", dir="/tmp"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_RUNTIME_DIR": str(runtime), "PUBLISH_WARM": "1"}
    yield env
    subprocess.run([sys.executable, "-m", "publish", "warm", "stop"], env=env, capture_output=True, timeout=60)
    shutil.rmtree(runtime, ignore_errors=True)


def test_a_closed_pipe_through_the_warm_worker_is_141_too(warm_runtime: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "publish", "audit", str(SEED)], env=warm_runtime, capture_output=True)
    deadline = time.monotonic() + 120
    sockets = Path(warm_runtime["XDG_RUNTIME_DIR"]) / "publish"
    while not list(sockets.glob("warm-*.sock")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(sockets.glob("warm-*.sock")), "a worker started"
    probe = (
        "import sys\nfrom publish.program import main\ncode = main()\n"
        "sys.stderr.write(f'{code} {\"lxml\" in sys.modules}')\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", probe, "audit", str(SEED)],
        env=warm_runtime,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    assert process.wait(timeout=300) == 0
    assert process.stderr.read() == b"141 False", "the worker's child ran it, and its exit code came back"
    process.stderr.close()
