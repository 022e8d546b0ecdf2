"""``--theme`` and ``publish themes`` as a user meets them: real processes, real files."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from tests.support import pdf_text


def _publish(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "publish", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=environment,
        timeout=300,
        check=False,
    )


def test_publish_themes_lists_the_built_in_themes_with_what_they_look_like() -> None:
    listed = _publish("themes")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    names = {line.split()[0]: line for line in lines if line and not line.startswith("Use ")}
    assert set(names) == {"classic", "large-print"}
    assert "Source Serif Pro" in names["classic"] and "large-print" in names["large-print"]
    assert "Source Sans Pro" in names["large-print"]


def test_publish_themes_describes_a_theme_folder(tmp_path: Path) -> None:
    theme = tmp_path / "mine"
    (theme / "styles").mkdir(parents=True)
    (theme / "theme.toml").write_text('description = "mine"\nextends = "large-print"\n', encoding="utf-8")
    (theme / "styles/epub.extra.css").write_text("h1 { color: navy; }\n", encoding="utf-8")
    (theme / "styles/paper-a5.css").write_text("@page { size: A5; }\n", encoding="utf-8")
    shown = _publish("themes", str(theme))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == [
        f"{theme}: mine",
        f"  extends: large-print ({ROOT / 'themes/large-print'} -> classic)",
        "  adds to: styles/epub.css",
        "  overrides: styles/paper-a5.css",
    ]


@pytest.mark.parametrize("command", ["epub", "pdf"])
def test_an_unknown_theme_is_one_line_with_the_nearest_name_and_exit_2(command: str, tmp_path: Path) -> None:
    result = _publish(command, str(SEED), "--theme", "larg-print", "-o", str(tmp_path / "book"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "publish: --theme larg-print: no such theme or folder; did you mean 'large-print'? "
        "the themes are classic, large-print"
    ]
    assert not list(tmp_path.iterdir()), "nothing written"


def test_a_folder_that_is_not_a_theme_is_refused_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for given, cause in ((tmp_path / "empty", "is not a theme"), (tmp_path / "gone", "no such folder")):
        result = _publish("pdf", str(SEED), "--theme", str(given), "-o", str(tmp_path / "x.pdf"))
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(f"publish: --theme {given}: {cause}")
    assert not (tmp_path / "x.pdf").exists()


def test_a_syntax_error_in_a_themes_template_is_one_line_with_its_file_and_line(tmp_path: Path) -> None:
    template = tmp_path / "broken/templates/epub/titlepage.xhtml.j2"
    template.parent.mkdir(parents=True)
    template.write_text('{% extends "classic/epub/titlepage.xhtml.j2" %}\n{% block body %}\n{% endblok %}\n')
    result = _publish("epub", str(SEED), "--theme", str(tmp_path / "broken"), "-o", str(tmp_path / "x.epub"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"publish: {template}:3: template syntax error: ")
    assert not (tmp_path / "x.epub").exists()


def test_a_theme_folder_is_found_relative_to_the_current_folder(tmp_path: Path) -> None:
    imprint = tmp_path / "look/templates/pdf/imprint.html.j2"
    imprint.parent.mkdir(parents=True)
    imprint.write_text(
        '{% extends "large-print/pdf/imprint.html.j2" %}{% block maker %}<p>Our own press.</p>{% endblock %}\n'
    )
    result = _publish("pdf", str(SEED), "--theme", "look", "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = pdf_text((tmp_path / "x.pdf").read_bytes())
    assert "Our own press." in text and "Set in" not in text


def test_batch_makes_books_with_the_theme_and_remakes_them_when_a_theme_file_changes(tmp_path: Path) -> None:
    archive, out, theme = tmp_path / "archive", tmp_path / "library", tmp_path / "theme"
    (archive / "harman").mkdir(parents=True)
    (archive / "harman/party.txt").write_bytes(SEED.read_bytes())
    (theme / "styles").mkdir(parents=True)
    (theme / "theme.toml").write_text('extends = "large-print"\n', encoding="utf-8")
    extra = theme / "styles/epub.extra.css"
    extra.write_text("h1 { color: #222; }\n", encoding="utf-8")
    batch = ("batch", str(archive), str(out), "--text", "--formats", "epub,pdf", "--no-cover", "-j", "1")

    first = _publish(*batch, "--theme", str(theme))
    assert first.returncode == 0 and "1 made" in first.stderr, first.stderr
    pdf = (out / "harman/party.pdf").read_bytes()
    assert "Set in Source Sans Pro" in pdf_text(pdf), "the large-print theme it extends made the PDF"
    with zipfile.ZipFile(out / "harman/party.epub") as epub:
        assert epub.read("EPUB/style.css").decode().endswith("h1 { color: #222; }\n")

    again = _publish(*batch, "--theme", str(theme))
    assert again.returncode == 0 and "0 made, 1 unchanged" in again.stderr, again.stderr

    extra.write_text("h1 { color: #000; }\n", encoding="utf-8")
    changed = _publish(*batch, "--theme", str(theme))
    assert changed.returncode == 0 and "1 made" in changed.stderr, changed.stderr
    with zipfile.ZipFile(out / "harman/party.epub") as epub:
        assert epub.read("EPUB/style.css").decode().endswith("h1 { color: #000; }\n")

    classic = _publish(*batch)
    assert classic.returncode == 0 and "1 made" in classic.stderr, "another theme remakes the books"
    assert "Set in Source Serif Pro" in pdf_text((out / "harman/party.pdf").read_bytes())
