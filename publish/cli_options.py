"""The options books are made with: declared on a parser and checked into option values.

Shared by the single-book commands and ``publish batch``, which take the same options for
every book they make; every value is checked before any page is read, so a mistake is one
line (a ``PublishError`` naming the option) and no work done.
"""

from __future__ import annotations

import argparse
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from publish.cli_output import add_output_arguments
from publish.errors import PublishError
from publish.files import inputs_changed
from publish.limit_options import limits_of

if TYPE_CHECKING:
    from publish.render.options import EpubOptions, PamphletOptions


_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]+:/|www\.)", re.IGNORECASE)


def refuse_address(given: str) -> None:
    """A web address is not read: publish works offline, on pages saved to disk. (One slash is
    enough to tell: a ``Path`` has made "https://" "https:/" before a batch sees it.)"""
    if _ADDRESS.match(given):
        raise PublishError(
            given,
            "is a web address; publish reads pages from disk (save the page, or mirror the archive, and give "
            "the file or folder)",
        )


def add_epub_arguments(parser: argparse.ArgumentParser, *, cover_file: bool) -> None:
    covers = parser.add_mutually_exclusive_group()
    if cover_file:
        covers.add_argument("--cover", type=Path, help="a JPEG or PNG to use as the cover (default: one is made)")
    covers.add_argument("--no-cover", action="store_true", help="make no cover")
    parser.add_argument(
        "--embed-font",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="bring the book face (subset, with its licence)",
    )


def add_pdf_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--paper",
        default="a5",
        help="a5 (default), a4, a6, letter, half-letter, or WIDTHxHEIGHT in mm or in (e.g. 140x216mm)",
    )
    parser.add_argument(
        "--bleed",
        type=float,
        metavar="MM",
        help="print-shop output: this much bleed around each page, with crop marks (e.g. 3)",
    )
    parser.add_argument(
        "--fit",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="set type, leading and margins up to 4.5%% smaller if that saves blank pages in a folded pamphlet",
    )
    parser.add_argument(
        "--pdf-variant",
        choices=("pdf/ua-1", "pdf/a-3b"),
        help="a PDF standard to meet: tagged and accessible (pdf/ua-1) or archival (pdf/a-3b)",
    )
    parser.add_argument(
        "--impose",
        choices=("none", "booklet"),
        default="none",
        help="none: pages in reading order (default); booklet: two pages on each side of sheets twice as wide "
        "(A5 on A4), in saddle-stitch order for double-sided printing, flipped on the short edge",
    )
    parser.add_argument("--signature", type=int, metavar="PAGES", help="booklet: fold in signatures of this many pages")
    parser.add_argument(
        "--creep",
        type=float,
        metavar="MM",
        help="booklet: move the innermost sheet's pages this far toward the fold, the sheets outside it less "
        "(creep compensation; default: 0)",
    )
    parser.add_argument(
        "--crop-marks",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="booklet: mark the fold at the top and bottom of each sheet",
    )


def add_look_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--theme",
        metavar="NAME_OR_FOLDER",
        help="the look: classic (default), large-print, or a theme folder (see 'publish themes')",
    )
    parser.add_argument("--templates", type=Path, help="a folder of templates that override the built-in ones")
    parser.add_argument("--styles", type=Path, help="a folder of stylesheets that override the built-in ones")
    add_output_arguments(parser)


def add_book_arguments(parser: argparse.ArgumentParser, suffix: str) -> None:
    """The inputs, the metadata the user may give over the reader's, the output and the look."""
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="an archive page (.htm/.html), a plain-text copy, a work's index page or folder; several pages "
        "(or a .toml selection) make an anthology",
    )
    parser.add_argument("--title", help="the book's title, over the one the page gives (required for several inputs)")
    parser.add_argument(
        "--author",
        action="append",
        help="the book's author, over the ones the page names; several: repeat --author or separate them "
        'with \';\' ("and" is kept: "Charles Kerr and Co." is one name)',
    )
    parser.add_argument("--date", help="the text's date, over the page's: YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--language", help="the text's language, over the one found: a BCP 47 tag (en, de, pt-BR)")
    parser.add_argument("--page-only", action="store_true", help="an index page alone, not the work it links to")
    add_allow_outside(parser)
    parser.add_argument("-o", "--output", help=f"output file or folder (default: the input's name with {suffix})")
    add_look_arguments(parser)


