"""Human dates in archive headers ("8 June 2002", "June 8, 1917", "13.11.2003") to ISO 8601.

The result may be partial ("1919", "1980-04") because the archive often knows no more, and a
made-up day would be a lie in the colophon.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_YEAR}-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?\b",
        rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b",
        rf"\b{_MONTH},?\s+{_YEAR}\b",
        rf"\b{_YEAR}\b",
    )
)
_ANY_YEAR = re.compile(_YEAR)  # starts with a digit, so searched for quickly, unlike the patterns' \b


def parse_date(text: str) -> str | None:
    """The most precise date in ``text`` as a (possibly partial) ISO string, or None if it has none.

    Precision beats position: in "No.1803, 8 June 2002" the day wins over a bare number.
    """
    if _ANY_YEAR.search(text) is None:
        return None  # every pattern holds a year: most lines have none, and this says so at once
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match.groupdict())
            if iso is not None and not _is_issue_number(text, match.start()):
                return iso
    return None


def _is_issue_number(text: str, start: int) -> bool:
    """ "No.1803" is a newspaper's issue number, not a year."""
    return re.search(r"\b(?:no|vol|nr|n°|#)\.?\s*$", text[max(0, start - 5) : start], re.IGNORECASE) is not None


def _iso(parts: dict[str, str | None]) -> str | None:
    year = parts["year"]
    assert year is not None
    month_text = parts.get("month")
    if month_text is None:
        return year
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    if not 1 <= month <= 12:
        return None
    day_text = parts.get("day")
    if day_text is None:
        return f"{year}-{month:02d}"
    day = int(day_text)
    if not 1 <= day <= 31:
        return None
    return f"{year}-{month:02d}-{day:02d}"
