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
    # doc.css / ETOL family
    "harman-party-doc-css": ("corpus", "mia/archive__harman__2002__06__party.htm"),
    "harman-marxtheory-title-note": ("corpus", "mia-tree/archive/harman/1981/xx/marxtheory.htm"),
    "harman-eec-self-linked-notes": ("corpus", "mia-tree/archive/harman/1971/xx/eec-pt1.htm"),
    "harman-cuba-unlinked-notes": ("corpus", "mia-tree/archive/harman/1970/11/cuba.htm"),
    "harman-history-book-chapter": ("corpus", "mia-tree/archive/harman/1999/history/1_03_class.htm"),
    "lafargue-ch01-epigraph-verse-notes": ("corpus", "mia/archive__lafargue__1883__lazy__ch01.htm"),
    "lafargue-ch03-multiparagraph-notes": ("corpus", "mia/archive__lafargue__1883__lazy__ch03.htm"),
    "lafargue-index-contents": ("corpus", "mia/archive__lafargue__1883__lazy__index.htm"),
    "shachtman-rtf8-column": ("corpus", "mia/archive__shachtma__1939__12__corner.html"),
    "trotsky-utf8-under-latin1-endnotes": ("corpus", "mia/archive__trotsky__1922__02__tu.htm"),
    # works.css family
    "varga-anote-tables-list": ("corpus", "mia/archive__varga__1921__x01__x01.htm"),
    "capital-ch01-notes-information": ("corpus", "mia/archive__marx__works__1867-c1__ch01.htm"),
    "marx-letter-salutation-signature": ("corpus", "mia/archive__marx__works__1868__letters__68_01_30.htm"),
    "gotha-ch01-quoted-programme": ("corpus", "mia/archive__marx__works__1875__gotha__ch01.htm"),
    "kitz-no-charset": ("corpus", "mia/archive__kitz__strikes.htm"),
    "olgin-utf16-label": ("corpus", "mia/archive__olgin__freiheit__olgin01.htm"),
    "braverman-statistical-tables": ("corpus", "mia/archive__braverman__1952__03__income.htm"),
    # Lenin Collected Works
    "lenin-cw-page-markers": ("corpus", "mia/archive__lenin__works__1913__mar__x01.htm"),
    # old upper-case HTML 4
    "mariategui-hwc08-center-credits": ("corpus", "mia/archive__mariateg__works__1924-hwc__hwc08.htm"),
    "mariategui-essay01-span-note": ("corpus", "mia/archive__mariateg__works__7-interpretive-essays__essay01.htm"),
    # index, border and HTML5 pages
    "hallas-author-index": ("corpus", "mia/archive__hallas__index.htm"),
    "subject-index-html5": ("corpus", "mia/subject__index.htm"),
    "photography-figures": ("corpus", "mia/history__ussr__art__photography__workers__index.htm"),
    # languages
    "icelandic-border-layout": ("corpus", "mia/islenska__luxemburg__1919__14-1.htm"),
    "spanish-table-layout": ("corpus", "mia/espanol__grant__biografia.htm"),
    "spanish-guerin-labels": ("corpus", "mia-tree/espanol/guerin/1971/luxemburg/index.htm"),
    "albanian-index": ("corpus", "mia-tree/shqip/lenin/index.htm"),
    "italian-404": ("corpus", "mia-tree/italiano/404.htm"),
    "esperanto-scan-wrapper": ("corpus", "mia-tree/esperanto/laperm/lpr2_05.htm"),
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
