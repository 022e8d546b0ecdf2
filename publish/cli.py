"""The ``publish`` command: the thin shell around the pure pipeline.

Every failure a user can cause ends as one line on stderr naming the file and the cause, with
exit code 2; an internal error is one line with exit code 1 (``PUBLISH_DEBUG=1`` shows the
traceback). Only this module prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from publish import __version__
from publish.errors import Diagnostic, PublishError, Severity
from publish.files import read_input, write_atomic

if TYPE_CHECKING:
    from publish.pipeline import Loaded
    from publish.render.options import EpubOptions, PamphletOptions


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except PublishError as error:
        say(f"publish: {error.path}: {error.cause}")
        return error.exit_code
    except KeyboardInterrupt:
        say("publish: interrupted")
        return 130
    except Exception as error:  # noqa: BLE001 - the one place that turns any failure into one line
        if os.environ.get("PUBLISH_DEBUG"):
            traceback.print_exc()
        where = getattr(args, "input", None) or " ".join(getattr(args, "inputs", [])) or getattr(args, "archive", "")
        say(
            f"publish: {where}: internal error: {type(error).__name__}: {error}"
            if where
            else f"publish: internal error: {type(error).__name__}: {error}"
        )
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="publish",
        description="Turn archive texts (Marxists Internet Archive pages or their plain-text copies) "
        "into EPUB e-books and printable PDF pamphlets.",
    )
    parser.add_argument("--version", action="version", version=f"publish {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    epub = commands.add_parser("epub", help="make an EPUB 3 e-book")
    _common(epub, ".epub")
    add_epub_arguments(epub, cover_file=True)
    epub.set_defaults(run=_run_epub)

    pdf = commands.add_parser("pdf", help="make a PDF pamphlet")
    _common(pdf, ".pdf")
    add_pdf_arguments(pdf)
    pdf.set_defaults(run=_run_pdf)

    from publish.batch.command import add_batch_command

    add_batch_command(commands)

    inspect = commands.add_parser("inspect", help="print the document model as JSON")
    inspect.add_argument("input", help="an archive page (.htm/.html) or a plain-text copy")
    inspect.add_argument(
        "--diagnostics", action="store_true", help="list each page's family and the diagnostics instead of the model"
    )
    inspect.set_defaults(run=_run_inspect)

    audit = commands.add_parser(
        "audit", help="check that every word of the page's text reached the model (exit 1 if not)"
    )
    audit.add_argument("input", help="an archive page (.htm/.html) or a plain-text copy")
    audit.set_defaults(run=_run_audit)
    return parser


def add_epub_arguments(parser: argparse.ArgumentParser, *, cover_file: bool) -> None:
    covers = parser.add_mutually_exclusive_group()
    if cover_file:
        covers.add_argument("--cover", type=Path, help="a JPEG or PNG to use as the cover (default: one is made)")
    covers.add_argument("--no-cover", action="store_true", help="make no cover")
    parser.add_argument("--embed-font", action="store_true", help="bring the book face (subset, with its licence)")


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
        action="store_true",
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
        "--crop-marks", action="store_true", help="booklet: mark the fold at the top and bottom of each sheet"
    )


def add_look_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--templates", type=Path, help="a folder of templates that override the built-in ones")
    parser.add_argument("--styles", type=Path, help="a folder of stylesheets that override the built-in ones")
    parser.add_argument("-v", "--verbose", action="store_true", help="also show informational diagnostics")


def _common(parser: argparse.ArgumentParser, suffix: str) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="an archive page (.htm/.html), a plain-text copy, a work's index page or folder; several pages "
        "(or a .toml selection) make an anthology",
    )
    parser.add_argument("--title", help="the anthology's title (several inputs)")
    parser.add_argument("--author", help="the anthology's author or editor (several inputs)")
    parser.add_argument("--page-only", action="store_true", help="an index page alone, not the work it links to")
    parser.add_argument("-o", "--output", help=f"output file or folder (default: the input's name with {suffix})")
    add_look_arguments(parser)


def _load(args: argparse.Namespace) -> Loaded:
    from publish.loading import load as load_input
    from publish.loading import load_anthology, load_selection

    inputs = [Path(item) for item in (args.inputs if hasattr(args, "inputs") else [args.input])]
    if len(inputs) > 1:
        return load_anthology(inputs, title=args.title, author=args.author)
    if inputs[0].suffix.lower() == ".toml":
        return load_selection(inputs[0])
    return load_input(inputs[0], whole_work=not getattr(args, "page_only", False))


def _output(args: argparse.Namespace, suffix: str) -> Path:
    source = Path(args.inputs[0]) if len(args.inputs) == 1 else Path(_slug(args.title or "anthology"))
    default_name = (source.name if source.is_dir() else source.with_suffix(suffix).name).removesuffix(suffix) + suffix
    if args.output is None:
        return Path(default_name)
    output = Path(args.output)
    if output.is_dir() or args.output.endswith(os.sep):
        return output / default_name
    return output


def _run_epub(args: argparse.Namespace) -> int:
    from publish.pipeline import make_epub

    loaded = _load(args)
    output = _output(args, ".epub")
    book = make_epub(loaded.document, epub_options(args, _base_dir(Path(args.inputs[0]))))
    write_atomic(output, book.data)
    report_diagnostics([*loaded.diagnostics, *book.diagnostics], args.verbose)
    say(f"publish: wrote {output}")
    return 0


def epub_options(args: argparse.Namespace, base_dir: Path | None) -> EpubOptions:
    from publish.render.options import EpubOptions

    cover = None
    if getattr(args, "cover", None):
        from publish.render.cover import user_cover

        cover = user_cover(args.cover)
    return EpubOptions(
        templates=args.templates,
        styles=args.styles,
        modified=source_date_epoch(),
        cover=cover,
        generated_cover=not args.no_cover,
        embed_font=args.embed_font,
        base_dir=base_dir,
    )


def _run_pdf(args: argparse.Namespace) -> int:
    from publish.pipeline import make_pamphlet

    options = pamphlet_options(args, _base_dir(Path(args.inputs[0])))
    loaded = _load(args)
    output = _output(args, ".pdf")
    book = make_pamphlet(loaded.document, options, str(output))
    for line in book.notes:
        say(line)
    write_atomic(output, book.data)
    report_diagnostics((*loaded.diagnostics, *book.diagnostics), args.verbose)
    say(f"publish: wrote {output} ({book.summary})" + (f". {book.advice}" if book.advice else ""))
    return 0


def pamphlet_options(args: argparse.Namespace, base_dir: Path | None) -> PamphletOptions:
    """The pamphlet options, every one checked before any work is done."""
    from publish.render.options import Booklet, PamphletOptions, PdfOptions

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
        base_dir=base_dir,
        created=source_date_epoch(),
        variant=args.pdf_variant,
        bleed_mm=args.bleed or 0.0,
    )
    booklet = None
    if args.impose == "booklet":
        booklet = Booklet(signature=args.signature, creep_mm=args.creep or 0.0, crop_marks=args.crop_marks)
    return PamphletOptions(pdf=pdf, fit=args.fit, booklet=booklet)


_MAX_BLEED_MM = 10.0


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


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split()) or "anthology"


def _base_dir(source: Path) -> Path:
    """The folder the renderers may read pictures from: the input's own."""
    return source.resolve() if source.is_dir() else source.resolve().parent


