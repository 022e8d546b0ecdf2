"""Credit lines ("Marked up by …", "Source: …", "Skrifaður: …", "Last updated on …") into metadata.

Both readers meet the same lines, so the rules live here once, as one table of labels in
several languages. A line that no rule understands is kept verbatim in ``credits``: it is
metadata, and no word of it may be lost.
"""

from __future__ import annotations

import re

from publish.model import Role
from publish.normalise.dates import MONTHS, parse_date
from publish.normalise.draft import MetadataDraft

# label pattern -> what the rest of the line is. Labels end at ":" or "by"; case is ignored.
_ROLE_LABELS: tuple[tuple[str, tuple[Role, ...]], ...] = (
    (r"transcri(?:bed|ption|ber)\s*(?:/|\\|and|&|,)\s*(?:html\s+)?mark(?:ed)?[- ]?up", (Role.TRANSCRIBER, Role.MARKUP)),
    (r"(?:html\s+)?mark(?:ed)?[- ]?up\s*(?:/|and|&|,)\s*transcri(?:bed|ption)", (Role.TRANSCRIBER, Role.MARKUP)),
    (r"(?:scanned|digitali[sz]ed)\s*(?:/|and|&)\s*(?:transcribed|proofed|proofread)", (Role.TRANSCRIBER,)),
    (
        r"(?:original\s+|additional\s+)?transcri(?:bed|ption|ber|pci[oó]n|zione|bido|tto)|trascri(?:tto|zione)|digitali[sz](?:ed|ación)"
        r"|stafrænn\s+texti(?:\s+við)?|transkription|scanned",
        (Role.TRANSCRIBER,),
    ),
    (
        r"(?:re-?)?(?:html\s+)?mark(?:ed)?[- ]?up|(?:html|xhtml)(?:\s+(?:by|version))?|html-?(?:ización|izzazione)"
        r"|edici[oó]n\s+(?:html|digital)|formattazione|html-?bearbeitung",
        (Role.MARKUP,),
    ),
    (
        r"translat(?:ed|ion|or)(?:\s+from\s+the\s+\w+)?|tradu(?:cido|cción|zione|ction|it|ite|tto|ttore)"
        r"|þýða(?:\s+við)?|þýðing|übersetz(?:t|ung)|t[õo]lki(?:nud|s)|käännös|przekład|perkthyer",
        (Role.TRANSLATOR,),
    ),
    (
        r"proof-?read(?:ed|ing)?|proofed|proof-?reader|correcci[oó]n|revisi[oó]n|revisione|korrektur",
        (Role.PROOFREADER,),
    ),
    (r"edit(?:ed|or)|compiled|a\s+cura\s+di|edición\s+a\s+cargo", (Role.EDITOR,)),
)
_DATE_LABELS: tuple[tuple[str, str], ...] = (
    (r"last\s+updated(?:\s+on)?|(?:última|ultima)\s+(?:actualización|modifica)|zuletzt\s+aktualisiert", "last_updated"),
    (
        r"written(?:\s+on|\s+in)?|escrito|scritto|skrifaður|skrifað|geschrieben|écrit|kirjutatud|napisane|kirjoitettu"
        r"|shkruar",
        "written",
    ),
    (r"delivered(?:\s+on)?|pronunciado|pronunciato|speech\s+delivered", "delivered"),
)
_SOURCE_LABEL = r"source|fuente|fonte|quelle|heimild|allikas|źródło|lähde|burimi|πηγή"
_PUBLISHED_LABEL = (
    r"(?:first\s+)?published|first\s+printed|publicado|primera\s+(?:vez\s+)?publica(?:do|ción)|pubblicato"
    r"|prima\s+pubblicazione|fyrstur\s+útgefandi|fyrst\s+birt|erstveröffentlicht|veröffentlicht|première\s+publication"
    r"|publié|ilmunud|opublikowane|julkaistu|botuar"
)
_RIGHTS = re.compile(
    r"^(?P<rest>(?:public\s+domain|copyleft|dominio\s+p[uú]blico|pubblico\s+dominio)\b.*)$", re.I | re.S
)
_LABEL_END = r"(?:\s+(?:and|&)\s+[\w -]{1,40}?)?\s*(?::|\bby\b:?|\bpor\b:?|\bda\b:?|\bvon\b:?|\bvið\b:?)\s*"
_NAME_END = re.compile(
    r"\s+(?:for|from|at|in|on|with|para|per|für|fyrir)\s+(?:the\s+)?(?=\S)|(?<!\b[A-Z])\.\s|\s*;\s|\s*[(\[]|(?<!\b[A-Z])\.$|;$"
    r"|,\s*(?=\d)|\s+\d{4}\b",
)
_QUALIFIED = re.compile(r"^(?:additional|original|further|new|revised|re-)", re.IGNORECASE)
_LATE = re.compile(r"^(?:the\s+)?late\s+|,\s*(?:the\s+)?late\s+", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&|y|e|und|og|et)\s+")


def _compile(label: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{label}){_LABEL_END}(?P<rest>.*\S.*)$", re.IGNORECASE | re.DOTALL)


