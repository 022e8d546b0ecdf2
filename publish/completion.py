"""``publish completion bash|zsh``: a completion script generated from the command line's own parser.

The script is static: the shell completes from lists written into it, and never runs publish on a
TAB (argcomplete would, and would import itself into every run of publish). Generating it from the
parser keeps it true to the commands and options there are, including those added later; a user
regenerates it after an upgrade. The shell completes file names for inputs and output files,
folder names for folders, the fixed choices of an option (and the named paper sizes), and nothing
for free values (a title, a number).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["flag", "file", "folder", "word", "choice", "choice-or-folder"]
SHELLS = ("bash", "zsh")


@dataclass(frozen=True, slots=True)
class Option:
    names: tuple[str, ...]
    kind: Kind
    about: str
    choices: tuple[str, ...] = ()
    repeats: bool = False


@dataclass(frozen=True, slots=True)
class Positional:
    name: str
    kind: Kind
    choices: tuple[str, ...] = ()
    many: bool = False


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    about: str
    options: tuple[Option, ...]
    positionals: tuple[Positional, ...]


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    commands = describe(parser)
    top = _options(parser)
    if shell == "zsh":
        return _zsh(commands, top)
    return _bash(commands, top)


def describe(parser: argparse.ArgumentParser) -> tuple[Command, ...]:
    """Each subcommand with its options and positionals, read from the parser."""
    found: list[Command] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                positionals = tuple(_positional(each) for each in sub._actions if not each.option_strings)
                found.append(Command(name, _about(helps.get(name, "")), _options(sub), positionals))
    return tuple(found)


def _options(parser: argparse.ArgumentParser) -> tuple[Option, ...]:
    return tuple(
        Option(
            names=tuple(action.option_strings),
            kind=_kind(action),
            about=_about(action.help or ""),
            choices=_choices(action),
            repeats=isinstance(action, argparse._AppendAction),
        )
        for action in parser._actions
        if action.option_strings and action.help != argparse.SUPPRESS
    )


def _positional(action: argparse.Action) -> Positional:
    many = action.nargs in ("+", "*", argparse.REMAINDER)
    return Positional(str(action.metavar or action.dest).lower(), _kind(action), _choices(action), many)


def _kind(action: argparse.Action) -> Kind:
    """What the value is, from what the parser says of it."""
    if action.option_strings and action.nargs == 0:
        return "flag"
    if action.dest == "theme":
        return "choice-or-folder"
    if _choices(action):
        return "choice"
    if str(action.metavar or "").endswith("DIR") or (action.help or "").lower().startswith("a folder"):
        return "folder"
    if action.type is not None and getattr(action.type, "__name__", "") in ("Path", "PurePath"):
        return "file"
    if not action.option_strings or action.dest == "output":  # an input, or where a book goes
        return "file"
    return "word"


def _choices(action: argparse.Action) -> tuple[str, ...]:
    if action.choices is not None:
        return tuple(str(choice) for choice in action.choices)
    if action.dest == "paper":  # named sizes; a custom WIDTHxHEIGHT is typed
        from publish.render.options import PAPERS

        return PAPERS
    if action.dest == "theme":  # the built-in themes' names, or a theme folder
        from publish.themes import BUILTIN

        return BUILTIN
    return ()


def _about(help_text: str) -> str:
    """The help's first clause, short enough for a completion menu."""
    text = help_text.replace("%%", "%").split(";")[0].split(" (")[0].strip()
    return text if len(text) <= 70 else text[:67].rstrip() + "..."


# --- bash ---------------------------------------------------------------------------------------


def _bash(commands: Sequence[Command], top: Sequence[Option]) -> str:
    names = " ".join(command.name for command in commands)
    top_words = " ".join(name for option in top for name in option.names)
    cases = "\n".join(_bash_command(command) for command in commands)
    return _BASH.format(names=names, top=top_words, cases=cases)


def _bash_command(command: Command) -> str:
    value_cases = []
    for option in command.options:
        if option.kind == "flag":
            continue
        patterns = "|".join(option.names)
        value_cases.append(f"                {patterns}) {_bash_reply(option.kind, option.choices)}; return ;;")
    words = " ".join(name for option in command.options for name in option.names)
    positional = command.positionals[0] if command.positionals else None
    rest = _bash_reply(positional.kind, positional.choices) if positional else "COMPREPLY=()"
    values = ['            case "$prev" in', *value_cases, "            esac"] if value_cases else []
    return "\n".join(
        [
            f"        {command.name})",
            *values,
            f'            if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "{words}" -- "$cur")); return; fi',
            f"            {rest}",
            "            ;;",
        ]
    )


