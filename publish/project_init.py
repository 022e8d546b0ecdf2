"""``publish init [FOLDER]``: a commented ``publish.toml`` and a theme folder to start from.

The file lists every key, commented out with its default and one line of help, so a user
uncomments what they need instead of looking keys up; it is written from the same table the
parser checks against (``project_keys.KEYS``), so it cannot name a key the parser refuses.
The theme folder (``publish.themes``) holds its ``theme.toml``, one template extending
classic's by name and one stylesheet of rules added after classic's: the two ways a theme
changes the look without copying files that would fall out of date.
"""

from __future__ import annotations

from pathlib import Path

from publish.errors import PublishError
from publish.project import FILE_NAME
from publish.project_keys import KEYS

THEME = "theme"
TEMPLATE = "epub/titlepage.xhtml.j2"
STYLESHEET = "pamphlet.extra.css"

_HEAD = """\
# publish.toml: this folder's settings for `publish epub`, `publish pdf` and `publish batch`.
#
# Uncomment a line to use it. The command line wins over this file, and this file over the
# built-in defaults; `--no-config` leaves this file out, `--config FILE` reads another one.
# Keys are the command line's options in snake_case (--embed-font is embed_font). Paths are
# relative to this file's folder. Each key says which commands use it.
"""

_TABLES = """
# The archive's metadata, fixed for one input (a page, a work's index page or folder, or a
# selection .toml), without editing the archive. The command line's --title, --author, --date
# and --language win over these.
# [metadata."works/lafargue/index.htm"]
# title = "The Right To Be Lazy"
# author = ["Paul Lafargue"]       # a name, or a list of names
# date = "1883"                    # YYYY, YYYY-MM or YYYY-MM-DD
# language = "en"                  # a BCP 47 tag: en, de, pt-BR

# An anthology: several texts as one book, in this order. Made with
#   publish epub --anthology reading-list     (or publish pdf --anthology reading-list)
# [anthology.reading-list]
# title = "A Reading List"
# author = "Various"                # optional: else each text's authors
# items = ["one.htm", { path = "two.htm", title = "A title over the page's own" }]
"""

_THEME_TOML = """\
# This project's theme: publish.toml's  theme = "theme"  uses it (or --theme theme).
# `publish themes theme` shows what it extends and which files it changes.
description = "my pamphlets"
extends = "classic"    # the theme it builds on: classic, large-print, or another theme's folder
# face = "Source Sans Pro"    # the face your stylesheets set the text in, if not the one it extends
"""

_TEMPLATE = """\
{#- An example: the EPUB's title page, built on classic's. A file in templates/ replaces the
    built-in file of the same path; extending one by name keeps the rest of it as it is and
    changes one block. Put your own words before or after super() (classic's block), or
    replace the block. The built-in templates are in publish's templates/ folder. -#}
{% extends "classic/epub/titlepage.xhtml.j2" %}
{% block body %}
{{ super() }}
{% endblock %}
"""

_STYLESHEET = """\
/* An example: rules added after the built-in pamphlet.css (NAME.extra.css is added after
   NAME.css, so only what changes is written here, and nothing falls out of date when publish
   changes). A file named as the built-in one (pamphlet.css) would replace it instead.

h1.title { color: #8b0000; }
*/
"""


def init_text() -> str:
    """The commented ``publish.toml``: every key with its default and help."""
    lines = [_HEAD]
    for key in KEYS.values():
        lines.append(f"\n# {key.help} ({key.commands})\n# {key.name} = {key.default}\n")
    lines.append(_TABLES)
    return "".join(lines)


def init(folder: Path, *, force: bool = False) -> list[Path]:
    """Write the project file and the theme folder into ``folder``; the files written.

    Nothing is overwritten unless ``force``: every file is checked before any is written, so a
    refusal leaves the folder as it was."""
    files = {
        folder / FILE_NAME: init_text(),
        folder / THEME / "theme.toml": _THEME_TOML,
        folder / THEME / "templates" / TEMPLATE: _TEMPLATE,
        folder / THEME / "styles" / STYLESHEET: _STYLESHEET,
    }
    if not force:
        for path in files:
            if path.exists():
                raise PublishError(str(path), "is already there: publish init overwrites nothing (--force does)")
    from publish.files import write_atomic

    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
    return list(files)
