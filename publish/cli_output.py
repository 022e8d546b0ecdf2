"""What the command line tells its user, and how: readable lines for people, JSON lines for tools.

Everything a command reports goes to stderr (stdout stays the command's product: ``inspect``'s
model, ``batch --dry-run``'s plan), so a script can keep the two apart. ``-q`` leaves errors
only; ``-v`` adds the informational diagnostics. With ``--format json`` each report is one JSON
object on a line of its own, with an ``event`` key a tool can switch on:

- ``diagnostic`` and ``error``: ``code``, ``severity``, ``where``, ``message`` (a ``Diagnostic``'s
  fields; an error that stopped the command has ``code`` null and exit code 2, or 1 if internal);
- ``note``: ``message`` (what the pamphlet's fitting did);
- ``wrote``: ``path``, and for a PDF ``summary`` (and ``advice``, if any);
- batch: ``failed`` (``book``, ``message``) per failed book and one ``summary``.

Nothing here is imported that a command's start-up would notice.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal, NoReturn

from publish.errors import Diagnostic, Severity

Format = Literal["text", "json"]
FORMATS: tuple[Format, ...] = ("text", "json")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    """``-v``/``-q`` and ``--format`` on a command that makes books."""
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="store_true", help="also show informational diagnostics")
    loudness.add_argument(
        "-q", "--quiet", action="store_true", help="show errors only (no diagnostics, no 'wrote' line, no progress)"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="how diagnostics and messages are written to stderr: text (default) or json (one object a line)",
    )


@dataclass(frozen=True, slots=True)
class Output:
    """How loud, and in which form, a command reports."""

    format: Format = "text"
    verbose: bool = False
    quiet: bool = False

    @property
    def json(self) -> bool:
        return self.format == "json"

    def diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        """Each diagnostic a line; informational ones only with ``-v``. In text a page's many N041
        lines become one (``-v`` lists them all); a tool gets each."""
        if self.quiet:
            shown = [d for d in diagnostics if d.severity is Severity.ERROR]
        else:
            shown = [d for d in diagnostics if self.verbose or d.severity is not Severity.INFO]
        if self.json:
            for diagnostic in shown:
                self._emit(
                    event="diagnostic",
                    code=diagnostic.code,
                    severity=diagnostic.severity.value,
                    where=diagnostic.where,
                    message=diagnostic.message,
                )
            return
        from publish.summary import summarised

        for line in shown if self.verbose or self.quiet else summarised(shown):
            say(str(line))

    def note(self, message: str) -> None:
        if self.quiet:
            return
        if self.json:
            self._emit(event="note", message=message)
        else:
            say(message)

    def wrote(self, path: str, summary: str = "", advice: str = "") -> None:
        """The last line of a command that made a book; in text as it always was."""
        if self.quiet:
            return
        if self.json:
            extra = {"summary": summary} if summary else {}
            self._emit(event="wrote", path=path, **extra, **({"advice": advice} if advice else {}))
            return
        detail = f" ({summary})" if summary else ""
        say(f"publish: wrote {path}{detail}" + (f". {advice}" if advice else ""))

    def error(self, where: str, message: str) -> None:
        """The one line of a failure that stopped the command (shown even with ``-q``)."""
        if self.json:
            self._emit(event="error", code=None, severity=Severity.ERROR.value, where=where, message=message)
        else:
            say(f"publish: {where}: {message}" if where else f"publish: {message}")

    def failed(self, book: str, message: str) -> None:
        """A batch's book that could not be made: the run goes on."""
        if self.json:
            self._emit(event="failed", book=book, message=message)
        else:
            say(f"  failed: {book}: {message}")

    def lines(self, lines: Iterable[str]) -> None:
        """Lines only people read (a batch's summary): in text, unless quiet."""
        if not self.quiet and not self.json:
            for line in lines:
                say(line)

    def event(self, name: str, fields: Mapping[str, object]) -> None:
        """A tool's record of something a person reads as :meth:`lines` (JSON only)."""
        if self.json:
            self._emit(event=name, **fields)

    def _emit(self, **fields: object) -> None:
        import json

        say(json.dumps(fields, ensure_ascii=False))


_JSON_USAGE: ContextVar[bool] = ContextVar("json_usage", default=False)
"""Whether this command line asked for ``--format json``: known before it is parsed, so that
its own usage mistakes reach a tool as JSON too."""


def expect_format(argv: Sequence[str]) -> None:
    """Note whether ``argv`` asks for JSON, before argparse reads it (and may refuse it)."""
    words = list(argv)
    asked = "--format=json" in words or any(a == "--format" and b == "json" for a, b in itertools.pairwise(words))
    _JSON_USAGE.set(asked)


class CommandParser(argparse.ArgumentParser):
    """argparse, but a usage mistake on a command line that asked for ``--format json`` is one
    JSON error object (where: the command) rather than a usage text a tool cannot read."""

    def error(self, message: str) -> NoReturn:
        if not _JSON_USAGE.get():
            super().error(message)
        Output(format="json").error(self.prog, message)
        self.exit(2)


def output_of(args: argparse.Namespace | None) -> Output:
    """The command's choice; commands without the options (inspect, audit) report in text."""
    if args is None:
        return Output()
    chosen = getattr(args, "format", "text")
    return Output(
        format="json" if chosen == "json" else "text",
        verbose=bool(getattr(args, "verbose", False)),
        quiet=bool(getattr(args, "quiet", False)),
    )


def say(message: str) -> None:
    sys.stderr.write(message + "\n")