def _run_inspect(args: argparse.Namespace) -> int:
    from publish import model_json

    loaded = _load(args)
    if args.diagnostics:
        for page, family in loaded.families:
            print(f"{page}: read as the {family} page family")
        for diagnostic in loaded.diagnostics:
            print(diagnostic)
        return 0
    sys.stdout.write(model_json.dumps(loaded.document))
    return 0


def _run_audit(args: argparse.Namespace) -> int:
    from publish.audit import audit

    path = Path(args.input)
    result = audit(read_input(path), str(path))
    verdict = "passes" if result.passed else "FAILS"
    print(f"{path}: {verdict}: {result.source_words} words in the page, {result.model_words} in the model")
    for label, gaps in (("missing", result.missing), ("extra", result.extra)):
        for gap in gaps:
            print(f"  {label}: {' '.join(gap.words)}  (…{gap.context}…)")
    return 0 if result.passed else 1


def report_diagnostics(diagnostics: Sequence[Diagnostic], verbose: bool) -> None:
    for diagnostic in diagnostics:
        if verbose or diagnostic.severity is not Severity.INFO:
            say(str(diagnostic))


def source_date_epoch() -> datetime | None:
    """Reproducible builds: SOURCE_DATE_EPOCH fixes the dates a book records about itself."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(value), tz=UTC) if value.isdigit() else None


def say(message: str) -> None:
    print(message, file=sys.stderr)