def _bash_reply(kind: Kind, choices: Sequence[str]) -> str:
    if kind == "choice":
        return f'COMPREPLY=($(compgen -W "{" ".join(choices)}" -- "$cur"))'
    if kind == "choice-or-folder":
        return f'COMPREPLY=($(compgen -W "{" ".join(choices)}" -- "$cur") $(compgen -d -- "$cur"))'
    if kind == "file":
        return "_publish_paths -f"
    if kind == "folder":
        return "_publish_paths -d"
    return "COMPREPLY=()"


_BASH = """\
# bash completion for publish; load it with: eval "$(publish completion bash)"
# (generated by `publish completion bash`: regenerate it after upgrading publish)

_publish_paths() {{
    local IFS=$'\\n'
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen "$1" -- "$cur"))
}}

_publish() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" command="" i
    COMPREPLY=()
    if [[ $prev == = ]]; then prev="${{COMP_WORDS[COMP_CWORD-2]}}"; fi  # --paper=a<TAB>
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${{COMP_WORDS[i]}} != -* ]]; then command="${{COMP_WORDS[i]}}"; break; fi
    done
    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "{names} {top}" -- "$cur"))
        return
    fi
    case "$command" in
{cases}
    esac
}}

complete -F _publish publish
"""


# --- zsh ----------------------------------------------------------------------------------------


def _zsh(commands: Sequence[Command], top: Sequence[Option]) -> str:
    described = "\n".join(f"        {_quote(f'{command.name}:{_zsh_text(command.about)}')}" for command in commands)
    top_specs = " \\\n        ".join(_quote(spec) for option in top for spec in _zsh_specs(option, exclusive=True))
    cases = "\n".join(
        f"        {command.name}) _arguments -s -S \\\n            "
        + " \\\n            ".join(_quote(spec) for spec in _zsh_command_specs(command))
        + " ;;"
        for command in commands
    )
    return _ZSH.format(described=described, top=top_specs, cases=cases)


def _zsh_command_specs(command: Command) -> Iterator[str]:
    for option in command.options:
        yield from _zsh_specs(option, exclusive=False)
    for positional in command.positionals:
        action = _zsh_action(positional.kind, positional.choices)
        yield f"{'*' if positional.many else ''}:{positional.name}:{action}"


def _zsh_specs(option: Option, *, exclusive: bool) -> Iterator[str]:
    """One ``_arguments`` spec per spelling (-o and --output), each excluding the other."""
    others = "(- *)" if exclusive else f"({' '.join(option.names)})" if len(option.names) > 1 else ""
    if option.repeats:
        others = "*"
    about = f"[{_zsh_text(option.about)}]"
    for name in option.names:
        if option.kind == "flag":
            yield f"{others}{name}{about}"
            continue
        joiner = "=" if name.startswith("--") else "+"
        value = option.names[-1].lstrip("-").replace("-", " ")
        yield f"{others}{name}{joiner}{about}:{value}:{_zsh_action(option.kind, option.choices)}"


def _zsh_action(kind: Kind, choices: Sequence[str]) -> str:
    if kind == "choice":
        return f"({' '.join(choices)})"
    if kind == "choice-or-folder":  # a function of the script's: _arguments would split these colons
        return "_publish_names_or_folders " + " ".join(choices)
    if kind == "file":
        return "_files"
    if kind == "folder":
        return "_files -/"
    return " "


def _zsh_text(text: str) -> str:
    """Text inside a spec's brackets or a described name: no brackets, colons or quotes to break it."""
    text = text.replace("'", "\u2019").replace(": ", " - ")
    return re.sub(r"[\[\]:\\]", " ", text).replace("  ", " ").strip()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


_ZSH = """\
#compdef publish
# zsh completion for publish; load it with: eval "$(publish completion zsh)" (after compinit)
# (generated by `publish completion zsh`: regenerate it after upgrading publish)

_publish_names_or_folders() {{
    _alternative "names:name:($*)" 'folders:folder:_files -/'
}}

_publish() {{
    local curcontext="$curcontext" state line
    local -a commands
    commands=(
{described}
    )
    _arguments -C \\
        {top} \\
        '1: :->command' \\
        '*:: :->arguments'
    case $state in
        command) _describe -t commands 'publish command' commands ;;
        arguments)
            case $line[1] in
{cases}
            esac
            ;;
    esac
}}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _publish "$@"
else
    compdef _publish publish
fi
"""
