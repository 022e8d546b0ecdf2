"""The package as a user gets it: an sdist and a wheel built the way a release is (the wheel built
*from* the sdist), checked by twine, installed into a new virtual environment outside the checkout
and run there with that environment's own ``publish`` (issue 14, must-show 1).

The new environment gets the wheel with ``--no-deps`` and borrows the dependencies from the
developers' environment (the one running this test) through a ``.pth`` line: installing them again
would need an index (the network, on a fresh clone) and take minutes. A ``.pth`` file inside a
folder that a ``.pth`` line adds is not processed, so the developers' editable install of publish
cannot leak in; the tests check that the code that runs is the wheel's all the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, SEED
from tests.support import epubcheck

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Built:
    sdist: Path
    wheel: Path


@dataclass(frozen=True)
class Installed:
    venv: Path
    home: Path  # the working folder for its commands: outside the checkout

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PUBLISH_DEBUG")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run(
            list(args), cwd=self.home, env=env, capture_output=True, text=True, timeout=300, check=False
        )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``python -m build`` without isolation: hatchling and babel come from the dev extra, so it
    works offline; build makes the sdist, then the wheel from the unpacked sdist."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Built(sdist=sdist, wheel=wheel)


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("fresh")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(built.wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "zz-dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home = base / "home"
    home.mkdir()
    return Installed(venv=venv, home=home)


def _builtin_files(folder: str) -> set[str]:
    """Every file of a built-in folder of the checkout (templates, styles, themes), as the wheel names it."""
    return {
        f"publish/{path.relative_to(ROOT).as_posix()}"
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_carries_the_code_the_look_and_the_compiled_catalogues(built: Built) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        names = set(archive.namelist())
    code = {path.relative_to(ROOT).as_posix() for path in (ROOT / "publish").rglob("*.py")}
    look = set().union(*(_builtin_files(folder) for folder in ("templates", "styles", "themes")))
    catalogues = {
        path.relative_to(ROOT).with_suffix(".mo").as_posix()
        for path in (ROOT / "publish" / "locale").glob("*/LC_MESSAGES/*.po")
    }
    typed = {"publish/py.typed"} if (ROOT / "publish" / "py.typed").is_file() else set()
    assert code and look and catalogues
    assert code | look | catalogues | typed <= names, sorted((code | look | catalogues | typed) - names)
    assert not [name for name in names if name.startswith(("tests/", "tools/", "bench/"))]
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    with zipfile.ZipFile(built.wheel) as archive:
        fields = archive.read(metadata).decode()
    assert "License-Expression: AGPL-3.0-or-later" in fields
    assert "Description-Content-Type: text/markdown" in fields


def test_the_sdist_has_what_building_a_wheel_needs(built: Built) -> None:
    with tarfile.open(built.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    needed = {"pyproject.toml", "hatch_build.py", "README.md", "LICENSE"}
    needed |= {path.relative_to(ROOT).as_posix() for path in (ROOT / "publish" / "locale").rglob("*.po")}
    needed |= {name.removeprefix("publish/") for name in set().union(*map(_builtin_files, ("templates", "styles")))}
    needed |= {name.removeprefix("publish/") for name in _builtin_files("themes")}
    assert needed <= names, sorted(needed - names)
    assert not [name for name in names if name.endswith(".mo")], "build products belong in the wheel only"


def test_twine_passes_both(built: Built) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(built.sdist), str(built.wheel)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_the_installed_package_is_the_wheels(installed: Installed) -> None:
    """The API imports from the new environment, not from the checkout or the editable install."""
    script = (
        "import json, sys, publish\n"
        "print(json.dumps({'file': publish.__file__, 'version': publish.__version__, 'path': sys.path}))"
    )
    if (ROOT / "publish" / "api.py").is_file():  # the typed API (issue 14): read a text, make a book of it
        script += (
            f"\ndoc = publish.read({str(SEED)!r})\nbook = publish.render_epub(doc)"
            "\nassert isinstance(book, bytes) and book[:2] == b'PK', type(book)"
        )
    done = installed.run(str(installed.venv / "bin" / "python"), "-c", script)
    assert done.returncode == 0, done.stderr
    facts: dict[str, Any] = json.loads(done.stdout.splitlines()[0])
    assert Path(facts["file"]).is_relative_to(installed.venv), facts["file"]
    assert facts["version"]
    elsewhere = [installed.home / entry for entry in facts["path"]]  # "" is the working folder
    elsewhere = [entry for entry in elsewhere if (entry / "publish" / "__init__.py").is_file()]
    assert all(entry.is_relative_to(installed.venv) for entry in elsewhere), elsewhere


def _pages(corpus: Path) -> list[Path]:
    """A page of the corpus of middling size (not a work's index, which would make the whole work)."""
    pages = sorted(
        (path for path in (corpus / "mia").glob("*.htm*") if not path.stem.endswith("index")),
        key=lambda path: (path.stat().st_size, path.name),
    )
    if not pages:
        pytest.skip("no archive pages in the corpus")
    return [pages[len(pages) // 2]]


@pytest.mark.parametrize("kind", ["corpus", "sources"])
def test_the_installed_command_makes_an_epub_and_a_pdf(installed: Installed, kind: str, request: Any) -> None:
    source = _pages(request.getfixturevalue("corpus"))[0] if kind == "corpus" else SEED
    epub, pdf = installed.home / f"{kind}.epub", installed.home / f"{kind}.pdf"
    publish = str(installed.venv / "bin" / "publish")
    for command, output in (("epub", epub), ("pdf", pdf)):
        done = installed.run(publish, command, str(source), "-o", output.name)
        assert done.returncode == 0, done.stderr
        assert f"wrote {output.name}" in done.stderr
    assert epubcheck(epub) == []
    reader = PdfReader(pdf)
    assert reader.pages
    fonts = 0
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts += 1
    assert fonts