def add_allow_outside(parser: argparse.ArgumentParser) -> None:
    """A selection file's items are read only from its own folder unless the user says otherwise:
    a selection someone else wrote could otherwise print any file the user can read."""
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="let a .toml selection name pages outside its own folder (refused by default)",
    )


def epub_options(args: argparse.Namespace, base_dir: Path | None) -> EpubOptions:
    from publish.render.options import EpubOptions

    _check_folders(args)
    cover = None
    if getattr(args, "cover", None):
        from publish.render.cover import user_cover

        cover = user_cover(args.cover, limits=limits_of(args))
    return EpubOptions(
        templates=args.templates,
        styles=args.styles,
        theme=_theme(args),
        modified=source_date_epoch(),
        changed=inputs_changed(getattr(args, "inputs", [])),
        cover=cover,
        generated_cover=not args.no_cover,
        embed_font=args.embed_font,
        base_dir=base_dir,
        limits=limits_of(args),
    )


def pamphlet_options(args: argparse.Namespace, base_dir: Path | None) -> PamphletOptions:
    """The pamphlet options, every one checked before any work is done."""
    from publish.render.options import Booklet, PamphletOptions, PdfOptions

    _check_folders(args)
    _check_imposition(args)
    _check_paper(args.paper)
    if args.bleed is not None and not 0 < args.bleed <= _MAX_BLEED_MM:
        raise PublishError(f"--bleed {args.bleed:g}", f"must be more than 0 and at most {_MAX_BLEED_MM:g} mm")
    if args.bleed and args.impose == "booklet":
        raise PublishError("--bleed", "applies to single pages, not to a booklet (which marks its fold)")
    pdf = PdfOptions(
        paper=args.paper,
        templates=args.templates,
        styles=args.styles,
        theme=_theme(args),
        base_dir=base_dir,
        created=source_date_epoch(),
        variant=args.pdf_variant,
        bleed_mm=args.bleed or 0.0,
        limits=limits_of(args),
    )
    booklet = None
    if args.impose == "booklet":
        booklet = Booklet(signature=args.signature, creep_mm=args.creep or 0.0, crop_marks=args.crop_marks)
    return PamphletOptions(pdf=pdf, fit=args.fit, booklet=booklet)


_MAX_BLEED_MM = 10.0


def _check_folders(args: argparse.Namespace) -> None:
    """A look folder that is not there is a typing mistake, not a wish for the built-in look."""
    for option, folder in (("--templates", args.templates), ("--styles", args.styles)):
        if folder is not None and not folder.is_dir():
            cause = "no such folder" if not folder.exists() else "is not a folder: give a folder of files"
            raise PublishError(f"{option} {folder}", cause)


def _theme(args: argparse.Namespace) -> Path | None:
    """The theme's folder (None for classic), checked before any work is done."""
    if getattr(args, "theme", None) is None:
        return None
    from publish.themes import resolve

    return resolve(args.theme)


def _check_paper(paper: str) -> None:
    from publish.render.options import paper_size

    try:
        paper_size(paper)
    except ValueError as error:
        raise PublishError(f"--paper {paper}", str(error).split(";")[-1].strip()) from error


def _check_imposition(args: argparse.Namespace) -> None:
    """Refuse booklet options that cannot apply, before any work is done."""
    if args.impose != "booklet":
        given = {"--signature": args.signature, "--creep": args.creep, "--crop-marks": args.crop_marks or None}
        for option, value in given.items():
            if value is not None:
                raise PublishError(option, "only applies with --impose booklet")
        return
    from publish.render.options import MAX_CREEP_MM

    if args.signature is not None and (args.signature < 4 or args.signature % 4):
        raise PublishError(f"--signature {args.signature}", "must be a multiple of 4 (4, 8, 12, 16, ...)")
    if args.creep is not None and not 0 <= args.creep <= MAX_CREEP_MM:
        raise PublishError(f"--creep {args.creep:g}", f"must be between 0 and {MAX_CREEP_MM:g} mm")


def source_date_epoch() -> datetime | None:
    """Reproducible builds: SOURCE_DATE_EPOCH fixes the dates a book records about itself."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(value), tz=UTC) if value.isdigit() else None
