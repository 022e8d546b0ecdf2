"""``--executor dask``: the same books, byte for byte, and the same report, on a real Dask
cluster (a ``LocalCluster`` of two worker processes, started here as a user's would be)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from publish.batch.cluster import CONFIG
from tests.batch.conftest import books, report, run_batch

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    import dask

    os.environ["PUBLISH_TEST_HOOKS"] = "1"  # the cluster's workers inherit it: a marked page may kill its worker
    dask.config.set(CONFIG)
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()
        del os.environ["PUBLISH_TEST_HOOKS"]


def _jobs(out: Path) -> list[dict[str, Any]]:
    jobs: list[dict[str, Any]] = report(out)["jobs"]
    for job in jobs:
        job.pop("seconds")
    return jobs


def test_a_dask_cluster_makes_the_same_books_and_report(small: Path, tmp_path: Path, scheduler: str) -> None:
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    assert run_batch(small, local, "-j", "2", "--formats", "epub,pdf").returncode == 0
    done = run_batch(small, cluster, "--executor", "dask", "--scheduler", scheduler, "--formats", "epub,pdf")
    assert done.returncode == 0, done.stderr
    for suffix in (".epub", ".pdf", ".png"):
        made = books(local, suffix)
        assert made and set(made) == set(books(cluster, suffix))
        for name in made:
            assert (local / name).read_bytes() == (cluster / name).read_bytes(), name
    assert _jobs(local) == _jobs(cluster)
    summary = report(cluster)["summary"]
    assert summary["executor"] == "dask" and summary["done"] == 6
    again = run_batch(small, cluster, "--executor", "dask", "--scheduler", scheduler, "--formats", "epub,pdf")
    assert again.returncode == 0 and report(cluster)["summary"]["unchanged"] == 6, "the same manifest"


def test_a_page_that_kills_its_worker_fails_alone_on_the_cluster(small: Path, tmp_path: Path, scheduler: str) -> None:
    party = small / "archive/harman/2002/06/party.htm"
    party.write_bytes(party.read_bytes().replace(b"<body", b"<!-- publish-test-hook: die --><body", 1))
    out = tmp_path / "library"
    done = run_batch(small, out, "--executor", "dask", "--scheduler", scheduler, "--timeout", "60")
    assert done.returncode == 1, done.stderr
    jobs = {job["book"]: job for job in report(out)["jobs"]}
    assert jobs["archive/harman/2002/06/party.htm"]["cause"].startswith("the worker was killed (SIGKILL")
    assert sum(job["status"] == "done" for job in jobs.values()) == 5
    follow = run_batch(small, out, "--executor", "dask", "--scheduler", scheduler)
    assert follow.returncode == 1 and report(out)["summary"]["unchanged"] == 5, "the cluster's workers lived on"


def test_an_unreachable_scheduler_is_one_line(small: Path, tmp_path: Path) -> None:
    quick = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}  # Dask's own setting, 30 s by default
    done = run_batch(small, tmp_path / "out", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9", env=quick)
    assert done.returncode == 2
    assert "cannot reach the Dask scheduler" in done.stderr and "Traceback" not in done.stderr
