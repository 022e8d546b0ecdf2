"""The limit options and publish.toml keys: each parsed and checked, each one a field of the
``Limits`` the command passes on, a mistake one line, and the file's value under the typed one."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from publish.cli import _command_parser, _parser
from publish.errors import PublishError
from publish.limit_options import MAX_NESTING, add_limit_arguments, limits_of, parse_size
from publish.limits import DEFAULT, MIB, Limits
from publish.model import Document, Metadata, Paragraph, Text
from publish.model_walk import query
from publish.pipeline import typeset
from publish.project import load
from publish.project_args import with_project


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("32M", 32 * MIB),
        ("500k", 500 * 1024),
        ("1.5G", 1536 * MIB),
        ("20MB", 20 * MIB),
        ("1048576", MIB),
        ("2 MiB", 2 * MIB),
    ],
)
def test_a_size_is_bytes_or_a_number_with_a_unit(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-1M", "3Q", "0", "1.2.3M", "32 megabytes"])
def test_a_size_that_is_none_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a size"):
        parse_size(text)


def _limits(*argv: str) -> Limits:
    parser = argparse.ArgumentParser()
    add_limit_arguments(parser)
    return limits_of(parser.parse_args(argv))


def test_no_option_is_the_default_and_each_option_sets_its_field() -> None:
    assert _limits() is DEFAULT
    given = ["--max-input-size", "64M", "--max-picture-size", "1M", "--max-paragraph-words", "900"]
    given += ["--max-word-length", "50", "--max-nesting", "64"]
    wanted = Limits(input_bytes=64 * MIB, picture_bytes=MIB, paragraph_words=900, word_chars=50, nesting_depth=64)
    assert _limits(*given) == wanted


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--max-nesting", str(MAX_NESTING + 1)], "from 1 to 64"),
        (["--max-nesting", "0"], "from 1 to 64"),
        (["--max-paragraph-words", "0"], "at least 1"),
        (["--max-word-length", "many"], "at least 1"),
        (["--max-input-size", "big"], "is not a size"),
    ],
)
def test_a_wrong_limit_is_one_line_and_exit_2(argv: list[str], says: str, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Title\n\nA line.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "publish", "epub", str(page), *argv],
        capture_output=True,
        text=True,
        check=False,
        env={"PUBLISH_WARM": "0", "PATH": ""},
    )
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert says in last and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", ["epub", "pdf", "batch", "inspect", "audit"])
def test_every_command_that_reads_input_takes_the_limits(command: str) -> None:
    options = {option for action in _command_parser(_parser(), command)._actions for option in action.option_strings}
    assert {"--max-input-size", "--max-picture-size", "--max-paragraph-words", "--max-word-length"} <= options
    assert "--max-nesting" in options


def _project(folder: Path, text: str) -> Path:
    path = folder / "publish.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_sets_limits_and_the_command_line_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, 'max_input_size = "64M"\nmax_paragraph_words = 800\nmax_nesting = 40\nmax_picture_size = 1024')
    settings = load(tmp_path / "publish.toml").settings
    assert (settings.max_input_size, settings.max_paragraph_words, settings.max_picture_size) == (64 * MIB, 800, 1024)
    parser = _parser()
    argv = ["pdf", "x.txt", "--max-paragraph-words", "300"]
    args, _ = parser.parse_known_args(argv)
    args = with_project(parser, _command_parser(parser, "pdf"), args, argv)
    assert limits_of(args) == Limits(input_bytes=64 * MIB, picture_bytes=1024, paragraph_words=300, nesting_depth=40)


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ('max_input_size = "huge"', "is not a size"),
        ("max_input_size = true", "'max_input_size' must be a size"),
        ("max_nesting = 65", "from 1 to 64"),
        ("max_word_length = 0", "must be at least 1"),
        ('max_paragraph_words = "5000"', "'max_paragraph_words' must be an integer"),
        ("max_paragraph_wrds = 5", "did you mean 'max_paragraph_words'?"),
    ],
)
def test_a_wrong_limit_in_the_file_is_one_line(tmp_path: Path, text: str, cause: str) -> None:
    with pytest.raises(PublishError) as raised:
        load(_project(tmp_path, text))
    assert cause in raised.value.cause and "\n" not in raised.value.cause


def test_typeset_bounds_paragraphs_by_the_limits_it_is_given() -> None:
    words = " ".join(["word"] * 30)
    document = Document(metadata=Metadata(title="T", language="en"), body=(Paragraph(content=(Text(text=words),)),))
    loaded = typeset(document, "html", (), limits=Limits(paragraph_words=10))
    assert len(list(query(loaded.document.body, Paragraph))) == 3
    assert [d.code for d in loaded.diagnostics] == ["N060"]
    assert len(list(query(typeset(document, "html", ()).document.body, Paragraph))) == 1
