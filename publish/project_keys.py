"""The option keys a ``publish.toml`` may hold: each one's type, check, default and help.

One table serves three readers: the parser (which checks a value and makes it what the
command line's option would have made it), ``publish init`` (which writes every key, commented
out with its default and help), and the command line (which takes the file's values as its
options' defaults). A key is named as its option's argparse destination (``--embed-font`` is
``embed_font``), so the file and the command line cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

Convert = Callable[[object, Path], object]


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The file's option values; None is "not in the file" (the command's own default holds)."""

    formats: str | None = None
    paper: str | None = None
    theme: str | None = None
    output: str | None = None
    cover: Path | None = None
    no_cover: bool | None = None
    embed_font: bool | None = None
    impose: str | None = None
    signature: int | None = None
    creep: float | None = None
    crop_marks: bool | None = None
    fit: bool | None = None
    pdf_variant: str | None = None
    bleed: float | None = None
    templates: Path | None = None
    styles: Path | None = None
    jobs: int | None = None
    timeout: float | None = None
    recycle: int | None = None
    text: bool | None = None
    executor: str | None = None
    scheduler: str | None = None
    max_input_size: int | None = None
    max_picture_size: int | None = None
    max_paragraph_words: int | None = None
    max_word_length: int | None = None
    max_nesting: int | None = None

    def given(self) -> dict[str, object]:
        """The values the file gives, by argparse destination."""
        return {
            field.name: getattr(self, field.name)
            for field in dataclasses.fields(self)
            if getattr(self, field.name) is not None
        }


def settings_from(values: Mapping[str, object]) -> Settings:
    """The checked values as ``Settings``: ``cover = false`` is ``--no-cover``, ``cover = true`` the default."""
    given = dict(values)
    cover = given.pop("cover", None)
    if cover is False:
        given["no_cover"] = True
    elif isinstance(cover, Path):
        given["cover"] = cover
    return Settings(**given)  # type: ignore[arg-type]


def _string(*choices: str, check: Callable[[str], None] | None = None) -> Convert:
    def convert(value: object, folder: Path) -> object:
        if not isinstance(value, str):
            raise TypeError("a string")
        if choices and value not in choices:
            import difflib

            near = difflib.get_close_matches(value, choices, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise ValueError(f"{hint}choose one of {', '.join(choices)}")
        if check is not None:
            check(value)
        return value

    return convert


def _paper(value: str) -> None:
    from publish.render.options import paper_size

    paper_size(value)  # its ValueError names the sizes there are


def _boolean(value: object, folder: Path) -> object:
    if not isinstance(value, bool):
        raise TypeError("a boolean (true or false)")
    return value


def _integer(least: int) -> Convert:
    def convert(value: object, folder: Path) -> object:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("an integer")
        if value < least:
            raise ValueError(f"must be at least {least}")
        return value

    return convert


def _number(value: object, folder: Path) -> object:
    """A float or an integer (TOML's ``3`` for 3 mm is as good as ``3.0``); 0 means none."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("a number")
    if value < 0:
        raise ValueError("must not be negative")
    return float(value) or None


def _seconds(value: object, folder: Path) -> object:
    seconds = _number(value, folder)
    if seconds is None:
        raise ValueError("must be more than 0 seconds")
    return seconds


def _path(value: object, folder: Path) -> object:
    if not isinstance(value, str):
        raise TypeError("a string (a path)")
    return folder / value


def _output(value: object, folder: Path) -> object:
    """A folder, said as the command line says one (a trailing separator), made when a book is written."""
    return f"{_path(value, folder)}{os.sep}"


def _cover(value: object, folder: Path) -> object:
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        raise TypeError("a string (a JPEG or PNG file) or false")
    path = folder / value
    if not path.is_file():
        raise ValueError(f"no such file: {path}")
    return path


def _formats(value: object, folder: Path) -> object:
    given = value.split(",") if isinstance(value, str) else value
    if not isinstance(given, list) or not all(isinstance(item, str) for item in given):
        raise TypeError('an array of formats (["epub", "pdf"]) or a string ("epub,pdf")')
    names = [str(item).strip() for item in given]
    if not names or any(name not in ("epub", "pdf") for name in names):
        raise ValueError("the formats are epub and pdf")
    return ",".join(names)


def _theme(value: object, folder: Path) -> object:
    """A built-in theme's name, or a theme folder beside the file (then made absolute), checked
    here so that a wrong one is named as this file's key, not as an option the user never typed."""
    if not isinstance(value, str):
        raise TypeError("a string (a theme's name or folder)")
    from publish.errors import PublishError
    from publish.themes import BUILTIN, resolve

    try:
        found = resolve(value, base=folder)
    except PublishError as error:
        raise ValueError(error.cause) from error
    return value if found is None or ("/" not in value and value in BUILTIN) else str(found)


def _size(value: object, folder: Path) -> object:
    """Bytes, as a number or as the command line says a size ("32M")."""
    from publish.limit_options import parse_size

    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError('a size: a number of bytes or a string such as "32M"')
    return parse_size(value) if isinstance(value, str) else parse_size(str(value))


def _nesting(value: object, folder: Path) -> object:
    from publish.limit_options import nesting

    return nesting(int(_integer(1)(value, folder)))  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True, kw_only=True)
