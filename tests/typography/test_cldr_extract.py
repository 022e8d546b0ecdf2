"""The extraction of CLDR's quotation marks, on a small CLDR tree written like the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from publish.typography.cldr_extract import extract, main, render

LOCALE = """<?xml version="1.0" encoding="UTF-8" ?>
<ldml>
\t<identity><version number="$Revision$"/><language type="{name}"/></identity>
\t{delimiters}
</ldml>
"""


def cldr_tree(root: Path) -> Path:
    main_dir = root / "common" / "main"
    main_dir.mkdir(parents=True)
    (root / "common" / "dtd").mkdir()
    (root / "common" / "dtd" / "ldml.dtd").write_text('<!ATTLIST version cldrVersion CDATA #FIXED "99" >\n')
    locales = {
        "root": "<delimiters><quotationStart>“</quotationStart><quotationEnd>”</quotationEnd>"
        "<alternateQuotationStart>‘</alternateQuotationStart><alternateQuotationEnd>’</alternateQuotationEnd>"
        "</delimiters>",
        # a partial entry, and a draft CLDR does not vouch for: only the first is kept
        "xx": '<delimiters><quotationStart>„</quotationStart><quotationEnd draft="unconfirmed">«</quotationEnd>'
        "</delimiters>",
        "yy": "<numbers/>",  # no delimiters at all: no entry
    }
    for name, delimiters in locales.items():
        (main_dir / f"{name}.xml").write_text(LOCALE.format(name=name, delimiters=delimiters), encoding="utf-8")
    return root


def test_extract_keeps_what_each_locale_sets(tmp_path: Path) -> None:
    table = extract(cldr_tree(tmp_path))
    assert table == {"root": ("“", "”", "‘", "’"), "xx": ("„", None, None, None)}


def test_the_rendered_module_holds_the_table_and_the_release(tmp_path: Path) -> None:
    table = extract(cldr_tree(tmp_path))
    namespace: dict[str, object] = {}
    exec(render(table, "99"), namespace)
    assert namespace["DELIMITERS"] == table
    assert namespace["VERSION"] == "99"


def test_main_writes_the_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(cldr_tree(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.startswith('"""CLDR 99 quotation marks')
    assert '"xx": ("„", None, None, None),' in out
    assert main([]) == 2
