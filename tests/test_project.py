"""publish.toml read in-process: what a valid file gives, each mistake's one line, and the
precedence built-in default < file < command line as the parsed options show it."""

from __future__ import annotations

import argparse
import os
import re
import tomllib
from pathlib import Path

import pytest

from publish.cli import _command_parser, _parser
from publish.errors import PublishError
from publish.project import input_key, load
from publish.project_args import with_project
from publish.project_init import init
from publish.project_keys import KEYS, Settings
from tests.conftest import SEED


def _project(folder: Path, text: str) -> Path:
    path = folder / "publish.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_gives_typed_settings_relative_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / "looks").mkdir()
    (tmp_path / "page.txt").write_bytes(SEED.read_bytes())
    text = """
paper = "a4"
fit = true
bleed = 3
signature = 8
formats = ["epub", "pdf"]
templates = "looks"
output = "books"
cover = false
theme = "large-print"
[metadata."page.txt"]
author = "Jane Doe; John Roe"
date = "1917-11"
language = "pt_br"
[anthology.pair]
items = ["page.txt", { path = "page.txt", title = "Again" }]
"""
    project = load(_project(tmp_path, text))
    assert project.settings == Settings(
        paper="a4",
        fit=True,
        bleed=3.0,
        signature=8,
        formats="epub,pdf",
        templates=tmp_path / "looks",
        output=f"{tmp_path / 'books'}{os.sep}",
        no_cover=True,
        theme="large-print",
    )
    fixes = project.metadata[(tmp_path / "page.txt").resolve()]
    assert (fixes.authors, fixes.date, fixes.language) == (("Jane Doe", "John Roe"), "1917-11", "pt-BR")
    pair = project.anthologies["pair"]
    assert pair.title == "pair" and [item.title for item in pair.items] == [None, "Again"]


def test_a_theme_folder_beside_the_file_is_made_absolute_a_name_is_kept(tmp_path: Path) -> None:
    (tmp_path / "mine" / "styles").mkdir(parents=True)
    assert load(_project(tmp_path, 'theme = "mine"')).settings.theme == str(tmp_path / "mine")
    assert load(_project(tmp_path, 'theme = "classic"')).settings.theme == "classic"
    assert load(_project(tmp_path, 'theme = "large-print"')).settings.theme == "large-print"


def test_a_wrong_theme_is_named_as_the_files_key(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match=r"theme = \"large-prnt\": no such theme or folder; did you mean"):
        load(_project(tmp_path, 'theme = "large-prnt"'))
    (tmp_path / "empty").mkdir()
    with pytest.raises(PublishError, match="is not a theme"):
        load(_project(tmp_path, 'theme = "empty"'))


MISTAKES = [
    ('paperr = "a4"', "unknown key 'paperr': did you mean 'paper'?"),
    ("embed-font = true", "unknown key 'embed-font': did you mean 'embed_font'?"),
    ("[metdata]", "unknown table 'metdata': did you mean 'metadata'?"),
    ("zzz = 1", "unknown key 'zzz' (valid here: anthology, bleed, "),
    ("paper = 4", "'paper' must be a string, not an integer"),
    ("fit = 1", "'fit' must be a boolean (true or false), not an integer"),
    ('bleed = "3"', "'bleed' must be a number, not a string"),
    ("jobs = 2.5", "'jobs' must be an integer, not a float"),
    ("paper = 1917-11-07", "'paper' must be a string, not a date"),
    ("paper = [1]", "'paper' must be a string, not an array"),
    ("[paper]", "'paper' must be a string, not a table"),
    ("[[anthology]]", "'anthology' must be a table, not an array"),
    ('paper = "b5"', "paper = \"b5\": unknown paper size 'b5'; choose one of a5, a4"),
    ('impose = "bookled"', "impose = \"bookled\": did you mean 'booklet'? choose one of none, booklet"),
    ('formats = ["epub", "mobi"]', "the formats are epub and pdf"),
    ("jobs = 0", "jobs = 0: must be at least 1"),
    ('cover = "nope.jpg"', 'cover = "nope.jpg": no such file:'),
    ('paper = "a4', "is not valid TOML: "),
    ('fit = true\npaper == "a4"', "is not valid TOML: Invalid value (at line 2, column 8)"),
    ('[metadata."gone.htm"]\ntitle = "x"', '[metadata."gone.htm"]: gone.htm is not there (paths are relative to '),
    ('[metadata."page.txt"]\ntitel = "x"', "unknown key 'titel' in [metadata.\"page.txt\"]: did you mean 'title'?"),
    ('[metadata."page.txt"]\ndate = "1917-13"', '[metadata."page.txt"] date = "1917-13": is no day of the calendar'),
    ('[metadata."page.txt"]\nlanguage = "xx-zz-qq"', 'language = "xx-zz-qq": is not a language CLDR knows'),
    ('[metadata."page.txt"]\nauthor = 7', "'author' in [metadata.\"page.txt\"] must be a string or an array"),
    ("[anthology.a]\nitems = ['page.txt']\ntitle = 1", "'title' in [anthology.a] must be a string, not an integer"),
    ('[metadata."page.txt"]\ntitle = " "', 'title = " ": is empty'),
    ("[anthology.a]\ntitle = 'A'", "[anthology.a] lists no items"),
    ("[anthology.a]\nitems = ['page.txt']\nitem = []", "unknown key 'item' in [anthology.a]: did you mean 'items'?"),
    ("[anthology.a]\nitems = [{ pth = 'page.txt' }]", "[anthology.a] items: each is a path or a table"),
    ("[anthology.a]\nitems = ['gone.txt']", "[anthology.a]: gone.txt is not there"),
    ('[metadata]\n"page.txt" = "x"', "'metadata.\"page.txt\"' must be a table, not a string"),
    ("[anthology]\na = 1", "'anthology.a' must be a table, not an integer"),
]