class Key:
    name: str
    convert: Convert
    default: str
    """The key's line in ``publish init``'s file, as TOML (commented out there)."""
    help: str
    commands: str


def _keys(*keys: Key) -> dict[str, Key]:
    return {key.name: key for key in keys}


KEYS = _keys(
    Key(name="formats", convert=_formats, default='["epub"]', commands="batch", help="what to make of each book"),
    Key(
        name="paper",
        convert=_string(check=_paper),
        default='"a5"',
        commands="pdf, batch",
        help="a5, a4, a6, letter, half-letter, or WIDTHxHEIGHT in mm or in (e.g. 140x216mm)",
    ),
    Key(
        name="theme",
        convert=_theme,
        default='"classic"',
        commands="epub, pdf, batch",
        help='a built-in look (classic, large-print) or a theme folder beside this file, e.g. "theme"',
    ),
    Key(
        name="output",
        convert=_output,
        default='"."',
        commands="epub, pdf",
        help="the folder books are written to (made if missing); -o on the command line wins",
    ),
    Key(
        name="cover",
        convert=_cover,
        default="true",
        commands="epub; false: batch too",
        help="true: a cover is made; a JPEG or PNG file to use instead; false: no cover",
    ),
    Key(name="embed_font", convert=_boolean, default="false", commands="epub, batch", help="bring the book face"),
    Key(
        name="impose",
        convert=_string("none", "booklet"),
        default='"none"',
        commands="pdf, batch",
        help="none: pages in reading order; booklet: saddle-stitched sheets twice as wide",
    ),
    Key(
        name="signature",
        convert=_integer(4),
        default="16",
        commands="pdf, batch",
        help="booklet: fold in signatures of this many pages (default: one signature)",
    ),
    Key(
        name="creep",
        convert=_number,
        default="0.0",
        commands="pdf, batch",
        help="booklet: creep compensation in mm",
    ),
    Key(name="crop_marks", convert=_boolean, default="false", commands="pdf, batch", help="booklet: mark the fold"),
    Key(
        name="fit",
        convert=_boolean,
        default="false",
        commands="pdf, batch",
        help="set type up to 4.5% smaller if that saves blank pages",
    ),
    Key(
        name="pdf_variant",
        convert=_string("pdf/ua-1", "pdf/a-3b"),
        default='"pdf/ua-1"',
        commands="pdf, batch",
        help="a PDF standard to meet: pdf/ua-1 (tagged, accessible) or pdf/a-3b (archival); default: none",
    ),
    Key(
        name="bleed",
        convert=_number,
        default="0.0",
        commands="pdf, batch",
        help="mm of bleed around each page, with crop marks, for a print shop (0: none)",
    ),
    Key(
        name="templates",
        convert=_path,
        default='"theme/templates"',
        commands="epub, pdf, batch",
        help="a folder of templates over the built-in ones (default: none)",
    ),
    Key(
        name="styles",
        convert=_path,
        default='"theme/styles"',
        commands="epub, pdf, batch",
        help="a folder of stylesheets over the built-in ones (default: none)",
    ),
    Key(
        name="jobs", convert=_integer(1), default="4", commands="batch", help="books made at once (default: the cores)"
    ),
    Key(name="timeout", convert=_seconds, default="300.0", commands="batch", help="seconds before a book is given up"),
    Key(name="recycle", convert=_integer(1), default="100", commands="batch", help="replace each worker after N books"),
    Key(name="text", convert=_boolean, default="false", commands="batch", help="also take .txt files as pages"),
    Key(
        name="executor",
        convert=_string("local", "dask"),
        default='"local"',
        commands="batch",
        help="local: worker processes here; dask: a Dask cluster's workers",
    ),
    Key(
        name="scheduler",
        convert=_string(),
        default='"tcp://localhost:8786"',
        commands="batch",
        help="with executor dask: the cluster's scheduler (default: a cluster on this machine)",
    ),
    Key(
        name="max_input_size",
        convert=_size,
        default='"8M"',
        commands="epub, pdf, batch",
        help="refuse a page or text file larger than this (K, M, G: 1024s)",
    ),
    Key(
        name="max_picture_size",
        convert=_size,
        default='"20M"',
        commands="epub, pdf, batch",
        help="leave out a picture larger than this",
    ),
    Key(
        name="max_paragraph_words",
        convert=_integer(1),
        default="5000",
        commands="epub, pdf, batch",
        help="cut a longer paragraph into paragraphs of this many words",
    ),
    Key(
        name="max_word_length",
        convert=_integer(1),
        default="200",
        commands="epub, pdf, batch",
        help="let a word longer than this many letters break every 20",
    ),
    Key(
        name="max_nesting",
        convert=_nesting,
        default="32",
        commands="epub, pdf, batch",
        help="flatten blocks nested deeper than this (at most 64)",
    ),
)
