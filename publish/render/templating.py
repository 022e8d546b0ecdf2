"""Jinja2 environments over the template search path (a user's folder, then the built-ins).

Autoescape is on and undefined names are errors, so a template can neither inject markup
from an archive page nor silently print nothing for a misspelt field. Each environment speaks
one language: ``_()`` in a template is that language's catalogue (``translations``), with
new-style gettext (``_("Source: %(source)s.", source=…)``) so that the values are escaped and
the catalogue's own markup is trusted. Environments are cached per folder and language: a
template is compiled once per language, not once per book.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from publish.render.translations import translations
from publish.resources import search_path


@cache
def environment(user_dir: Path | None = None, language: str = "en") -> Environment:
    loaders = [FileSystemLoader(str(folder)) for folder in search_path("templates", user_dir)]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env
