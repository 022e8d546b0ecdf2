"""``publish audit`` says where the words of each count went, reason by reason, and the reasons add up."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

import pytest

from publish.audit import AuditResult, audit, compare, furniture_words, source_words
from publish.normalise import read
from publish.words import block_text
from tests.conftest import SEED

_PAGE = b"""<html><head><title>Rosa Example: On Strikes</title></head><body>
<h2>Rosa Example</h2><h1>On Strikes</h1>
<p class="information"><span class="info">Written:</span> 8 June 1905<br/>
<span class="info">Proofreader:</span> John Smith</p>
<p>The strike began on a Monday.<sup><a href="#n1" name="f1">[1]</a></sup> Nobody expected it.</p>
<p><img src="crowd.jpg" alt="A crowd at the depot gates"/></p>
<p>It spread to every depot in the city.</p>
<p class="link"><a href="#top">Top of the page</a></p>
<h3>Notes</h3>
<p class="note"><a name="n1" href="#f1">[1]</a> A Monday in June.</p>
<p class="updat">Last updated on 11 December 2009</p>
</body></html>"""


def _adds_up(result: AuditResult) -> None:
    lost = sum(len(gap.words) for gap in result.missing)
    added = sum(len(gap.words) for gap in result.extra)
    assert result.in_both + result.in_metadata + result.soft_left_out + lost == result.source_words
    assert result.in_both + result.model_soft_only + added == result.model_words


def _audit_command(path: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "publish", "audit", str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines()


def _numbers(line: str) -> tuple[int, list[int]]:
    """ "the page's other 14: 11 held as …; 3 note calls …" -> (14, [11, 3])."""
    total = re.search(r"other (\d+):", line)
    assert total is not None, line
    return int(total[1]), [int(number) for number in re.findall(r"(?:: |; )(\d+) ", line)]


def test_each_reason_is_counted_and_they_add_up(tmp_path: Path) -> None:
    page = tmp_path / "strikes.htm"
    page.write_bytes(_PAGE)
    result = audit(_PAGE, str(page))
    assert result.passed
    _adds_up(result)
    assert result.in_metadata >= len(["Written", "8", "June", "1905", "Proofreader", "John", "Smith"])
    assert result.soft_left_out >= 1, "the note call [1], the 'Notes' heading"
    furniture = "Top of the page Last updated on 11 December 2009"
    assert furniture_words(_PAGE, str(page)) == len(furniture.split())
    lines = _audit_command(page)
    assert lines[0] == f"{page}: passes: {result.source_words} words in the page, {result.model_words} in the model"
    assert lines[1] == f"  {result.in_both} words in both"
    page_line = next(line for line in lines if line.startswith("  the page's other"))
    first, reasons = _numbers(page_line)
    assert first == result.source_words - result.in_both == sum(reasons)
    assert "held as metadata" in page_line and "note calls" in page_line
    assert lines[-1].startswith(f"  not counted: {len(furniture.split())} words of the site's furniture (")


def test_a_failing_page_counts_its_lost_words_among_the_reasons() -> None:
    """A model that lost a sentence: the lost words are a reason of their own, listed below it."""
    document = read(_PAGE, "strikes.htm").document
    lost = dataclasses.replace(document, body=tuple(b for b in document.body if "spread" not in block_text([b])))
    result = compare(source_words(_PAGE, "strikes.htm"), lost, "strikes.htm")
    assert not result.passed
    _adds_up(result)
    told = result.differences()
    assert "; 8 missing from the model (below)" in told[1], told
    assert told[0] == f"{result.in_both} words in both" and len(told) == 2


def test_the_seed_and_capital_explain_their_counts(corpus: Path) -> None:
    """The seed's difference is all credit lines (metadata); Capital's adds note calls."""
    for path in (SEED, corpus / "mia" / "archive__harman__2002__06__party.htm"):
        result = audit(path.read_bytes(), str(path))
        _adds_up(result)
        assert result.passed and result.in_metadata == result.source_words - result.in_both > 0
    capital = corpus / "mia" / "archive__marx__works__1867-c1__ch01.htm"
    result = audit(capital.read_bytes(), str(capital))
    _adds_up(result)
    assert result.soft_left_out > 10 and result.in_metadata > 0
    lines = _audit_command(capital)
    assert any("note calls" in line for line in lines)


@pytest.mark.parametrize("name", ["archive__lenin__works__1913__mar__x01.htm", "subject__index.htm"])
def test_counts_add_up_on_pages_that_pass_and_fail(corpus: Path, name: str) -> None:
    path = corpus / "mia" / name
    _adds_up(audit(path.read_bytes(), str(path)))
