"""Many diagnostics of one kind from one page, told in one line.

A work whose contents name 37 parts the archive never transcribed would print 37 N041 lines
and bury the one warning that matters; the user needs the count and a few names, and ``-v``
for the list. Pure: the command line prints what this returns.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from publish.errors import Diagnostic

_SUMMARISED = {"N041": (re.compile(r"contents entry (.+) links to no page"), "contents entries link to no page")}
"""Codes a page may raise by the dozen: what one line says of an item, and what the summary says."""
_LISTED = 3
"""More lines than this of one code from one page are one line, naming this many."""


def summarised(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` with each page's many lines of a summarised code made one, in the first's
    place: "N041: 37 contents entries link to no page: 'A', 'B', 'C' and 34 more"."""
    items: dict[tuple[str, str], list[str]] = {}
    for diagnostic in diagnostics:
        if diagnostic.code in _SUMMARISED:
            match = _SUMMARISED[diagnostic.code][0].fullmatch(diagnostic.message)
            items.setdefault((diagnostic.code, diagnostic.where), []).append(match[1] if match else diagnostic.message)
    result: list[Diagnostic] = []
    done: set[tuple[str, str]] = set()
    for diagnostic in diagnostics:
        key = (diagnostic.code, diagnostic.where)
        if len(items.get(key, ())) <= _LISTED:
            result.append(diagnostic)
        elif key not in done:
            done.add(key)
            found = items[key]
            what = _SUMMARISED[diagnostic.code][1]
            message = (
                f"{len(found)} {what}: {', '.join(found[:_LISTED])} and {len(found) - _LISTED} more (-v lists all)"
            )
            result.append(dataclasses.replace(diagnostic, message=message))
    return result
