"""An index whose chapters are all (or all but one) absent warns N040/N041 as any work does.

Such an index is too thin to be a work, so it is read as one page; it used to say nothing of
the pages it lacks. Guérin's two Spanish indexes in the corpus are the named pages; the fixture
is an English index with one chapter present and a numbered entry that links to no page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.loading import load

GUERIN = [
    ("mia-tree/espanol/guerin/1965/elanarquismo/index.htm", 9),
    ("mia-tree/espanol/guerin/1971/luxemburg/index.htm", 8),
]


@pytest.mark.parametrize(("relative", "links"), GUERIN)
def test_guerins_indexes_warn_of_every_absent_chapter(corpus: Path, relative: str, links: int) -> None:
    loaded = load(corpus / relative)
    missing = [d for d in loaded.diagnostics if d.code == "N040"]
    assert len(missing) == links
    assert all(d.message.startswith("linked page ") and d.message.endswith(" is missing") for d in missing)


INDEX = """<html><head><title>On the Trade Unions</title></head><body>
<p class="author">Tom Mann</p><h1>On the Trade Unions</h1>
<p>These lectures were given in the winter of 1913 to the workers of the docks and the mills.</p>
<h3>Contents</h3>
<p><a href="lecture1.htm">Lecture 1. The Unions and the State</a><br>
<a href="lecture2.htm">Lecture 2. The General Strike</a><br>
<a href="lecture3.htm">Lecture 3. The Syndicalists</a><br>
Lecture 4. The Future of the Movement</p>
</body></html>
"""
CHAPTER = """<html><head><title>Lecture 1</title></head><body><h1>Lecture 1. The Unions and the State</h1>
<p>The state is no friend of the unions, as every docker knows who was out in 1911.</p></body></html>
"""


def test_an_index_with_one_chapter_present_warns_of_the_others(tmp_path: Path) -> None:
    (tmp_path / "index.htm").write_text(INDEX)
    (tmp_path / "lecture1.htm").write_text(CHAPTER)
    loaded = load(tmp_path / "index.htm")
    messages = [(d.code, d.message) for d in loaded.diagnostics if d.code in ("N040", "N041")]
    assert messages == [
        ("N040", "linked page lecture2.htm is missing"),
        ("N040", "linked page lecture3.htm is missing"),
        ("N041", "contents entry 'Lecture 4. The Future of the Movement' links to no page"),
    ]


def test_a_page_read_alone_or_an_index_with_all_its_chapters_warns_of_nothing(tmp_path: Path) -> None:
    (tmp_path / "index.htm").write_text(INDEX)
    assert not [d for d in load(tmp_path / "index.htm", whole_work=False).diagnostics if d.code == "N040"]
    for name in ("lecture1.htm", "lecture2.htm", "lecture3.htm"):
        (tmp_path / name).write_text(CHAPTER.replace("Lecture 1", name))
    assert not [d for d in load(tmp_path / "index.htm").diagnostics if d.code == "N040"]
