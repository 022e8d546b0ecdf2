"""Which Hypothesis profile the fuzz suite runs under, and each test's share of its cases."""

from __future__ import annotations

import os

from hypothesis import settings

PROFILE_VARIABLE = "PUBLISH_FUZZ_PROFILE"


def active() -> str:
    return os.environ.get(PROFILE_VARIABLE, "fuzz-ci")


def share(fraction: float) -> settings:
    """The active profile with ``fraction`` of its cases (at least one): the suite's tests
    divide one budget, so the bench's larger profile scales them all alike."""
    profile = settings.get_profile(active())
    return settings(profile, max_examples=max(1, round(profile.max_examples * fraction)))
