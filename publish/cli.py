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
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from publish import __version__
from publish.cli_options import (
    add_book_arguments,
    add_epub_arguments,
    add_pdf_arguments,
    epub_options,
    pamphlet_options,
    refuse_address,
)
from publish.cli_output import CommandParser, expect_format, output_of
from publish.errors import PublishError
from publish.files import index_of, read_input, write_atomic
from publish.program import as_program, closed_pipe, write_out

if TYPE_CHECKING:
    from publish.output_target import Target
    from publish.overrides import Overrides
    from publish.pipeline import Loaded


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the `publish` program itself (the script, python -m publish), not a Python caller
        as_program()
    expect_format(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # the command's own usage, which lists the options it does take
        _command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        if args.command in _BOOK_COMMANDS:
            from publish.project_args import with_project

            args = with_project(parser, _command_parser(parser, args.command), args, argv)
        code: int = args.run(args)
        sys.stdout.flush()  # a closed pipe is found here, not at exit
        return code
    except PublishError as error:
        output_of(args).error(error.path, error.cause)
        return error.exit_code
    except BrokenPipeError:
        return closed_pipe()
    except OSError as error:  # a file the command could not open or write, named as the system named it
        names = " -> ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
        output_of(args).error(names, f"{error.strerror or error}")
        return 2
    except KeyboardInterrupt:
        output_of(args).error("", "interrupted")
        return 130
    except Exception as error:  # noqa: BLE001 - the one place that turns any failure into one line
        if os.environ.get("PUBLISH_DEBUG"):
            traceback.print_exc()
        where = getattr(args, "input", None) or " ".join(getattr(args, "inputs", [])) or getattr(args, "archive", "")
        output_of(args).error(str(where), f"internal error: {type(error).__name__}: {error}")
        return 1


_BOOK_COMMANDS = ("epub", "pdf", "batch")  # the commands a publish.toml applies to


def _command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The subcommand's parser: argparse leaves unknown options to the top level, whose usage
    would only list the commands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser


def _parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = CommandParser(
        prog="publish",
        description="Turn archive texts (Marxists Internet Archive pages or their plain-text copies) "
        "into EPUB e-books and printable PDF pamphlets.",
    )
    parser.add_argument("--version", action="version", version=f"publish {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    epub = commands.add_parser("epub", help="make an EPUB 3 e-book")
    add_book_arguments(epub, ".epub")
    add_epub_arguments(epub, cover_file=True)
    epub.set_defaults(run=_run_epub)

    pdf = commands.add_parser("pdf", help="make a PDF pamphlet")
    add_book_arguments(pdf, ".pdf")
    add_pdf_arguments(pdf)
    pdf.set_defaults(run=_run_pdf)

    from publish.batch.command import add_batch_command

    add_batch_command(commands)
    from publish.serve.command import add_serve_command

    add_serve_command(commands)
    from publish.project_args import add_project_arguments

    for name in _BOOK_COMMANDS:
        add_project_arguments(commands.choices[name], anthology=name != "batch")
    init = commands.add_parser("init", help="write a commented publish.toml and a theme folder to start from")
    init.add_argument("folder", nargs="?", default=".", metavar="FOLDER", help="where (default: the current folder)")
    init.add_argument("--force", action="store_true", help="overwrite the files if they are there")
    init.set_defaults(run=_run_init)

    themes = commands.add_parser("themes", help="list the themes (--theme), or describe a theme folder")
    themes.add_argument("folder", nargs="?", type=Path, help="a theme folder to describe")
    themes.set_defaults(run=_run_themes)

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

    worker = commands.add_parser("warm", help="show or stop the warm worker that makes later commands start at once")
    worker.add_argument(
        "action",
        choices=("status", "stop"),
        help="status: list your workers; stop: end all of them now (every publish and environment of yours)",
    )
    worker.set_defaults(run=_run_warm)

    completion = commands.add_parser(
        "completion", help='print a shell completion script: eval "$(publish completion bash)" (or zsh)'
    )
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell to complete in")
    completion.set_defaults(run=_run_completion)
    from publish.limit_options import add_limit_arguments

    for name in (*_BOOK_COMMANDS, "inspect", "audit"):
        add_limit_arguments(commands.choices[name])
    return parser


def _run_warm(args: argparse.Namespace) -> int:
    from publish.warm_control import status_lines, stop

    for line in status_lines() if args.action == "status" else stop():
        print(line)
    return 0


def _run_completion(args: argparse.Namespace) -> int:
    from publish.completion import script

    sys.stdout.write(script(args.shell, _parser()))
    return 0


def _load(args: argparse.Namespace) -> Loaded:
    from publish.limit_options import limits_of
    from publish.loading import load as load_input
    from publish.loading import load_anthology, load_selection

    given = args.inputs if hasattr(args, "inputs") else [args.input]
    for item in given:
        refuse_address(item)
    told = _overrides(args)
    limits = limits_of(args)
    if getattr(args, "selection", None) is not None:
        from publish.loading import confined
        from publish.project_args import load_named

        if not getattr(args, "allow_outside", False):  # a project file may come from anyone, as a selection may
            listed = f"{args.project.path}: {args.selection.name}"
            for number, item in enumerate(args.selection.items, start=1):
                confined(item.path, args.project.path.parent, f"{listed}: item {number}")
        return load_named(args.selection, told, limits=limits)
    inputs = [Path(item) for item in given]
    if len(inputs) > 1:
        return load_anthology(inputs, title=args.title, author=None, overrides=told, limits=limits)
    if inputs[0].suffix.lower() == ".toml":
        allow_outside = getattr(args, "allow_outside", False)
        return load_selection(inputs[0], told, allow_outside=allow_outside, limits=limits)
    return load_input(inputs[0], whole_work=not getattr(args, "page_only", False), overrides=told, limits=limits)


def _overrides(args: argparse.Namespace) -> Overrides | None:
    """The user's metadata, checked before any page is read (None for commands without it)."""
    if not hasattr(args, "title"):
        return None
    from publish.overrides import overrides
    from publish.project_args import with_file_metadata

    told = overrides(title=args.title, authors=args.author, date_given=args.date, language=args.language)
    return with_file_metadata(args, told)


def _output(args: argparse.Namespace, suffix: str, loaded: Loaded) -> Path:
    from publish.book_names import file_name

    default_name = file_name(_default_stem(args, loaded), suffix)
    if args.output is None:
        return Path(default_name)
    from publish.output_target import check_names

    output = Path(args.output)
    check_names(output)
    if output.is_dir() or args.output.endswith(os.sep):
        return output / default_name
    return output


def _default_stem(args: argparse.Namespace, loaded: Loaded) -> str:
    """The book's file name without suffix: the page's, the work's own (not "index"), or the anthology's title."""
    if getattr(args, "selection", None) is not None:
        return _slug(args.selection.name)  # the name the user gave it in publish.toml
    if len(args.inputs) > 1:
        return _slug(args.title or "anthology")
    from publish.book_names import work_stem

    source = Path(args.inputs[0])
    if loaded.format == "work" or source.is_dir():
        stem = work_stem(PurePosixPath(index_of(source).resolve().as_posix()))
        if stem:
            return PurePosixPath(stem).name
    return source.stem if source.suffix else source.name


def _target(args: argparse.Namespace, output: Path, loaded: Loaded) -> Target:
    """Where the book goes, checked before it is made (``output_target``): never over the
    pages it is made from, nor in place of a device, FIFO or folder."""
    from publish.output_target import output_target

    given = [Path(item) for item in getattr(args, "inputs", ())]
    read = [*given, *(index_of(item) for item in given), *(Path(page) for page, _ in loaded.families)]
    if getattr(args, "cover", None):
        read.append(Path(args.cover))
    return output_target(output, inputs=read)


def _write(target: Target, data: bytes) -> None:
    from publish.output_target import write_through

    if target.through:
        write_through(target, data)
    else:
        write_atomic(target.path, data)


def _book(args: argparse.Namespace) -> Loaded:
    """The loaded input, refused with N010's one line if it has no text to make a book of."""
    from publish.loading import require_text

    return require_text(_load(args), args.inputs[0])


def _run_epub(args: argparse.Namespace) -> int:
    from publish.pipeline import make_epub

    options = epub_options(args, _base_dir(Path(args.inputs[0])))
    loaded = _book(args)
    output = _output(args, ".epub", loaded)
    target = _target(args, output, loaded)
    book = make_epub(loaded.document, options)
    _write(target, book.data)
    out = output_of(args)
    out.diagnostics([*loaded.diagnostics, *book.diagnostics])
    out.wrote(str(output))
    return 0


def _run_pdf(args: argparse.Namespace) -> int:
    from publish.pipeline import make_pamphlet

    options = pamphlet_options(args, _base_dir(Path(args.inputs[0])))
    loaded = _book(args)
    output = _output(args, ".pdf", loaded)
    target = _target(args, output, loaded)
    book = make_pamphlet(loaded.document, options, str(output))
    out = output_of(args)
    for line in book.notes:
        out.note(line)
    _write(target, book.data)
    out.diagnostics((*loaded.diagnostics, *book.diagnostics))
    out.wrote(str(output), book.summary, book.advice)
    return 0


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split()) or "anthology"


def _base_dir(source: Path) -> Path:
    """The folder the renderers may read pictures from: the input's own."""
    return source.resolve() if source.is_dir() else source.resolve().parent


def _run_init(args: argparse.Namespace) -> int:
    from publish.project_init import init

    output = output_of(args)
    for path in init(Path(args.folder), force=args.force):
        output.wrote(str(path))
    return 0


def _run_inspect(args: argparse.Namespace) -> int:
    from publish import model_json

    loaded = _load(args)
    if args.diagnostics:
        for page, family in loaded.families:
            print(f"{page}: read as the {family} page family")
        for diagnostic in loaded.diagnostics:
            print(diagnostic)
        return 0
    write_out(model_json.dumps(loaded.document))  # a model is often over a pipe's 64 KB
    return 0


def _run_themes(args: argparse.Namespace) -> int:
    from publish.themes import theme_lines

    for line in theme_lines(args.folder):
        print(line)
    return 0


def _run_audit(args: argparse.Namespace) -> int:
    from publish.audit import audit, furniture_words

    refuse_address(args.input)
    path = Path(args.input)
    data = read_input(path)
    result = audit(data, str(path))
    verdict = "passes" if result.passed else "FAILS"
    print(f"{path}: {verdict}: {result.source_words} words in the page, {result.model_words} in the model")
    for line in result.differences(furniture_words(data, str(path))):
        print(f"  {line}")
    for label, gaps in (("missing", result.missing), ("extra", result.extra)):
        for gap in gaps:
            print(f"  {label}: {' '.join(gap.words)}  (…{gap.context}…)")
    return 0 if result.passed else 1
