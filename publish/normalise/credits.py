"""Credit lines ("Marked up by …", "Source: …", "Last updated on …") into metadata.

Both the plain-text and the HTML readers meet the same lines, so the rules live here once.
A line that no rule understands is kept verbatim in ``credits``: it is metadata, and no word
of it may be lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from publish.model import Role
from publish.normalise.dates import parse_date
from publish.normalise.draft import MetadataDraft

_LABEL_END = r"\s*(?::|\bby\b:?)\s*"
_ROLE_LABELS: tuple[tuple[re.Pattern[str], tuple[Role, ...]], ...] = tuple(
    (re.compile(rf"^(?:{label}){_LABEL_END}(?P<rest>.+)$", re.IGNORECASE | re.DOTALL), roles)
    for label, roles in (
        (r"transcri(?:bed|ption)\s*(?:/|and|&)\s*(?:html\s+)?mark(?:ed)?[- ]?up", (Role.TRANSCRIBER, Role.MARKUP)),
        (r"(?:html\s+)?mark(?:ed)?[- ]?up\s*(?:/|and|&)\s*transcri(?:bed|ption)", (Role.TRANSCRIBER, Role.MARKUP)),
        (r"(?:original\s+)?transcri(?:bed|ption|ber)", (Role.TRANSCRIBER,)),
        (r"(?:re-?)?(?:html\s+)?mark(?:ed)?[- ]?up", (Role.MARKUP,)),
        (r"translat(?:ed|ion|or)", (Role.TRANSLATOR,)),
        (r"proof-?read(?:ed|ing)?|proofed|proof-?reader", (Role.PROOFREADER,)),
        (r"edit(?:ed|or)", (Role.EDITOR,)),
    )
)
_DATE_LABELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{label})\s*:?\s*(?P<rest>.+)$", re.IGNORECASE | re.DOTALL), name)
    for label, name in (
        (r"last\s+updated(?:\s+on)?", "last_updated"),
        (r"written(?:\s+on)?", "written"),
        (r"delivered(?:\s+on)?", "delivered"),
    )
)
_SOURCE = re.compile(r"^source\s*:\s*(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
_PUBLISHED = re.compile(r"^(?:first\s+)?published\s*(?::|in\b|on\b)?\s*(?P<rest>.+)$", re.IGNORECASE | re.DOTALL)
_RIGHTS = re.compile(r"^(?P<rest>(?:public\s+domain|copyleft)\b.*)$", re.IGNORECASE | re.DOTALL)
_NAME_END = re.compile(
    r"\s+(?:for|from|at|in|on|with)\s+(?:the\s+)?(?=\S)|\s*[.;(\[]\s|\s*[.;]$|,\s*(?=\d)|\s+\d{4}\b",
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")

LineRule = Callable[[MetadataDraft, str], bool]


def apply_credit_line(draft: MetadataDraft, line: str, *, unlabelled_is_source: bool = False) -> None:
    """File one credit line under the field it names; unknown lines are kept verbatim.

    In the ETOL header an unlabelled first line is the original source; elsewhere an
    unlabelled line is an acknowledgement.
    """
    line = " ".join(line.split())
    if not line:
        return
    for rule in _RULES:
        if rule(draft, line):
            return
    if unlabelled_is_source and draft.source is None:
        draft.source = _strip_final_stop(line)
    else:
        draft.credits.append(line)


def names_in(text: str) -> tuple[list[str], str]:
    """The people named at the head of a credit, and what follows them.

    "A, B and C for the MIA, 2002" -> ([A, B, C], "for the MIA, 2002").
    """
    match = _NAME_END.search(text)
    head, rest = (text[: match.start()], text[match.start() :]) if match else (text, "")
    names = [name.strip(" .,;:") for name in _NAME_SPLIT.split(head) if name.strip(" .,;:")]
    return names, rest.strip()


def _contributors(draft: MetadataDraft, line: str) -> bool:
    for pattern, roles in _ROLE_LABELS:
        match = pattern.match(line)
        if match is None:
            continue
        names, remainder = names_in(match.group("rest"))
        if not names:
            return False
        for name in names:
            for role in roles:
                draft.add_contributor(name, role)
        if remainder and not _is_mia_dedication(remainder):
            draft.credits.append(line)
        return True
    return False


def _is_mia_dedication(remainder: str) -> bool:
    """ "… for the Marxists' Internet Archive." carries no information beyond the name."""
    text = re.sub(r"[^a-z ]", "", remainder.lower().replace("’", "'"))
    return re.fullmatch(r"\s*(?:for\s+)?(?:the\s+)?(?:marxists?s?\s+internet\s+archive|mia)\s*", text) is not None


def _dates(draft: MetadataDraft, line: str) -> bool:
    for pattern, name in _DATE_LABELS:
        match = pattern.match(line)
        if match is not None and (iso := parse_date(match.group("rest"))) is not None:
            draft.set_first(name, iso)
            return True
    return False


def _source(draft: MetadataDraft, line: str) -> bool:
    match = _SOURCE.match(line)
    if match is None:
        return False
    draft.set_first("source", _strip_final_stop(match.group("rest")))
    return True


def _published(draft: MetadataDraft, line: str) -> bool:
    match = _PUBLISHED.match(line)
    if match is None:
        return False
    rest = _strip_final_stop(match.group("rest"))
    draft.set_first("first_published", parse_date(rest))
    if draft.source is None:
        draft.source = rest
    else:
        draft.credits.append(line)
    return True


def _rights(draft: MetadataDraft, line: str) -> bool:
    match = _RIGHTS.match(line)
    if match is None:
        return False
    draft.set_first("rights", _strip_final_stop(match.group("rest")))
    return True


def _strip_final_stop(text: str) -> str:
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


_RULES: tuple[LineRule, ...] = (_dates, _source, _published, _rights, _contributors)
