"""Benchmark: ``publish serve`` under load, on loopback only, bounded in count and time.

Starts ``publish serve ARCHIVE --port 0`` as a process of its own with a fresh cache, waits for
its catalogue, starts two PDF builds (the worker pool busy), then sends ``--requests`` catalogue
and search requests (the library, an author's texts, a language's, searches, OPDS feeds) all at
once, each on a connection of its own, and prints each kind's median, 95th percentile and
maximum time (from the connect to the last byte), the errors, the server's CPU time per request,
and its resident memory before and after (and its peak). The baseline, measured in the same run,
is the same requests one at a time on the idle server.

The load comes from one asyncio loop, not from threads: every request is sent in the same
instant (a barrier of threads staggers them), and the client's own cost stays small beside the
server's on a machine of two cores.

    .venv/bin/python bench/serve_load.py [ARCHIVE_DIR] [--requests 200] [--rounds 3]

The issue's bar: no error, a median under 50 ms while two builds run, memory bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_PATHS = (
    "/",
    "/authors",
    "/books?author=Chris%20Harman",
    "/books?language=en&page=3",
    "/search?q=revolution",
    "/search?q=trade%20union%20bureaucracy",
    "/search?q=Lafargue",
    "/opds/books?language=en",
    "/opds/search?q=party",
    "/books?decade=1970s",
)
_WORDS = [
    "labour",
    "capital",
    "strike",
    "party",
    "workers",
    "revolution",
    "state",
    "union",
    "wages",
    "class",
    "war",
    "peace",
    "bread",
    "land",
    "money",
    "trade",
    "history",
    "women",
    "struggle",
    "power",
    "factory",
    "reform",
    "army",
    "press",
    "crisis",
]
"""Pairs of these make the searches never asked before: each costs the catalogue a query."""
_BUILDS = (
    "/download/archive/lafargue/1883/lazy/index.htm?format=pdf",
    "/download/archive/harman/1999/history/index.htm?format=pdf",
)


def _get(port: int, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        status = answer.status
    except OSError:
        status = 0
    finally:
        connection.close()
    return time.perf_counter() - start, status


def _memory(pid: int) -> tuple[int, int]:
    """The server's resident and peak resident memory, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def _fresh_searches() -> list[str]:
    pairs = [(first, second) for number, first in enumerate(_WORDS) for second in _WORDS[number + 1 :]]
    pairs.sort(key=lambda pair: hash_text(" ".join(pair)))  # a fixed shuffle, the same every run
    return [f"/search?q={first}%20{second}" for first, second in pairs]


def hash_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _paths(count: int, fresh: float, searches: list[str]) -> list[str]:
    """The round's requests: every ``1/fresh``-th one a search never asked before (taken from
    ``searches``), the others the listings and searches of ``_PATHS`` in turn."""
    every = round(1 / fresh) if fresh > 0 else 0
    kept = iter(_PATHS * count)
    return [searches.pop() if every and number % every == every - 1 else next(kept) for number in range(count)]


def _load(port: int, paths: list[str]) -> list[tuple[str, float, int]]:
    """The requests, sent at once: connected, written and read to the end concurrently."""

    async def one(path: str, go: asyncio.Event) -> tuple[str, float, int]:
        await go.wait()
        start = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            answer = await reader.read()
            writer.close()
            status = int(answer[9:12]) if answer.startswith(b"HTTP/1.1 ") else 0
        except (OSError, ValueError):
            status = 0
        return path, time.perf_counter() - start, status

    async def every() -> list[tuple[str, float, int]]:
        go = asyncio.Event()
        tasks = [asyncio.create_task(one(path, go)) for path in paths]
        await asyncio.sleep(0.1)  # every task waiting at the line
        go.set()
        return list(await asyncio.wait_for(asyncio.gather(*tasks), 120))

    return asyncio.run(every())


def _cpu(pid: int) -> float:
    """The server's user and system CPU seconds so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("archive", nargs="?", type=Path, default=_ROOT.parent / "shared" / "corpus" / "mia-tree")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--fresh", type=float, default=0.2, help="the share of requests that are searches never asked before"
    )
    args = parser.parse_args()
    environment = {**os.environ, "PUBLISH_WARM": "0"}
    with tempfile.TemporaryDirectory(prefix="serve-load-") as cache:
        command = [
            sys.executable,
            "-m",
            "publish",
            "serve",
            str(args.archive),
            "--port",
            "0",
            "--cache",
            cache,
            "-j",
            "2",
        ]
        server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=environment, cwd=_ROOT)
        try:
            assert server.stderr is not None
            found = re.search(r":(\d+)/", server.stderr.readline())
            if found is None:
                sys.exit("serve_load: the server did not start")
            port = int(found.group(1))
            started = time.perf_counter()
            while "being built" in _page(port, "/"):
                if time.perf_counter() - started > 600:
                    sys.exit("serve_load: the catalogue took over 600 s")
                time.sleep(0.5)
            print(f"catalogue of {args.archive.name} built in {time.perf_counter() - started:.1f} s")
            idle = [_get(port, path) for path in _PATHS for _ in range(3)]
            baseline = statistics.median(seconds for seconds, _ in idle)
            before = _memory(server.pid)
            for build in _BUILDS:
                _get(port, build)
            results: list[tuple[str, float, int]] = []
            cpu = _cpu(server.pid)
            searches = _fresh_searches()
            for _ in range(args.rounds):
                results += _load(port, _paths(args.requests, args.fresh, searches))
            cpu = _cpu(server.pid) - cpu
            busy = "two builds running" if "Being made" in _page(port, _last_build(port)) else "builds done"
            after = _memory(server.pid)
        finally:
            server.terminate()
            server.wait(60)
    errors = [r for r in results if r[2] != 200]
    times = sorted(seconds for _, seconds, _ in results)
    median = statistics.median(times)
    print(f"idle baseline (one at a time): median {baseline * 1000:.1f} ms")
    print(
        f"{len(results)} requests, {args.requests} at once x {args.rounds}, {args.fresh:.0%} new searches "
        f"({busy} at the end): "
        f"median {median * 1000:.1f} ms ({median / baseline:.1f}x idle), "
        f"95th {times[int(len(times) * 0.95) - 1] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms, errors {len(errors)}"
    )
    groups = {path: [path] for path in _PATHS} | {
        "searches never asked before": [r[0] for r in results if r[0] not in _PATHS]
    }
    for name, members in groups.items():
        mine = sorted(seconds for p, seconds, _ in results if p in members)
        if mine:
            print(f"  {name:45} median {statistics.median(mine) * 1000:7.1f} ms  max {mine[-1] * 1000:7.1f} ms")
    print(f"server CPU: {cpu / len(results) * 1000:.2f} ms per request under load")
    print(f"server memory: {before[0]} MB before, {after[0]} MB after (peak {after[1]} MB)")


def _page(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", "replace")
    finally:
        connection.close()


def _last_build(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", _BUILDS[-1])
        answer = connection.getresponse()
        answer.read()
        return answer.getheader("Location") or "/"
    finally:
        connection.close()


if __name__ == "__main__":
    main()
