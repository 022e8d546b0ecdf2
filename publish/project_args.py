"""The command line's side of ``publish.toml``: the file's values under what the user typed.

Precedence is built-in default < file < command line. The file's values become the command's
argparse defaults (``set_defaults``) and the command line is parsed again, so an option the user
typed wins and one they did not takes the file's value, with each option still defined once.
A flag the file turns on (``fit = true``) cannot be turned off by the command line, which has no
``--no-fit``; ``--no-config`` leaves the file out. Imported only by commands that make books, so
``publish --help`` never reads TOML.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from publish.errors import PublishError
from publish.limits import DEFAULT, Limits

if TYPE_CHECKING:
    from publish.overrides import Overrides
    from publish.pipeline import Loaded
    from publish.project import Anthology, Project


def add_project_arguments(parser: argparse.ArgumentParser, *, anthology: bool) -> None:
    parser.add_argument(
        "--config", metavar="FILE", help="the project file to use (default: publish.toml in the current folder, if any)"
    )
    parser.add_argument("--no-config", action="store_true", help="ignore publish.toml in the current folder")
    if anthology:
        parser.add_argument(
            "--anthology", metavar="NAME", help="make the anthology the project file's [anthology.NAME] describes"
        )


def with_project(
    parser: argparse.ArgumentParser,
    command: argparse.ArgumentParser,
    args: argparse.Namespace,
    argv: Sequence[str] | None,
) -> argparse.Namespace:
    """``args`` parsed again with the project file's values as ``command``'s defaults, the
    project in ``args.project`` and a named anthology's items as the inputs."""
    from publish.project import find

    project = find(args.config, ignore=args.no_config)
    if project is not None:
        dests = {action.dest for action in command._actions}
        given = project.settings.given()
        command.set_defaults(**{dest: value for dest, value in given.items() if dest in dests or dest == "theme"})
        args, _ = parser.parse_known_args(argv)
        _typed_cover_wins(args, project)
    args.project = project
    args.selection = _anthology(command, args, project)
    return args


def _typed_cover_wins(args: argparse.Namespace, project: Project) -> None:
    """``--cover`` and ``--no-cover`` exclude each other on the command line, not against the file."""
    cover = getattr(args, "cover", None)
    if project.settings.cover is not None and cover is project.settings.cover and args.no_cover:
        args.cover = None  # the user typed --no-cover
    if project.settings.no_cover and cover is not None:
        args.no_cover = False  # the user typed --cover FILE


def _anthology(command: argparse.ArgumentParser, args: argparse.Namespace, project: Project | None) -> Anthology | None:
    if not hasattr(args, "inputs"):
        return None
    name: str | None = getattr(args, "anthology", None)
    if name is None:
        if not args.inputs:
            command.error("the following arguments are required: INPUT (or --anthology NAME)")
        return None
    if args.inputs:
        raise PublishError(f"--anthology {name}", "makes a book of the project file's items: give no INPUT with it")
    if project is None:
        raise PublishError(f"--anthology {name}", "needs a publish.toml here (or --config FILE) that describes it")
    found = project.anthologies.get(name)
    if found is None:
        import difflib

        near = difflib.get_close_matches(name, list(project.anthologies), n=1)
        known = f"did you mean '{near[0]}'?" if near else f"it has {', '.join(project.anthologies) or 'none'}"
        raise PublishError(f"--anthology {name}", f"is not an anthology of {project.path}: {known}")
    args.inputs = [str(item.path) for item in found.items]
    return found


def with_file_metadata(args: argparse.Namespace, told: Overrides) -> Overrides:
    """The command line's metadata over the project file's for this input (field by field)."""
    project: Project | None = getattr(args, "project", None)
    if project is None:
        return told
    selection: Anthology | None = getattr(args, "selection", None)
    if selection is not None:
        from publish.overrides import Overrides

        base: Overrides | None = Overrides(authors=selection.authors)
    elif len(args.inputs) == 1:
        from publish.project import input_key

        base = project.metadata.get(input_key(Path(args.inputs[0])))
    else:
        base = None
    if base is None:
        return told
    from publish.overrides import Overrides

    return Overrides(
        title=told.title or base.title,
        authors=told.authors or base.authors,
        date=told.date or base.date,
        language=told.language or base.language,
    )


def load_named(selection: Anthology, told: Overrides | None, *, limits: Limits = DEFAULT) -> Loaded:
    """The project file's anthology, loaded as a selection file's would be."""
    from publish.loading import load_selected

    items = [(item.path, item.title) for item in selection.items]
    return load_selected(items, title=selection.title, author=None, overrides=told, limits=limits)
