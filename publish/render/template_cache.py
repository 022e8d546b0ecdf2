"""Compiled templates kept between processes, so a one-off ``publish epub PAGE`` does not spend
its first 0.04 s turning the same seven templates into Python again.

Jinja2's ``FileSystemBytecodeCache`` keys an entry by the template's name and checks its
source, but not the environment's settings (trim_blocks, the i18n extension, autoescape...),
which change the compiled code; this cache keys each entry by all three, plus the Jinja2 and
Python versions, so a user's overriding template, an edited built-in or a changed setting is
compiled afresh and never served stale. It lives in the user's cache folder
(``$XDG_CACHE_HOME/publish/templates``, else ``~/.cache/publish/templates``; set
``PUBLISH_CACHE_DIR`` to choose another, or to an empty string for none). Entries are written
whole to a temporary file and renamed into place, so processes running at once read either
nothing or a complete entry; a folder that cannot be made or written is skipped silently,
since the cache only saves time.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache

from publish.files import open_temporary

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket

_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "is_async",
    "undefined",
    "newstyle_gettext",
)
"""The environment's attributes the compiled code depends on (besides its extensions); the i18n extension's
``newstyle_gettext`` changes how ``_()`` calls are compiled."""


class SourceKeyedCache(BytecodeCache):
    """Compiled templates in one folder, one file per (settings, name, source)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = entry_key(environment, name, filename, source)
        return super().get_bucket(environment, key, None, source)

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name  # get_bucket has made the name the whole key already

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self.folder / f"{bucket.key}.jinja", "rb") as entry:
                bucket.load_bytecode(entry)
        except FileNotFoundError:
            return
        except Exception:  # noqa: BLE001 - a damaged entry is only a miss: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            # named for this process, so a run killed mid-write leaves nothing the next one keeps
            handle, temporary = open_temporary(self.folder / f"{bucket.key}.jinja")
        except OSError:
            return  # unwritable: run without the cache
        try:
            with os.fdopen(handle, "wb") as entry:
                bucket.write_bytecode(entry)
            os.replace(temporary, self.folder / f"{bucket.key}.jinja")
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def clear(self) -> None:
        for entry in self.folder.glob("*.jinja"):
            entry.unlink(missing_ok=True)


def entry_key(environment: Environment, name: str, filename: str | None, source: str) -> str:
    """A digest of everything the compiled code depends on: the versions, the environment's
    settings and extensions, the template's name, file and source."""
    import jinja2

    settings = [_stable(getattr(environment, setting, None)) for setting in _SETTINGS]
    extensions = sorted(
        type(extension).__module__ + "." + type(extension).__qualname__ for extension in environment.extensions.values()
    )
    parts = [jinja2.__version__, sys.version, *settings, *extensions, name, filename or "", source]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _stable(value: object) -> str:
    """A setting as text that is the same in every process: a function by its name, not its address."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def cache_folder() -> Path | None:
    """Where compiled templates are kept, or None where the user has asked for no cache."""
    chosen = os.environ.get("PUBLISH_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "publish", "templates")


@cache
def template_cache() -> SourceKeyedCache | None:
    """The process's cache of compiled templates (None: compile every template afresh)."""
    folder = cache_folder()
    return None if folder is None else SourceKeyedCache(folder)
