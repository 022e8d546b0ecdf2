"""A tool (not a test): hunt publish's regular expressions for super-linear backtracking.

Python's ``re`` backtracks, so a pattern with adjacent or nested quantifiers over the same
characters (``\\s+>\\s+``, ``[a-]*[a][a-]*$``) can take time quadratic in the length of a run
of those characters when the match finally fails. Archive pages never hold such runs; a hostile
or broken page may (a paragraph of 100,000 asterisks, a line of 40,000 spaces).

For every compiled pattern held by a publish module (at module level, or inside a tuple, list,
dict or dataclass there), this times ``search`` and ``finditer`` on adversarial inputs of n and
2n characters: runs of each character the pattern names (and of a few usual suspects: spaces,
no-break spaces, letters, digits, dots, asterisks), alone, followed by a character that makes
the match fail, and between letters. A linear pattern roughly doubles its time; a quadratic one
quadruples it. Patterns whose worst ratio passes ``--ratio`` are printed, worst first.

    .venv/bin/python bench/regex_hunt.py [--size 2000] [--ratio 3] [--module publish.audit_source]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import pkgutil
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import publish

_SUSPECTS = " \u00a0\u202f\t\n*.-–—_a0'\"«»|<>:;!?,()[]/\\=~·•"
_ENDINGS = ("", "\x00", "!", "a", "\n")
_BUDGET = 2.0  # seconds for one input at size n: past it the pattern is reported without 2n


@dataclasses.dataclass(frozen=True, slots=True)
class Finding:
    where: str
    pattern: str
    input: str
    small: float
    large: float

    @property
    def ratio(self) -> float:
        return self.large / max(self.small, 1e-6)


def modules(only: str | None) -> Iterator[ModuleType]:
    """Every importable publish module (or just ``only``); one that fails to import is skipped."""
    names = [only] if only else [m.name for m in pkgutil.walk_packages(publish.__path__, "publish.")]
    for name in sorted(names):
        if name.endswith("__main__"):  # running it is what importing it does
            continue
        try:
            yield importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - a tool: report and go on
            print(f"skip {name}: {error}", file=sys.stderr)


def patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The str patterns a module holds, named by where they are found."""
    for name, value in vars(module).items():
        if isinstance(value, type | ModuleType) or (callable(value) and not isinstance(value, re.Pattern)):
            continue
        for where, pattern in _inside(value, 0):
            yield f"{module.__name__}.{name}{where}", pattern


def _inside(value: object, depth: int) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield "", value
        return
    if depth <= 2:
        for key, item in _members(value):
            for where, pattern in _inside(item, depth + 1):
                yield f"{key}{where}", pattern


def _members(value: object) -> list[tuple[str, object]]:
    """What a container or dataclass holds, each named as Python would index it."""
    if isinstance(value, tuple | list):
        return [(f"[{i}]", item) for i, item in enumerate(value[:200])]
    if isinstance(value, dict):
        return [(f"[{key!r}]", item) for key, item in list(value.items())[:200]]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [(f".{field.name}", getattr(value, field.name, None)) for field in dataclasses.fields(value)]
    return []


def alphabet(pattern: re.Pattern[str]) -> str:
    """The characters the pattern names literally, with the usual suspects."""
    named = {char for char in pattern.pattern if not char.isalnum() or char.isascii()}
    return "".join(sorted(set(_SUSPECTS) | {c for c in named if c.isprintable() or c.isspace()}))


def inputs(chars: str, size: int) -> Iterator[tuple[str, str]]:
    """(description, text) pairs of about ``size`` characters."""
    for char in chars:
        for ending in _ENDINGS:
            yield f"{char!r}*n+{ending!r}", char * size + ending
        yield f"'a'+{char!r}*n+'a'", "a" + char * size + "a"
    for first, second in ((" ", "a"), (" ", "."), ("a", "-"), ("a", " "), ("*", " "), (".", " ")):
        yield f"({first + second!r})*n/2+'\\x00'", (first + second) * (size // 2) + "\x00"


def _time(pattern: re.Pattern[str], text: str, repeat: int = 1) -> float:
    """The best of ``repeat`` runs: other processes on the machine only ever add time."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pattern.search(text)
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - start)
    return best


def hunt(where: str, pattern: re.Pattern[str], size: int) -> Finding | None:
    """The input on which the pattern's time grows fastest from ``size`` to ``2 * size``.

    One quick run of each input picks the suspects; a suspect is then timed best of three at
    n, 2n and 4n, and its ratio is the smaller of the two doublings, so that one noisy run on
    a busy machine does not make a linear pattern look quadratic."""
    worst: Finding | None = None
    chars = alphabet(pattern)
    for (description, small), (_, large) in zip(inputs(chars, size), inputs(chars, 2 * size), strict=True):
        first = _time(pattern, small)
        if first < 2e-4:  # too quick to tell anything apart from noise
            continue
        if first >= _BUDGET:
            finding = Finding(where, pattern.pattern, description, first, float("inf"))
        elif _time(pattern, large) / first < 3:
            continue
        else:
            _, larger = next((d, t) for d, t in inputs(chars, 4 * size) if d == description)
            times = [_time(pattern, text, 3) for text in (small, large, larger)]
            ratio = min(times[1] / times[0], times[2] / times[1])
            finding = Finding(where, pattern.pattern, description, times[1], times[1] * ratio)
        if worst is None or finding.ratio > worst.ratio:
            worst = finding
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="n, the shorter input's length")
    parser.add_argument("--ratio", type=float, default=3.0, help="report patterns whose time grows faster")
    parser.add_argument("--module", help="one module only, e.g. publish.audit_source")
    args = parser.parse_args()
    seen: set[tuple[str, int]] = set()
    found = count = 0
    for where, pattern in _every_pattern(args.module):
        if (pattern.pattern, pattern.flags) in seen:
            continue
        seen.add((pattern.pattern, pattern.flags))
        count += 1
        finding = hunt(where, pattern, args.size)
        if finding is not None and finding.ratio >= args.ratio:
            found += 1
            _report(finding)
    print(f"\n{count} patterns, n = {args.size}: {found} grow faster than {args.ratio}x when n doubles")


def _every_pattern(only: str | None) -> Iterator[tuple[str, re.Pattern[str]]]:
    """The patterns modules hold, then those built at run time (from a lexicon, per language,
    cached in a function): those ``re`` compiled reading the demo's sources and some corpus pages."""
    for module in modules(only):
        yield from patterns(module)
    if only:
        return
    from publish.pipeline import load

    root = Path(__file__).resolve().parent.parent
    corpus = root.parent / "shared" / "corpus" / "mia"
    pages = sorted(corpus.glob("*.htm"))[:20] if corpus.is_dir() else []
    for source in [*sorted((root / "sources").iterdir()), *pages]:
        with contextlib.suppress(Exception):
            load(source.read_bytes(), str(source))
    compiled = [value for value in vars(re)["_cache"].values() if isinstance(value, re.Pattern)]
    for pattern in compiled:
        if isinstance(pattern.pattern, str):
            yield "(compiled at run time: publish or a library it uses)", pattern


def _report(finding: Finding) -> None:
    times = f"{finding.small * 1000:8.1f} ms -> {finding.large * 1000:8.1f} ms"
    print(f"\n{finding.ratio:7.1f}x  {times}  {finding.where}")
    print(f"         input {ascii(finding.input)[1:-1]}")
    print(f"         /{ascii(finding.pattern[:200])[1:-1]}/", flush=True)


if __name__ == "__main__":
    main()
