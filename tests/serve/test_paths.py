"""``paths.inside``: the gate every file the server sends passes; each hostile form refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from publish.serve.paths import MAX_PATH_CHARS, inside


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An archive folder with a page, a picture in a subfolder, and a secret beside it (outside)."""
    archive = tmp_path / "archive"
    (archive / "harman" / "img").mkdir(parents=True)
    (archive / "harman" / "party.htm").write_text("<p>party</p>", encoding="utf-8")
    (archive / "harman" / "img" / "photo one.jpg").write_bytes(b"\xff\xd8")
    (archive / ".hidden").write_text("hidden", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return archive


def test_a_page_and_a_picture_inside_are_found(root: Path) -> None:
    assert inside(root, "harman/party.htm") == (root / "harman" / "party.htm").resolve()
    assert inside(root, "harman/img/photo one.jpg") == (root / "harman/img/photo one.jpg").resolve()
    assert inside(root, "harman/img/photo%20one.jpg") == (root / "harman/img/photo one.jpg").resolve()


def test_a_root_given_relative_or_through_a_link_still_confines(root: Path, tmp_path: Path) -> None:
    link = tmp_path / "link-to-archive"
    link.symlink_to(root, target_is_directory=True)
    assert inside(link, "harman/party.htm") == (root / "harman" / "party.htm").resolve()
    assert inside(link, "../secret.txt") is None


@pytest.mark.parametrize(
    "hostile",
    [
        "../secret.txt",
        "harman/../../secret.txt",
        "harman/../party.htm",  # harmless in effect, refused in form: no page links like this
        "./harman/party.htm",
        "harman//party.htm",
        "/etc/passwd",
        str(Path("/etc/passwd")),
        "C:/Windows/win.ini",
        "harman\\party.htm",
        "..\\secret.txt",
        "harman/party.htm\x00.jpg",
        "harman/\x00",
        "harman/party.htm\n",
        "%2e%2e/secret.txt",
        "%2E%2E%2Fsecret.txt",
        "harman%2f..%2f..%2fsecret.txt",
        "%252e%252e/secret.txt",
        "%252e%252e%252fsecret.txt",
        "%25252e%25252e/secret.txt",
        "%2525252525252e%2e/secret.txt",  # still encoded after every round allowed
        "..%5csecret.txt",
        "%00",
        "%2fetc%2fpasswd",
        ".hidden",
        "%2ehidden",
        "",
        "harman",
        "harman/",
        "harman/missing.htm",
        "x" * (MAX_PATH_CHARS + 1),
        "harman/" + "y" * 300,
    ],
)
def test_each_hostile_form_is_refused(root: Path, hostile: str) -> None:
    assert inside(root, hostile) is None


def test_a_link_out_of_the_folder_is_refused(root: Path, tmp_path: Path) -> None:
    (root / "harman" / "out.htm").symlink_to(tmp_path / "secret.txt")
    (root / "harman" / "outdir").symlink_to(tmp_path, target_is_directory=True)
    assert inside(root, "harman/out.htm") is None
    assert inside(root, "harman/outdir/secret.txt") is None


def test_a_link_within_the_folder_is_followed(root: Path) -> None:
    (root / "harman" / "alias.htm").symlink_to(root / "harman" / "party.htm")
    assert inside(root, "harman/alias.htm") == (root / "harman" / "party.htm").resolve()


def test_a_loop_of_links_is_refused(root: Path) -> None:
    (root / "a").symlink_to(root / "b")
    (root / "b").symlink_to(root / "a")
    assert inside(root, "a") is None


def test_a_fifo_is_not_a_file_to_send(root: Path) -> None:
    os.mkfifo(root / "harman" / "pipe.htm")
    assert inside(root, "harman/pipe.htm") is None


def test_a_missing_root_finds_nothing(tmp_path: Path) -> None:
    assert inside(tmp_path / "nowhere", "a.htm") is None
