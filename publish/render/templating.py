"""Jinja2 environments over the template search path (a user's folder, then the built-ins).

Autoescape is on and undefined names are errors, so a template can neither inject markup
from an archive page nor silently print nothing for a misspelt field.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from publish.resources import search_path


@cache
def environment(user_dir: Path | None = None) -> Environment:
    loaders = [FileSystemLoader(str(folder)) for folder in search_path("templates", user_dir)]
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
