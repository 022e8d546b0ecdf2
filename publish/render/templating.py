"""Jinja2 environments over the template search path (a user's folder, then the built-ins).

Autoescape is on and undefined names are errors, so a template can neither inject markup
from an archive page nor silently print nothing for a misspelt field. Each environment speaks
one language: ``_()`` in a template is that language's catalogue (``translations``), with
new-style gettext (``_("Source: %(source)s.", source=…)``) so that the values are escaped and
the catalogue's own markup is trusted. Environments are cached per folder, theme and language:
a template is compiled once per language, not once per book.

A theme's templates come before the built-in ones, and every built-in theme is also reachable
by name (``{% extends "classic/pdf/pamphlet.html.j2" %}``), so a theme changes one block of a
template without copying the rest (``publish.themes``).

A template with a syntax error (most likely a user's, from ``--templates``) is a
``PublishError`` naming its file and line, however it was reached (asked for by a backend,
included or extended by another template): the user can go straight to the mistake.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateSyntaxError,
)

from publish.errors import PublishError
from publish.render.template_cache import template_cache
from publish.render.translations import translations
from publish.resources import search_path


@cache
def environment(user_dir: Path | None = None, language: str = "en", theme: Path | None = None) -> Environment:
    env = _Environment(
        loader=_loader(user_dir, theme),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=template_cache(),
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def _loader(user_dir: Path | None, theme: Path | None) -> BaseLoader:
    """The user's folder, the theme's chain, the built-ins; then each built-in theme by name."""
    from publish.themes import BUILTIN, builtin_folder

    def chain(user: Path | None, folder: Path | None) -> list[BaseLoader]:
        return [FileSystemLoader(str(path)) for path in search_path("templates", user, folder)]

    by_name = PrefixLoader({name: ChoiceLoader(chain(None, builtin_folder(name))) for name in BUILTIN})
    return ChoiceLoader([*chain(user_dir, theme), by_name])


class _Environment(Environment):
    """An environment whose templates' syntax errors are one line naming the file and line."""

    def get_template(self, *args: Any, **kwargs: Any) -> Template:
        try:
            return super().get_template(*args, **kwargs)
        except TemplateSyntaxError as error:
            where = f"{error.filename or error.name or 'template'}:{error.lineno}"
            raise PublishError(where, f"template syntax error: {error.message}") from error
