"""Golden model files: what the readers make of real pages, stored as model JSON.

A change in reader output fails here; if the change is right, rewrite the files with
``pytest --update-golden`` and review the JSON diff by eye before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publish import model_json
from publish.normalise import read
from tests.conftest import GOLDEN, ROOT, corpus_dir

# name -> (where the input lives: "project" or "corpus", path inside it)
CASES = {
    "seed-text": ("project", "sources/harman-a-different-kind-of-party.txt"),
    "harman-party-doc-css": ("corpus", "mia/archive__harman__2002__06__party.htm"),
}


def _input(base: str, relative: str) -> Path:
    if base == "project":
        return ROOT / relative
    corpus = corpus_dir()
    if corpus is None:
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    return corpus / relative


@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_output_matches_golden(name: str, update_golden: bool) -> None:
    base, relative = CASES[name]
    document = read(_input(base, relative).read_bytes(), relative).document
    golden = GOLDEN / f"{name}.json"
    actual = model_json.dumps(document)
    if update_golden or not golden.exists():
        if not update_golden:
            pytest.fail(f"no golden file {golden.name}; run pytest --update-golden and review it")
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), f"{name}: reader output changed; see {golden}"
    assert model_json.loads(actual) == document
