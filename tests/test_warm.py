"""The warm worker (publish/warm.py, publish/warm_server.py): a command handed to it does what
the same command does in its own process, byte for byte, and the worker is private, keyed on
its code and ends by itself."""

from __future__ import annotations

import ast
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from publish import warm
from tests.conftest import ROOT, SEED

_PROBE = """
import json, sys
from publish.program import main
try:
    code = main()
except SystemExit as leaving:
    code = leaving.code
sys.stderr.write(json.dumps({"code": code, "lxml": "lxml" in sys.modules}) + "\\n")
"""
"""The program as the script runs it, reporting whether this process did the work itself."""


def _environment(runtime: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_RUNTIME_DIR": str(runtime),
        "PUBLISH_WARM": "1",
        "PUBLISH_WARM_IDLE": "120",
        **extra,
    }


def _run(env: dict[str, str], *args: str, cwd: Path | None = None) -> tuple[int, bool, str]:
    """(exit code, whether the worker ran it, stderr without the probe's line)."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )
    lines = result.stderr.splitlines()
    report = json.loads(lines[-1])
    return report["code"], not report["lxml"], "\n".join(lines[:-1])


def _wait_for_worker(runtime: Path, env: dict[str, str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if list((runtime / "publish").glob("warm-*.sock")):
            return
        time.sleep(0.2)
    raise AssertionError("no worker started")


def _stop(env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "publish", "warm", "stop"], env=env, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def worker() -> Iterator[dict[str, str]]:
    """A runtime folder with a warm worker in it. Short: a socket's path holds 108 bytes."""
    runtime = Path(tempfile.mkdtemp(prefix="pw-", dir="/tmp"))
    env = _environment(runtime)
    with tempfile.TemporaryDirectory() as scratch:
        code, handed, _ = _run(env, "epub", str(SEED), "-o", str(Path(scratch) / "first.epub"))
        assert code == 0 and not handed  # no worker yet: this process made the book, and started one
    _wait_for_worker(runtime, env)
    yield env
    _stop(env)
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.mark.parametrize("command", ["epub", "pdf"])
def test_a_book_from_the_worker_is_the_book_made_in_its_own_process(
    worker: dict[str, str], command: str, tmp_path: Path
) -> None:
    code, handed, said = _run(worker, command, str(SEED), "-o", str(tmp_path / f"warm.{command}"))
    assert (code, handed) == (0, True), said
    assert said.startswith(f"publish: wrote {tmp_path / f'warm.{command}'}")
    cold = {**worker, "PUBLISH_WARM": "0"}
    code, handed, _ = _run(cold, command, str(SEED), "-o", str(tmp_path / f"cold.{command}"))
    assert (code, handed) == (0, False)
    assert (tmp_path / f"warm.{command}").read_bytes() == (tmp_path / f"cold.{command}").read_bytes()


def test_errors_and_usage_mistakes_are_the_same_through_the_worker(worker: dict[str, str], tmp_path: Path) -> None:
    cold = {**worker, "PUBLISH_WARM": "0"}
    for args in (["epub", str(tmp_path / "missing.htm")], ["pdf", "--no-such-option", str(SEED)], ["epub", "--help"]):
        warm_code, handed, warm_said = _run(worker, *args)
        cold_code, _, cold_said = _run(cold, *args)
        assert handed
        assert (warm_code, warm_said) == (cold_code, cold_said)
    code, _, said = _run(worker, "epub", str(tmp_path / "missing.htm"))
    assert code == 2 and said == f"publish: {tmp_path / 'missing.htm'}: no such file"


def test_the_worker_uses_the_commands_folder_umask_and_project_file(worker: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "publish.toml").write_text('paper = "a4"\n', encoding="utf-8")
    shutil.copy(SEED, tmp_path / "seed.txt")
    script = f"import os; os.umask(0o027); exec({_PROBE!r})"
    result = subprocess.run(
        [sys.executable, "-c", script, "pdf", "seed.txt"], capture_output=True, text=True, env=worker, cwd=tmp_path
    )
    assert json.loads(result.stderr.splitlines()[-1]) == {"code": 0, "lxml": False}, result.stderr
    book = tmp_path / "seed.pdf"  # relative to the command's folder, not the worker's
    assert stat.S_IMODE(book.stat().st_mode) == 0o640
    from pypdf import PdfReader

    width, height = (float(side) for side in PdfReader(book).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4, from the folder's publish.toml


def test_interrupting_the_command_interrupts_the_workers_child(worker: dict[str, str], tmp_path: Path) -> None:
    page = tmp_path / "long.txt"
    words = SEED.read_text(encoding="utf-8")
    page.write_text(words + "\n\n" + "\n\n".join([words.split("\n\n", 3)[-1]] * 40), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", _PROBE, "pdf", str(page), "-o", str(tmp_path / "long.pdf")],
        env=worker,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0 or json.loads(stderr.splitlines()[-1])["code"] == 130, stderr
    assert "interrupted" in stderr
    assert not (tmp_path / "long.pdf").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_changed_code_is_another_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "publish"
    (package / "render").mkdir(parents=True)
    (package / "warm.py").write_text("", encoding="utf-8")
    module = package / "render" / "epub.py"
    module.write_text("one = 1\n", encoding="utf-8")
    monkeypatch.setattr(warm, "__file__", str(package / "warm.py"))
    before = warm.code_fingerprint()
    module.write_text("one = 2\n", encoding="utf-8")
    assert warm.code_fingerprint() != before
    monkeypatch.setenv("PUBLISH_CACHE_DIR", str(tmp_path))
    assert warm.code_fingerprint() != before


def test_a_runtime_folder_others_can_enter_is_not_used(tmp_path: Path) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="pw-", dir="/tmp"))
    try:
        (runtime / "publish").mkdir(mode=0o755)
        (runtime / "publish").chmod(0o755)
        env = _environment(runtime)
        code, handed, _ = _run(env, "epub", str(SEED), "-o", str(tmp_path / "book.epub"))
        assert (code, handed) == (0, False)
        time.sleep(1)
        assert list((runtime / "publish").iterdir()) == []  # no worker, no socket, no lock
    finally:
        shutil.rmtree(runtime, ignore_errors=True)


def test_an_idle_worker_ends_and_cleans_up(tmp_path: Path) -> None:
    runtime = Path(tempfile.mkdtemp(prefix="pw-", dir="/tmp"))
    try:
        env = _environment(runtime, PUBLISH_WARM_IDLE="2")
        _run(env, "epub", str(SEED), "-o", str(tmp_path / "book.epub"))
        _wait_for_worker(runtime, env)
        status = subprocess.run(
            [sys.executable, "-m", "publish", "warm", "status"], env=env, capture_output=True, text=True, check=True
        )
        assert "this publish's" in status.stdout
        deadline = time.monotonic() + 60
        while list((runtime / "publish").iterdir()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert list((runtime / "publish").iterdir()) == []
    finally:
        _stop(env)
        shutil.rmtree(runtime, ignore_errors=True)


def test_the_client_loads_nothing_but_built_in_modules() -> None:
    script = "import sys; before = set(sys.modules); import publish.warm; print(sorted(set(sys.modules) - before))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT)}
    )
    loaded = set(ast.literal_eval(result.stdout))
    small = {"publish", "publish.warm", "__future__", "zlib"}  # zlib: one small C extension, 0.3 ms
    assert loaded <= small | set(sys.builtin_module_names), loaded