_ROLES = tuple((_compile(label), roles) for label, roles in _ROLE_LABELS)
_DATES = tuple(
    (re.compile(rf"^(?:{label})\s*:?\s*(?P<rest>.*\S.*)$", re.IGNORECASE | re.DOTALL), name)
    for label, name in _DATE_LABELS
)
_SOURCE = _compile(_SOURCE_LABEL)
_PUBLISHED = re.compile(
    rf"^(?:{_PUBLISHED_LABEL})\s*(?::|\bin\b|\bon\b|\ben\b)?\s*(?P<rest>.*\S.*)$", re.IGNORECASE | re.DOTALL
)


def apply_credit_line(draft: MetadataDraft, line: str, *, unlabelled_is_source: bool = False) -> None:
    """File one credit line under the field it names; unknown lines are kept verbatim.

    In a header credit block an unlabelled first line is the original source; elsewhere an
    unlabelled line is an acknowledgement.
    """
    line = " ".join(line.split())
    if not line:
        return
    for rule in (_dates, _source, _published, _rights, _contributors):
        if rule(draft, line):
            return
    if unlabelled_is_source and draft.source is None:
        draft.source = _strip_final_stop(line)
    else:
        draft.credits.append(line)


def is_credit_line(line: str) -> bool:
    """Whether a line carries a credit label any rule here knows."""
    probe = MetadataDraft()
    line = " ".join(line.split())
    return any(rule(probe, line) for rule in (_dates, _source, _published, _rights, _contributors))


def names_in(text: str) -> tuple[list[str], str]:
    """The people named at the head of a credit, and what follows them.

    "A, B and C for the MIA, 2002" -> ([A, B, C], "for the MIA, 2002").
    """
    match = _NAME_END.search(text)
    head, rest = (text[: match.start()], text[match.start() :]) if match else (text, "")
    names = [clean_name(name) for name in _NAME_SPLIT.split(head) if name.strip(" .,;:")]
    return [name for name in names if name], rest.strip()


def clean_name(name: str) -> str:
    """ "the late George Hanna" -> "George Hanna"; "J. C. MARIATEGUI" -> "J. C. Mariategui"."""
    name = _LATE.sub("", name.strip(" ,;:[]")).strip()
    if not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")
    if name.isupper() and len(name) > 4 and sum(character.isalpha() for character in name) > 3:
        name = " ".join(_title_case(word) for word in name.split())
    return name


def _title_case(word: str) -> str:
    if re.fullmatch(r"(?:[A-Z]\.)+", word):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _contributors(draft: MetadataDraft, line: str) -> bool:
    for pattern, roles in _ROLES:
        match = pattern.match(line)
        if match is None:
            continue
        names, remainder = names_in(match.group("rest"))
        if not names or any(len(name.split()) > 6 for name in names):
            draft.credits.append(line)
            return True
        for name in names:
            for role in roles:
                draft.add_contributor(name, role)
        qualified = _QUALIFIED.match(line) is not None
        if (remainder and not _is_mia_dedication(remainder)) or _LATE.search(match.group("rest")) or qualified:
            draft.credits.append(line)
        return True
    return False


def _is_mia_dedication(remainder: str) -> bool:
    """ "… for the Marxists' Internet Archive." carries no information beyond the name."""
    text = re.sub(r"[^a-z ]", "", remainder.lower().replace("’", "'"))
    return re.fullmatch(r"\s*(?:for\s+)?(?:the\s+)?(?:marxists?s?\s+internet\s+archive|mia)\s*", text) is not None


def _dates(draft: MetadataDraft, line: str) -> bool:
    for pattern, name in _DATES:
        match = pattern.match(line)
        if match is None:
            continue
        rest = match.group("rest")
        iso = parse_date(rest)
        draft.set_first(name, iso)
        if iso is None or not date_says_all(rest, iso):
            draft.credits.append(line)
        return True
    return False


def date_says_all(text: str, iso: str) -> bool:
    """Whether an ISO date keeps every word of the text it came from ("Spring 1919" does not)."""
    words = [re.sub(r"^(\d+)(?:st|nd|rd|th)$", r"\1", word) for word in re.findall(r"[^\W_]+", text.lower())]
    parts = iso.split("-")
    known = {parts[0], *(str(int(part)) for part in parts[1:]), *(part for part in parts[1:])}
    if len(parts) > 1:
        known |= {name for name, number in MONTHS.items() if number == int(parts[1])}
    return all(word in known or word in _DATE_GLUE for word in words)


_DATE_GLUE = {"on", "in", "of", "the", "st", "nd", "rd", "th", "1st", "2nd", "3rd"}


def _source(draft: MetadataDraft, line: str) -> bool:
    match = _SOURCE.match(line)
    if match is None:
        return False
    if draft.source is None:
        draft.source = _strip_final_stop(match.group("rest"))
    else:
        draft.credits.append(line)
    return True


def _published(draft: MetadataDraft, line: str) -> bool:
    match = _PUBLISHED.match(line)
    if match is None:
        return False
    rest = _strip_final_stop(match.group("rest"))
    draft.set_first("first_published", parse_date(rest))
    plain_label = re.match(r"^(?:first\s+)?published\b", line, re.IGNORECASE) is not None
    if draft.source is None:
        draft.source = rest
        if not plain_label:
            draft.credits.append(line)
    else:
        draft.credits.append(line)
    return True


def _rights(draft: MetadataDraft, line: str) -> bool:
    match = _RIGHTS.match(line)
    if match is None:
        return False
    if draft.rights is None:
        draft.rights = _strip_final_stop(match.group("rest"))
    else:
        draft.credits.append(line)
    return True


def _strip_final_stop(text: str) -> str:
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text
