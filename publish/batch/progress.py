"""How a batch shows its progress: a live bar on a terminal, plain lines anywhere else.

On a terminal (rich): the phase, a bar, done/total, the rate, the time left and the book being
made. In CI, a log or behind ``| tee``, a bar's redraws are noise, so a line is written every
few seconds (and at the end of each phase) instead: counts, rate, time left, failures.
"""

from __future__ import annotations

import time
from typing import IO, Any

_LINE_EVERY = 5.0  # seconds between plain progress lines


class Quiet:
    """For the Python API and tests: nobody watches."""

    def start(self, phase: str, total: int) -> None:
        pass

    def advance(self, label: str, *, failed: bool = False) -> None:
        pass

    def finish(self) -> None:
        pass


class Lines:
    """A line now and then: ``publish batch: making books 120/719 (17%), 1 failed, 8.1/s, 1m14s left``."""

    def __init__(self, stream: IO[str], every: float = _LINE_EVERY) -> None:
        self._stream = stream
        self._every = every
        self._phase, self._total, self._done, self._failed = "", 0, 0, 0
        self._started = self._last = 0.0

    def start(self, phase: str, total: int) -> None:
        self._phase, self._total, self._done, self._failed = phase.lower(), total, 0, 0
        self._started = self._last = time.monotonic()
        self._write(f"publish batch: {self._phase}: {total}")

    def advance(self, label: str, *, failed: bool = False) -> None:
        self._done += 1
        self._failed += failed
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self._write(self._line(now))

    def finish(self) -> None:
        self._write(self._line(time.monotonic()))

    def _line(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        share = f" ({100 * self._done // self._total}%)" if self._total else ""
        parts = [f"publish batch: {self._phase} {self._done}/{self._total}{share}"]
        if self._failed:
            parts.append(f"{self._failed} failed")
        parts.append(f"{rate:.1f}/s")
        left = self._total - self._done
        parts.append(f"{_duration(left / rate)} left" if left and rate else f"in {_duration(elapsed)}")
        return ", ".join(parts)

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()


class Bar:
    """A rich progress bar on the terminal ``stream``."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]}"),
            TextColumn("[dim]{task.fields[label]}", justify="left"),
            console=Console(file=stream),
            transient=False,
        )
        self._task: Any = None
        self._failed = 0
        self._started = 0.0

    def start(self, phase: str, total: int) -> None:
        self._failed = 0
        self._started = time.monotonic()
        self._progress.start()
        self._task = self._progress.add_task(phase, total=total, rate="", failed="", label="")

    def advance(self, label: str, *, failed: bool = False) -> None:
        self._failed += failed
        done = self._progress.tasks[-1].completed + 1
        rate = done / max(time.monotonic() - self._started, 1e-9)
        failures = f"{self._failed} failed" if self._failed else ""
        self._progress.update(self._task, advance=1, rate=f"{rate:.1f}/s", failed=failures, label=label)

    def finish(self) -> None:
        self._progress.update(self._task, label="")
        self._progress.stop()


def display(stream: IO[str]) -> Quiet | Lines | Bar:
    return Bar(stream) if stream.isatty() else Lines(stream)


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"
