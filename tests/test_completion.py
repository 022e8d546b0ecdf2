"""``publish completion bash|zsh``: the scripts loaded into real shells and asked what a TAB offers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from publish.cli import _parser
from publish.completion import describe
from tests.conftest import ROOT

_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _script(shell: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "publish", "completion", shell], capture_output=True, text=True, env=_ENV,
        timeout=60, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "publish.bash"
    path.write_text(_script("bash"))
    return path


def _bash(script: Path, *words: str, cwd: Path = ROOT) -> list[str]:
    """What bash offers for the last of ``words`` (the word being completed, maybe empty)."""
    driver = (
        f'eval "$(cat {script})"\n'
        'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()\n'
        "_publish\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", driver, "bash", *words], capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line for line in done.stdout.splitlines() if line]


def test_bash_registers_the_function(bash_script: Path) -> None:
    done = subprocess.run(
        ["bash", "-c", f'eval "$(cat {bash_script})"; complete -p publish'], capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "complete -F _publish publish"


def test_bash_completes_commands_options_and_choices(bash_script: Path) -> None:
    assert _bash(bash_script, "publish", "ep") == ["epub"]
    assert set(_bash(bash_script, "publish", "pdf", "--pa")) == {"--paper", "--page-only"}
    assert _bash(bash_script, "publish", "pdf", "--paper", "") == ["a5", "a4", "a6", "letter", "half-letter"]
    assert _bash(bash_script, "publish", "pdf", "--paper", "=", "a") == ["a5", "a4", "a6"], "--paper=a<TAB>"
    assert _bash(bash_script, "publish", "pdf", "--impose", "b") == ["booklet"]
    assert _bash(bash_script, "publish", "epub", "--format", "") == ["text", "json"]
    assert _bash(bash_script, "publish", "completion", "") == ["bash", "zsh"]
    assert _bash(bash_script, "publish", "epub", "--title", "") == [], "a free value: nothing to offer"


def test_bash_offers_every_option_the_parser_has(bash_script: Path) -> None:
    for command in describe(_parser()):
        offered = set(_bash(bash_script, "publish", command.name, "-"))
        assert offered == {name for option in command.options for name in option.names}, command.name


def test_bash_completes_files_and_folders(bash_script: Path, tmp_path: Path) -> None:
    (tmp_path / "lazy.htm").write_text("x")
    (tmp_path / "looks").mkdir()
    (tmp_path / "lean.txt").write_text("x")
    assert set(_bash(bash_script, "publish", "epub", "l", cwd=tmp_path)) == {"lazy.htm", "looks", "lean.txt"}
    assert _bash(bash_script, "publish", "pdf", "--styles", "l", cwd=tmp_path) == ["looks"]
    assert set(_bash(bash_script, "publish", "epub", "-o", "l", cwd=tmp_path)) == {"lazy.htm", "looks", "lean.txt"}
    assert set(_bash(bash_script, "publish", "pdf", "--theme", "l", cwd=tmp_path)) == {"large-print", "looks"}


def test_an_unknown_shell_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "publish", "completion", "fish"], capture_output=True, text=True, env=_ENV,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "invalid choice: 'fish'" in done.stderr and done.stdout == ""


# zsh completes only inside its line editor: an interactive zsh on a pseudo-terminal (zpty) is given
# the words and a TAB, with compadd wrapped to print each candidate it is given. (The markers are
# split by quotes in the commands so that the terminal's echo of a command is not taken for them.)
_ZSH_CAPTURE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PROMPT= ; RPROMPT= ; TERM=dumb"
zpty -w z "autoload -U compinit && compinit -u -D"
zpty -w z "source ${(q)1}"
zpty -w z 'compadd () {
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
    typeset -a __hits; builtin compadd -A __hits "$@"
    local h; for h in $__hits; do print -n -- "\n<hi""t>$h</hi""t>"; done
    builtin compadd "$@"
}'
zpty -w z 'finish () { print -n "\n<do""ne>"; zle kill-whole-line; zle accept-line }'
zpty -w z 'zle -N finish; bindkey "^X" finish'
zpty -w z 'print -n "<rea""dy>"'
zpty -r z line '*<ready>*'
zpty -n -w z "$2"$'\t'
zpty -n -w z $'\C-x'
out=""
while zpty -r z chunk; do out+=$chunk; [[ $out == *"<done>"* ]] && break; done
print -l -- ${${(M)${(f)out}:#*<hit>*}//(*<hit>|<\/hit>*)/}
zpty -d z
"""


@pytest.fixture(scope="module")
def zsh_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed (Debian: apt-get install zsh)")
    folder = tmp_path_factory.mktemp("zsh")
    (folder / "publish.zsh").write_text(_script("zsh"))
    (folder / "capture.zsh").write_text(_ZSH_CAPTURE)
    return folder / "publish.zsh", folder / "capture.zsh"


def _zsh(files: tuple[Path, Path], line: str, cwd: Path = ROOT) -> list[str]:
    script, capture = files
    done = subprocess.run(
        ["zsh", "-f", str(capture), str(script), line], capture_output=True, text=True, cwd=cwd, timeout=60,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [hit.strip("\r") for hit in done.stdout.splitlines() if hit.strip()]


def test_zsh_script_parses_and_registers(zsh_files: tuple[Path, Path]) -> None:
    script, _ = zsh_files
    assert subprocess.run(["zsh", "-n", str(script)], timeout=60, check=False).returncode == 0
    done = subprocess.run(
        ["zsh", "-f", "-c", f"autoload -U compinit && compinit -u -D; source {script}; print -- $_comps[publish]"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == "_publish"


def test_zsh_completes_commands_options_and_choices(zsh_files: tuple[Path, Path], tmp_path: Path) -> None:
    assert _zsh(zsh_files, "publish ep") == ["epub"]
    assert set(_zsh(zsh_files, "publish pdf --pa")) == {"--paper", "--page-only"}
    assert _zsh(zsh_files, "publish pdf --paper ") == ["a5", "a4", "a6", "letter", "half-letter"]
    assert _zsh(zsh_files, "publish completion ") == ["bash", "zsh"]
    assert _zsh(zsh_files, "publish batch --executor ") == ["local", "dask"]
    (tmp_path / "lazy.htm").write_text("x")
    (tmp_path / "looks").mkdir()
    assert set(_zsh(zsh_files, "publish epub l", cwd=tmp_path)) == {"lazy.htm", "looks"}
    assert set(_zsh(zsh_files, "publish pdf --styles l", cwd=tmp_path)) == {"looks"}, "folders only"
    assert set(_zsh(zsh_files, "publish pdf --theme l", cwd=tmp_path)) == {"large-print", "looks"}, "names, folders"
