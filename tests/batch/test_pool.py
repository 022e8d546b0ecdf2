"""The worker pool: a crash, a hang or a leak fails one task; the rest go on, on fresh workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

from publish.batch.pool import LocalPool, PoolSettings
from publish.batch.tasks import Result
from tests.batch.pool_tasks import Act
from tests.conftest import ROOT


def _run(acts: list[Act], **settings: Any) -> list[Result]:
    options: dict[str, Any] = {"workers": 2, "timeout": 20.0, **settings}
    results: list[Result] = []
    with LocalPool(PoolSettings(**options)) as pool:
        pool.run(acts, results.append)  # type: ignore[arg-type]
    return results


def _by_act(results: list[Result]) -> dict[str, list[Result]]:
    found: dict[str, list[Result]] = {}
    for result in results:
        found.setdefault(result.task.what, []).append(result)  # type: ignore[union-attr]
    return found


def test_a_worker_that_dies_fails_only_its_own_task() -> None:
    acts = [Act("pid")] * 6 + [Act("die")] + [Act("pid")] * 6 + [Act("segfault")] + [Act("pid")] * 6
    results = _run(acts)
    assert len(results) == len(acts)
    found = _by_act(results)
    assert all(result.ok for result in found["pid"]) and len(found["pid"]) == 18
    (died,) = found["die"]
    assert not died.ok and "killed (SIGKILL" in died.value
    (crashed,) = found["segfault"]
    assert not crashed.ok and "crashed (SIGSEGV" in crashed.value
    assert "\n" not in died.value + crashed.value


def test_a_task_past_its_deadline_is_ended_and_failed_alone() -> None:
    started = time.monotonic()
    results = _run([Act("hang"), *[Act("pid")] * 8], timeout=1.5)
    assert time.monotonic() - started < 15
    found = _by_act(results)
    (hung,) = found["hang"]
    assert not hung.ok and hung.value == "timed out after 1.5 s"
    assert len(found["pid"]) == 8 and all(result.ok for result in found["pid"])


def test_an_exception_is_a_failure_with_its_cause_not_a_dead_worker() -> None:
    results = _run([Act("raise"), Act("pid"), Act("pid")], workers=1)
    found = _by_act(results)
    assert found["raise"][0].value == "internal error: ValueError: a page this worker cannot read"
    assert found["pid"][0].value == found["pid"][1].value, "the worker lived on after the exception"


def test_workers_run_at_the_lower_priority_asked_for_and_the_coordinator_keeps_its_own() -> None:
    mine = os.nice(0)
    (plain,) = _run([Act("nice")], workers=1)
    (background,) = _run([Act("nice")], workers=1, nice=10)
    assert plain.value == mine
    assert background.value == min(19, mine + 10)
    assert os.nice(0) == mine


def test_workers_are_reused_then_recycled_after_n_tasks() -> None:
    results = _run([Act("pid")] * 9, workers=1, recycle=3)
    pids = [result.value for result in results]
    assert len(set(pids)) == 3
    assert pids[0:3] == [pids[0]] * 3 and pids[3:6] == [pids[3]] * 3 and pids[0] != pids[3]


def test_a_worker_that_grows_past_the_memory_limit_is_replaced() -> None:
    acts = [Act("grow", size=300 << 20), Act("pid"), Act("pid")]
    results = _run(acts, workers=1, memory_limit=200 << 20)
    pids = [result.value for result in results]
    assert pids[1] != pids[0], "the grown worker was replaced"
    assert pids[2] == pids[1], "a worker under the limit is kept"


def test_workers_die_with_a_killed_coordinator(tmp_path: Path) -> None:
    """SIGKILL the coordinator: no worker lives on to finish (or half-write) anything."""
    script = tmp_path / "coordinator.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from publish.batch.pool import LocalPool, PoolSettings
            from tests.batch.pool_tasks import Act
            if __name__ == "__main__":
                with LocalPool(PoolSettings(workers=2, timeout=600)) as pool:
                    pool.run([Act("pid"), Act("pid"), Act("hang"), Act("hang")], lambda r: print(r.value, flush=True))
            """
        )
    )
    coordinator = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert coordinator.stdout is not None
    coordinator.stdout.readline()
    coordinator.stdout.readline()
    time.sleep(0.5)  # both workers are now in their endless tasks
    workers = _children_named(coordinator.pid)
    assert workers, "the workers should be running"
    coordinator.send_signal(signal.SIGKILL)
    coordinator.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]


def _children_named(ancestor: int) -> list[int]:
    """The worker processes descending from ``ancestor`` (through the forkserver)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _descends(int(entry.name), ancestor) and _is_worker(int(entry.name)):
            found.append(int(entry.name))
    return found


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        if pid == ancestor:
            return True
    return False


def _is_worker(pid: int) -> bool:
    try:
        return b"forkserver" not in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_the_worker_ignores_ctrl_c_which_is_the_coordinators(tmp_path: Path) -> None:
    results = _run([Act("pid")], workers=1)
    assert results[0].ok and results[0].value != os.getpid()
