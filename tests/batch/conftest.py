"""Batch fixtures: small archives copied from the shared corpus at test time, and the batch
command run as a user runs it (a process of its own)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

WORK = tuple(f"archive/lafargue/1883/lazy/{name}" for name in (
    "index.htm", "preface.htm", "ch01.htm", "ch02.htm", "ch03.htm", "ch04.htm", "appendix.htm"))  # fmt: skip
SMALL = (
    *WORK,
    "archive/harman/2002/06/party.htm",
    "archive/harman/2002/06/spain.htm",
    "archive/harman/1984/03/squad.htm",
    "archive/harman/1997/05/brecht.html",
    "espanol/grant/biografia.htm",
    "ellinika/404.htm",
    "shqip/lenin/index.htm",
)
"""A work of seven pages, five articles (one in Spanish), an error page and an index page."""


def copy_pages(tree: Path, dest: Path, paths: Iterable[str]) -> Path:
    """Copy pages of the corpus tree, keeping their paths (and making them writable)."""
    for path in paths:
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(tree / path, target)
    return dest


@pytest.fixture(scope="session")
def tree(corpus: Path) -> Path:
    return corpus / "mia-tree"


@pytest.fixture
def small(tree: Path, tmp_path: Path) -> Path:
    return copy_pages(tree, tmp_path / "archive-mirror", SMALL)


def run_batch(archive: Path, out: Path, *args: str, env: Mapping[str, str] | None = None,
              timeout: float = 600) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """``publish batch ARCHIVE OUT ARGS`` in a process of its own, as a user runs it."""
    command = [sys.executable, "-m", "publish", "batch", str(archive), str(out), *args]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment, cwd=ROOT,
                          check=False)  # fmt: skip


def report(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return data


def statuses(out: Path) -> dict[str, str]:
    return {job["book"]: job["status"] for job in report(out)["jobs"]}


def books(out: Path, suffix: str = ".epub") -> dict[str, int]:
    """Every book file in ``out`` (outside the batch's own folder): path -> modification time."""
    return {
        path.relative_to(out).as_posix(): path.stat().st_mtime_ns
        for path in out.rglob(f"*{suffix}")
        if ".publish" not in path.relative_to(out).parts
    }
