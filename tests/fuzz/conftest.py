"""The fuzz suite's Hypothesis profiles and its inputs from the shared corpus.

CI runs ``fuzz-ci``: derandomised (the same cases every run, so a red build is a real change),
no deadline (the case's own alarm bounds time, see ``harness.bounded``) and a fixed budget of
cases the suite's tests share. ``bench/fuzz.py`` selects ``fuzz-bench`` (ten times the cases,
random) through ``PUBLISH_FUZZ_PROFILE``. The profile is applied per test (``profiles.share``),
not loaded globally, so the rest of the test suite keeps its own Hypothesis settings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.conftest import corpus_dir
from tests.fuzz.corpus import Work, small_pages, works

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "fuzz-ci", max_examples=2000, derandomize=True, deadline=None, database=None, suppress_health_check=_QUIET
)
settings.register_profile(
    "fuzz-bench", max_examples=20_000, derandomize=False, deadline=None, database=None, suppress_health_check=_QUIET
)


@pytest.fixture(scope="session")
def corpus_root() -> Path:
    found = corpus_dir()
    if found is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    return found


@pytest.fixture(scope="session")
def pages(corpus_root: Path) -> dict[str, bytes]:
    return small_pages(corpus_root)


@pytest.fixture(scope="session")
def all_pages(corpus_root: Path) -> dict[str, bytes]:
    return small_pages(corpus_root, largest=None)


@pytest.fixture(scope="session")
def corpus_works(corpus_root: Path) -> tuple[Work, ...]:
    return works(corpus_root)
