"""Benchmark: what a huge page costs ``publish epub`` and ``publish pdf``, in time and peak memory.

Makes, in a temporary folder, a page of 5 MB and one of 50 MB (one paragraph of words, the shape
that once cost WeasyPrint 86 s and 770 MB at 5 MB; ``--prose`` makes paragraphs of 300 words
instead), runs the commands on them as subprocesses (the warm worker off, so each run is one whole
process) and prints each run's wall time, peak resident memory (the child's own ``ru_maxrss``, from
``os.wait4``), exit code and last line of stderr, with the ratio to a baseline measured in the same
run: ``python -c pass`` and the same command on a normal archive page.

With the default limits the 50 MB page must be refused at once, in one line (exit 2); then it is
run again with ``--max-input-size 64M`` (EPUB only unless ``--all``: its PDF takes many minutes).

    .venv/bin/python bench/big_page.py [--sizes 5,50] [--prose] [--all] [--timeout 900]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from publish.limits import DEFAULT

_ROOT = Path(__file__).resolve().parent.parent
_PUBLISH = [sys.executable, "-m", "publish"]
_WORDS = [
    "the",
    "working",
    "class",
    "capital",
    "labour",
    "of",
    "and",
    "to",
    "in",
    "value",
    "commodity",
    "production",
    "society",
    "is",
    "a",
]
_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Run:
    label: str
    seconds: float
    peak_mib: float
    code: int | None
    last: str


def page(path: Path, size: int, *, prose: bool) -> Path:
    """An HTML page of about ``size`` bytes: one paragraph of words, or paragraphs of 300.

    Written a thousand words at a time, never held whole: a forked child's peak memory counts
    what its parent held at the fork, and a 50 MB string here would be charged to publish."""
    rng = random.Random(size)
    length = 0
    with path.open("w", encoding="utf-8") as stream:
        stream.write("<html><head><title>Big</title></head><body><h1>Big</h1><p>")
        while length < size:
            words = [rng.choice(_WORDS) for _ in range(1000)]
            if prose:
                chunk = "".join(" ".join(words[i : i + 300]) + ".</p>\n<p>" for i in range(0, len(words), 300))
            else:
                chunk = " ".join(words) + " "
            stream.write(chunk)
            length += len(chunk)
        stream.write("the end.</p></body></html>")
    return path


def run(label: str, command: list[str], timeout: float) -> Run:
    """One subprocess, its wall time and its own peak memory (not the largest child's so far)."""
    environment = {**os.environ, "PUBLISH_WARM": "0"}
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=environment, cwd=_ROOT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                child.returncode = None
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    code = os.waitstatus_to_exitcode(status) if pid else None
    return Run(label, seconds, usage.ru_maxrss / 1024, code, lines[-1][:110] if lines else "")


def _normal_page() -> Path:
    corpus = _ROOT.parent / "shared" / "corpus" / "mia" / "archive__harman__2002__06__party.htm"
    return corpus if corpus.is_file() else next(iter(sorted((_ROOT / "sources").glob("*.txt"))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,50", help="page sizes in MB, comma-separated (default: 5,50)")
    parser.add_argument("--prose", action="store_true", help="paragraphs of 300 words instead of one paragraph")
    parser.add_argument("--all", action="store_true", help="also the PDF of pages past the default input limit")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a run is given up")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="big-page-") as folder:
        out = Path(folder)
        normal = _normal_page()
        runs.append(run("python -c pass", [sys.executable, "-c", "pass"], args.timeout))
        for kind in ("epub", "pdf"):
            runs.append(run(f"{kind} {normal.name}", [*_PUBLISH, kind, str(normal), "-o", str(out / f"n.{kind}")], 300))
        for size in sizes:
            big = page(out / f"big-{size:g}MB.htm", int(size * _MIB), prose=args.prose)
            for kind in ("epub", "pdf"):
                target = str(out / f"{big.stem}.{kind}")
                runs.append(run(f"{kind} {size:g} MB", [*_PUBLISH, kind, str(big), "-o", target], args.timeout))
                if size * _MIB > DEFAULT.input_bytes and (kind == "epub" or args.all):
                    raised = [*_PUBLISH, kind, str(big), "-o", target, "--max-input-size", f"{int(size) + 14}M"]
                    runs.append(run(f"{kind} {size:g} MB, raised limit", raised, args.timeout))
            big.unlink()
    _print(runs)


def _print(runs: list[Run]) -> None:
    base = runs[0]
    print(f"{'run':32} {'seconds':>9} {'x pass':>8} {'peak MB':>9} {'x pass':>7}  exit  last line of stderr")
    for one in runs:
        code = "-" if one.code is None else str(one.code)
        print(
            f"{one.label:32} {one.seconds:9.2f} {one.seconds / base.seconds:8.1f} {one.peak_mib:9.1f} "
            f"{one.peak_mib / base.peak_mib:7.1f}  {code:>4}  {one.last}"
        )
    print("\n(exit '-': given up after --timeout; peak memory is the child's own maximum resident set)")


if __name__ == "__main__":
    main()
