"""Shared fixtures: the shared archive corpus (skipped cleanly where absent) and golden files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["PUBLISH_WARM"] = "0"  # every `publish` a test runs is its own process; tests/test_warm.py turns it on

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SEED = SOURCES / "harman-a-different-kind-of-party.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def corpus_dir() -> Path | None:
    """``../shared/corpus`` beside the checkout, as in CI and on the developers' machines."""
    candidate = ROOT.parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    found = corpus_dir()
    if found is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    return found


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()
