"""Bad pages and killed runs: everything else is made, every failure has its one-line cause,
and a run killed at any moment leaves nothing half-written and resumes."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.batch.conftest import books, report, run_batch, statuses
from tests.conftest import ROOT

HOOKS = {"PUBLISH_TEST_HOOKS": "1"}


def _bad_pages(archive: Path) -> dict[str, str]:
    """Pages no book can be made of, each beside the good ones; returns page -> expected cause."""
    folder = archive / "archive/broken"
    folder.mkdir(parents=True)
    party = (archive / "archive/harman/2002/06/party.htm").read_bytes()
    (folder / "empty.htm").write_bytes(b"")
    (folder / "binary.htm").write_bytes(bytes(range(256)) * 40)
    (folder / "truncated.htm").write_bytes(party[: len(party) // 3])
    os.mkfifo(folder / "fifo.htm")
    (folder / "dies.htm").write_bytes(party.replace(b"<body", b"<!-- publish-test-hook: die --><body", 1))
    (folder / "segfaults.htm").write_bytes(party.replace(b"<body", b"<!-- publish-test-hook: crash --><body", 1))
    (folder / "hangs.htm").write_bytes(party.replace(b"<body", b"<!-- publish-test-hook: hang --><body", 1))
    return {
        "archive/broken/empty.htm": "the file is empty",
        "archive/broken/binary.htm": "this is a binary file, not a text or HTML page",
        "archive/broken/fifo.htm": "is not a regular file",
        "archive/broken/dies.htm": "the worker was killed (SIGKILL: out of memory, or killed from outside)",
        "archive/broken/segfaults.htm": "the worker crashed (SIGSEGV, a fault in a C library)",
        "archive/broken/hangs.htm": "timed out after 4 s",
    }


def test_bad_pages_fail_alone_with_their_causes(small: Path, tmp_path: Path) -> None:
    expected = _bad_pages(small)
    out = tmp_path / "library"
    started = time.monotonic()
    done = run_batch(small, out, "-j", "2", "--timeout", "4", env=HOOKS)
    assert time.monotonic() - started < 120
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    jobs = {job["book"]: job for job in report(out)["jobs"]}
    for page, cause in expected.items():
        assert jobs[page]["status"] == "failed" and jobs[page]["cause"] == cause, page
        assert f"  failed: {page}: {cause}" in done.stderr.splitlines()
    assert jobs["archive/broken/truncated.htm"]["status"] == "done", "a truncated page is still a text"
    good = [name for name, job in jobs.items() if job["status"] == "done"]
    assert len(good) == 7 and "archive/lafargue/1883/lazy/index.htm" in good
    assert not list((out / "archive/broken").glob("[!t]*")), "no file for a failed book"
    assert not list((out / ".publish/tmp").iterdir())


def test_a_failed_book_is_tried_again_and_its_fix_is_made(small: Path, tmp_path: Path) -> None:
    page = small / "archive/harman/2002/06/party.htm"
    text = page.read_bytes()
    page.write_bytes(b"")
    out = tmp_path / "library"
    assert run_batch(small, out).returncode == 1
    page.write_bytes(text)
    again = run_batch(small, out)
    assert again.returncode == 0, again.stderr
    assert statuses(out)["archive/harman/2002/06/party.htm"] == "done"


def test_a_work_with_a_bad_chapter_fails_naming_the_chapter(small: Path, tmp_path: Path) -> None:
    (small / "archive/lafargue/1883/lazy/ch02.htm").write_bytes(b"\x00\x01" * 3000)
    out = tmp_path / "library"
    done = run_batch(small, out)
    assert done.returncode == 1
    job = next(job for job in report(out)["jobs"] if job["book"] == "archive/lafargue/1883/lazy/index.htm")
    assert job["cause"] == "archive/lafargue/1883/lazy/ch02.htm: this is a binary file, not a text or HTML page"


def test_a_run_killed_mid_way_leaves_no_partial_file_and_resumes(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "library"
    slow = {"PUBLISH_TEST_HOOKS": "sleep=0.4", "SOURCE_DATE_EPOCH": "1700000000"}  # as run_batch sets it
    command = [sys.executable, "-m", "publish", "batch", str(small), str(out), "-j", "2"]
    batch = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **slow}, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(books(out)) < 3 and time.monotonic() < deadline and batch.poll() is None:
        time.sleep(0.05)
    batch.send_signal(signal.SIGKILL)
    batch.wait()
    made_when_killed = books(out)
    assert 3 <= len(made_when_killed) < 6, "killed mid-run"
    time.sleep(1.5)  # a worker still running would write its book now
    assert books(out) == made_when_killed, "no worker outlived the coordinator"
    for name in made_when_killed:
        with zipfile.ZipFile(out / name) as epub:
            assert epub.testzip() is None
    leftovers = [p for p in out.rglob("*") if p.is_file() and ".publish" not in p.relative_to(out).parts]
    assert not [p for p in leftovers if p.name.endswith(".part")]
    with contextlib.closing(sqlite3.connect(out / ".publish" / "manifest.sqlite")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (recorded,) = db.execute("SELECT count(*) FROM books").fetchone()
    resumed = run_batch(small, out, "-j", "2")
    assert resumed.returncode == 0, resumed.stderr
    final = report(out)
    assert final["summary"]["books"] == 6 and final["summary"]["failed"] == 0
    assert {job["status"] for job in final["jobs"] if job["kind"] != "page"} <= {"done", "skipped"}
    assert final["summary"]["unchanged"] == recorded, "what was recorded before the kill is not made again"
    assert len(books(out)) == 6
    assert not list((out / ".publish/tmp").iterdir()), "the killed run's temporary files are gone"


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_term_end_the_run_cleanly(small: Path, tmp_path: Path, signal_number: int) -> None:
    out = tmp_path / "library"
    command = [sys.executable, "-m", "publish", "batch", str(small), str(out), "-j", "2"]
    env = {**os.environ, "PUBLISH_TEST_HOOKS": "sleep=0.5"}
    # As from a terminal: a shell running the suite in the background (CI's `cmd &`) leaves
    # SIGINT ignored, and a process that inherits that rightly goes on ignoring Ctrl-C.
    batch = subprocess.Popen(
        command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=_interactive_signals
    )
    deadline = time.monotonic() + 60
    while not books(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    batch.send_signal(signal_number)
    _, stderr = batch.communicate(timeout=60)
    expected = (130,) if signal_number == signal.SIGINT else (130, 143)
    assert batch.returncode in expected, (batch.returncode, stderr[-2000:])
    assert "Traceback" not in stderr and stderr.rstrip().endswith("publish: interrupted")
    resumed = run_batch(small, out)
    assert resumed.returncode == 0, resumed.stderr


def _interactive_signals() -> None:
    """In the child, before exec: Ctrl-C as a terminal's foreground job gets it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
