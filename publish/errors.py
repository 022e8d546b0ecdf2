"""Errors and diagnostics.

A ``PublishError`` is the one thing the CLI shows a user when a file cannot be published: one
line naming the file and the cause, and an exit code. Everything short of that is a
``Diagnostic`` value that library code returns, never prints. Codes are stable and start with
the stage that raised them: N normalise, T typography, E EPUB, P PDF, B batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    code: str
    severity: Severity
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.severity.value} {self.code}: {self.message}"


class PublishError(Exception):
    """A file that cannot be published, and why, in words a user can act on."""

    exit_code = 2

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause
