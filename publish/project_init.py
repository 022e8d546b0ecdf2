"""``publish init [FOLDER]``: a commented ``publish.toml`` and a theme folder to start from.

The file lists every key, commented out with its default and one line of help, so a user
uncomments what they need instead of looking keys up; it is written from the same table the
parser checks against (``project_keys.KEYS``), so it cannot name a key the parser refuses.
The theme folder holds one template and one stylesheet copied from the built-in ones, laid
out as the built-in ``templates/`` and ``styles/`` folders are, which is how a theme's file
overrides the built-in file of the same name.
"""

from __future__ import annotations

from pathlib import Path

from publish.errors import PublishError
from publish.project import FILE_NAME
from publish.project_keys import KEYS

THEME = "theme"
TEMPLATE = "epub/titlepage.xhtml.j2"
STYLESHEET = "pamphlet.css"

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

_TEMPLATE_NOTE = """\
{#- An example override, copied from publish's built-in templates/%s.
    A file in this folder replaces the built-in file of the same path: edit this one, delete
    the ones you do not change. To change only part of a built-in template, extend it by name
    and override one block:  {%% extends "classic/%s" %%}  then  {%% block body %%}…{%% endblock %%}.
    Use it with  theme = "theme"  (or templates = "theme/templates") in publish.toml. -#}
"""

_STYLE_NOTE = """\
/* An example override, copied from publish's built-in styles/%s. A stylesheet in this
   folder replaces the built-in one of the same name (it is not added to it): keep what you do
   not change. Use it with  theme = "theme"  (or styles = "theme/styles") in publish.toml. */

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
    from publish.resources import builtin_dir

    template = builtin_dir("templates") / TEMPLATE
    stylesheet = builtin_dir("styles") / STYLESHEET
    files = {
        folder / FILE_NAME: init_text(),
        folder / THEME / "templates" / TEMPLATE: _TEMPLATE_NOTE % (TEMPLATE, TEMPLATE) + template.read_text("utf-8"),
        folder / THEME / "styles" / STYLESHEET: _STYLE_NOTE % STYLESHEET + stylesheet.read_text("utf-8"),
    }
    if not force:
        for path in files:
            if path.exists():
                raise PublishError(str(path), "is already there: publish init overwrites nothing (--force does)")
    from publish.files import write_atomic

    for path, text in files.items():
        write_atomic(path, text.encode("utf-8"))
    return list(files)