@pytest.mark.parametrize(("text", "cause"), MISTAKES)
def test_each_mistake_is_one_line_naming_the_file_and_the_key(tmp_path: Path, text: str, cause: str) -> None:
    (tmp_path / "page.txt").write_bytes(SEED.read_bytes())
    path = _project(tmp_path, text)
    with pytest.raises(PublishError) as raised:
        load(path)
    assert raised.value.path == str(path)
    assert raised.value.cause.startswith(cause) or cause in raised.value.cause, raised.value.cause
    assert "\n" not in raised.value.cause


def test_a_work_is_one_input_by_its_folder_or_its_index_page(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "index.htm").write_text("<html></html>", encoding="utf-8")
    assert input_key(work) == input_key(work / "index.htm") == input_key(Path(os.path.relpath(work / "index.htm")))


def test_init_writes_every_key_and_each_default_line_parses(tmp_path: Path) -> None:
    written = init(tmp_path)
    assert [path.relative_to(tmp_path).as_posix() for path in written] == [
        "publish.toml",
        "theme/theme.toml",
        "theme/templates/epub/titlepage.xhtml.j2",
        "theme/styles/pamphlet.extra.css",
    ]
    text = (tmp_path / "publish.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}  # all commented out: the built-in defaults hold
    lines = re.findall(r"^# (\w+) = (.+)$", text, flags=re.MULTILINE)
    assert [name for name, _ in lines[: len(KEYS)]] == list(KEYS)
    for name, value in lines[: len(KEYS)]:  # each key's line, uncommented alone, is a valid file
        load(_project(tmp_path, f"{name} = {value}\n"))
    tables = "\n".join(line[2:] for line in text.splitlines() if line.startswith("# [") or " = " in line[:30])
    assert set(tomllib.loads(tables)) >= {"metadata", "anthology"}


def test_init_overwrites_nothing_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "theme" / "styles").mkdir(parents=True)
    (tmp_path / "theme" / "styles" / "pamphlet.extra.css").write_text("mine", encoding="utf-8")
    with pytest.raises(PublishError, match="is already there"):
        init(tmp_path)
    assert not (tmp_path / "publish.toml").exists()  # nothing written when one file is refused
    init(tmp_path, force=True)
    assert (tmp_path / "theme" / "styles" / "pamphlet.extra.css").read_text(encoding="utf-8") != "mine"


def _parsed(argv: list[str]) -> argparse.Namespace:
    """The arguments as ``publish`` sees them once the project file (in the current folder) is read."""
    parser = _parser()
    args, _ = parser.parse_known_args(argv)
    return with_project(parser, _command_parser(parser, args.command), args, argv)


def test_the_command_line_wins_and_the_file_fills_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, 'paper = "a4"\nfit = true\nimpose = "booklet"\ntheme = "large-print"\njobs = 3\nformats = "pdf"')
    args = _parsed(["pdf", "x.txt", "--paper", "a6"])
    assert (args.paper, args.fit, args.impose, args.theme) == ("a6", True, "booklet", "large-print")
    assert _parsed(["pdf", "x.txt"]).paper == "a4"
    assert _parsed(["pdf", "x.txt", "--no-config"]).paper == "a5"  # the built-in default
    batch = _parsed(["batch", "in", "out", "-j", "2"])
    assert (batch.paper, batch.jobs, batch.fit) == ("a4", 2, True)
    assert (_parsed(["batch", "in", "out"]).jobs, _parsed(["batch", "in", "out"]).formats) == (3, "pdf")
    assert _parsed(["batch", "in", "out", "--formats", "epub"]).formats == "epub"


def test_a_typed_cover_option_wins_over_the_files_cover(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.png").write_bytes(b"png")
    _project(tmp_path, 'cover = "c.png"')
    assert _parsed(["epub", "x.txt"]).cover == Path("c.png")
    typed = _parsed(["epub", "x.txt", "--no-cover"])
    assert (typed.cover, typed.no_cover) == (None, True)
    _project(tmp_path, "cover = false")
    assert _parsed(["epub", "x.txt"]).no_cover is True
    typed = _parsed(["epub", "x.txt", "--cover", "c.png"])
    assert (typed.cover, typed.no_cover) == (Path("c.png"), False)


def test_config_names_a_file_elsewhere_and_must_be_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere" / "looks").mkdir(parents=True)
    _project(tmp_path / "elsewhere", 'templates = "looks"')
    args = _parsed(["epub", "x.txt", "--config", "elsewhere/publish.toml"])
    assert args.templates == Path("elsewhere/looks")
    with pytest.raises(PublishError, match="no such file"):
        _parsed(["epub", "x.txt", "--config", "missing.toml"])
    with pytest.raises(PublishError, match="contradict"):
        _parsed(["epub", "x.txt", "--config", "elsewhere/publish.toml", "--no-config"])
