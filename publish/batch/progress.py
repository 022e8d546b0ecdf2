"""How a batch shows its progress: a live bar on a terminal, plain lines anywhere else.

On a terminal (rich): the phase, a bar, books done of all, the rate, the time left, failures
and the book being made. In CI, a log or behind ``| tee``, a bar's redraws are noise, so a
line is written every few seconds (and at the end of each phase) instead.

Books are not alike: the batch makes the biggest first (so that none is left running alone
at the end), and one whole book can take as long as a hundred articles. So the bar and the
time left follow the work done (the bytes of the pages made into books), not the count of
books, which would promise hours at the start and seconds at the end.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import IO, Any

_LINE_EVERY = 5.0  # seconds between plain progress lines


class Quiet:
    """For the Python API and tests: nobody watches."""

    def start(self, phase: str, total: int, work: int) -> None:
        pass

    def advance(self, label: str, work: int, *, failed: bool = False) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass(slots=True)
class _Phase:
    """Counts of one phase, and what they say of the time left."""

    name: str = ""
    total: int = 0
    work: int = 0
    done: int = 0
    worked: int = 0
    failed: int = 0
    started: float = 0.0

    def left(self, now: float) -> float | None:
        """Seconds left, from the share of the work done so far (None before any is done)."""
        elapsed = now - self.started
        if not self.worked or not self.work:
            return None
        return max(0.0, elapsed * (self.work - self.worked) / self.worked)

    def rate(self, now: float) -> float:
        return self.done / max(now - self.started, 1e-9)


class Lines:
    """``publish batch: making books 120/719 (31% of the work), 1 failed, 8.1/s, 1m14s left``."""

    def __init__(self, stream: IO[str], every: float = _LINE_EVERY) -> None:
        self._stream = stream
        self._every = every
        self._phase = _Phase()
        self._last = 0.0

    def start(self, phase: str, total: int, work: int) -> None:
        self._phase = _Phase(name=phase.lower(), total=total, work=work, started=time.monotonic())
        self._last = self._phase.started
        self._write(f"publish batch: {self._phase.name}: {total}")

    def advance(self, label: str, work: int, *, failed: bool = False) -> None:
        phase = self._phase
        phase.done += 1
        phase.worked += work
        phase.failed += failed
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self._write(self._line(now))

    def finish(self) -> None:
        self._write(self._line(time.monotonic()))

    def _line(self, now: float) -> str:
        phase = self._phase
        share = f" ({100 * phase.worked // phase.work}% of the work)" if phase.work else ""
        parts = [f"publish batch: {phase.name} {phase.done}/{phase.total}{share}"]
        if phase.failed:
            parts.append(f"{phase.failed} failed")
        parts.append(f"{phase.rate(now):.1f}/s")
        left = phase.left(now)
        finished = phase.done == phase.total
        parts.append(f"in {_duration(now - phase.started)}" if finished or left is None else f"{_duration(left)} left")
        return ", ".join(parts)

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()


class Bar:
    """A rich progress bar on the terminal ``stream``; its bar and time left follow the work."""

    def __init__(self, stream: IO[str]) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[books]}"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]}"),
            TextColumn("[dim]{task.fields[label]}"),
            console=Console(file=stream),
        )
        self._task: Any = None
        self._phase = _Phase()

    def start(self, phase: str, total: int, work: int) -> None:
        self._phase = _Phase(name=phase, total=total, work=work, started=time.monotonic())
        self._progress.start()
        self._task = self._progress.add_task(
            phase, total=max(work, 1), books=f"0/{total}", rate="", failed="", label=""
        )

    def advance(self, label: str, work: int, *, failed: bool = False) -> None:
        phase = self._phase
        phase.done += 1
        phase.worked += work
        phase.failed += failed
        self._progress.update(
            self._task,
            advance=work,
            books=f"{phase.done}/{phase.total}",
            rate=f"{phase.rate(time.monotonic()):.1f}/s",
            failed=f"{phase.failed} failed" if phase.failed else "",
            label=label,
        )

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
