"""The model's dates: ISO 8601 strings that may be partial ("1919", "1980-04", "2002-06-08").

One reading of them for everyone who needs a day from one (the user's ``--date``, the book's
``dcterms:modified``, a date as the book's language writes it, the audit's forms of a date).
"""

from __future__ import annotations

import datetime
import re

ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
"""A year, a month or a day: the groups are the year, the month and the day (None if not given)."""


def first_day(iso: str) -> datetime.date | None:
    """The first day the date names ("1980-04" -> 1 April 1980); None for what is no date of the
    calendar ("2003-02-30", "Spring 1919"): the model keeps what the page says."""
    match = ISO_DATE.fullmatch(iso)
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        return datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
