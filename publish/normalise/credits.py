"""Credit lines ("Marked up by …", "Source: …", "Skrifaður: …", "Last updated on …") into metadata.

Both readers meet the same lines, so the rules live here once; the labels are the lexicon's
(every registered language's unless the caller knows the page's). A line that no rule
understands is kept verbatim in ``credits``: it is metadata, and no word of it may be lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from publish.model import Role
from publish.normalise.dates import date_reader, stated_date
from publish.normalise.draft import MetadataDraft
from publish.normalise.lexicon import Lexicon, resolve
from publish.normalise.lexicon.patterns import header_words

# "marxists.org", in lower case. A name starts only where a run of its letters, digits and
# hyphens starts: tried after every hyphen of "a-a-a-…", the run would be scanned from each.
_ADDRESS = re.compile(r"https?://|\bwww\.|(?<![a-z0-9-])-*\b[a-z0-9-]+\.[a-z]{2,6}\b")
_SITE_WORDS = re.compile(r"\bblogs?\b|\bweb\s*sites?\b|\binternet\s+archive\b|\bMIA\b", re.IGNORECASE)
"""Words that name a site, the same in most of the archive's languages ("blog", "website")."""
_NAME_STOP = r"(?<!\b[A-Z])\.\s|\s*;\s|\s*[(\[]|(?<!\b[A-Z])\.$|;$|,\s*(?=\d|[^\W\d_]+\.?\s+\d{4}\b)|\s+\d{4}\b"
"""Where the names of a credit end: a full stop, a bracket, a year, or a comma before a date
("Ted Crawford, September 2012": September is no transcriber)."""


@dataclass(frozen=True, slots=True)
class CreditRules:
    """A lexicon's credit labels as compiled patterns; see ``credit_rules``."""

    lexicon: Lexicon
    roles: tuple[tuple[re.Pattern[str], tuple[Role, ...]], ...]
    dates: tuple[tuple[re.Pattern[str], str], ...]
    source: re.Pattern[str]
    published: re.Pattern[str]
    published_plain: re.Pattern[str]
    rights: re.Pattern[str]
    name_end: re.Pattern[str]
    name_split: re.Pattern[str]
    qualified: re.Pattern[str]
    late: re.Pattern[str]
    dedication: re.Pattern[str]


@cache
def credit_rules(lexicon: Lexicon) -> CreditRules:
    """The lexicon's labels compiled once. Each label pattern reads "label: rest" (or "label by
    rest"); labels of the same roles are tried as one pattern, in the lexicon's order."""
    by = "|".join(rf"\b{re.escape(word)}\b:?" for word in lexicon.credit_by)
    label_end = rf"(?:\s+(?:{_words(lexicon.label_joins)})\s+[\w -]{{1,40}}?)?\s*(?::|{by})\s*"

    def labelled(labels: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(rf"^(?:{_any(labels)}){label_end}(?P<rest>.*\S.*)$", re.IGNORECASE | re.DOTALL)

    groups: dict[tuple[Role, ...], list[str]] = {}
    for roles, label in lexicon.roles:
        groups.setdefault(roles, []).append(label)
    dates = (("last_updated", lexicon.last_updated), ("written", lexicon.written), ("delivered", lexicon.delivered))
    joins = "|".join(rf"\b{re.escape(word)}\b" for word in lexicon.published_joins)
    the_late = _any(lexicon.the_late)
    return CreditRules(
        lexicon=lexicon,
        roles=tuple((labelled(tuple(labels)), roles) for roles, labels in groups.items()),
        dates=tuple(
            (re.compile(rf"^(?:{_any(labels)})\s*:?\s*(?P<rest>.*\S.*)$", re.IGNORECASE | re.DOTALL), name)
            for name, labels in dates
        ),
        source=labelled(lexicon.source),
        published=re.compile(
            rf"^(?:{_any(lexicon.published)})\s*(?::|{joins or '(?!)'})?\s*(?P<rest>.*\S.*)$", re.IGNORECASE | re.DOTALL
        ),
        published_plain=re.compile(rf"^(?:{_any(lexicon.published_plain)})\b", re.IGNORECASE),
        rights=re.compile(rf"^(?P<rest>(?:{_any(lexicon.rights)})\b.*)$", re.IGNORECASE | re.DOTALL),
        name_end=re.compile(
            rf"\s+(?:{_words(lexicon.name_ends)})\s+(?:(?:{_words(lexicon.articles)})\s+)?(?=\S)|{_NAME_STOP}"
        ),
        name_split=re.compile(rf"\s*,\s*(?:(?:{_words(lexicon.list_and)})\s+)?|\s+(?:{_words(lexicon.name_joins)})\s+"),
        qualified=re.compile(rf"^(?:{_words(lexicon.qualifiers)})", re.IGNORECASE),
        late=re.compile(rf"^(?:{the_late})\s+|,\s*(?:{the_late})\s+", re.IGNORECASE),
        dedication=re.compile(rf"\s*(?:{_any(lexicon.dedications)})\s*"),
    )


def _any(fragments: tuple[str, ...]) -> str:
    """Pattern fragments as alternatives; none at all matches nothing."""
    return "|".join(fragments) or "(?!)"


def _words(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in words) or "(?!)"


def apply_credit_line(
    draft: MetadataDraft, line: str, *, unlabelled_is_source: bool = False, lexicon: Lexicon | None = None
) -> None:
    """File one credit line under the field it names; unknown lines are kept verbatim.

    In a header credit block an unlabelled first line is the original source; elsewhere an
    unlabelled line is an acknowledgement.
    """
    line = " ".join(line.split())
    if not line:
        return
    rules = credit_rules(resolve(lexicon))
    for rule in _RULES:
        if rule(draft, line, rules):
            return
    if unlabelled_is_source and draft.source is None:
        draft.source = _strip_final_stop(line)
    else:
        draft.credits.append(line)


def is_credit_line(line: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a line carries a credit label any rule here knows."""
    probe = MetadataDraft()
    line = " ".join(line.split())
    rules = credit_rules(resolve(lexicon))
    return any(rule(probe, line, rules) for rule in _RULES)


def names_in(text: str, lexicon: Lexicon | None = None) -> tuple[list[str], str]:
    """The people named at the head of a credit, and what follows them.

    "A, B and C for the MIA, 2002" -> ([A, B, C], "for the MIA, 2002").
    """
    rules = credit_rules(resolve(lexicon))
    match = rules.name_end.search(text)
    head, rest = (text[: match.start()], text[match.start() :]) if match else (text, "")
    names = [clean_name(name, lexicon) for name in rules.name_split.split(head) if name.strip(" .,;:")]
    return [name for name in names if name], rest.strip()


def clean_name(name: str, lexicon: Lexicon | None = None) -> str:
    """ "the late George Hanna" -> "George Hanna"; "J. C. MARIATEGUI" -> "J. C. Mariategui"."""
    name = credit_rules(resolve(lexicon)).late.sub("", name.strip(" ,;:[]")).strip()
    if not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")
    if name.isupper() and len(name) > 4 and sum(character.isalpha() for character in name) > 3:
        name = " ".join(_title_case(word) for word in name.split())
    return name


def _title_case(word: str) -> str:
    if re.fullmatch(r"(?:[A-Z]\.)+", word):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _contributors(draft: MetadataDraft, line: str, rules: CreditRules) -> bool:
    for pattern, roles in rules.roles:
        match = pattern.match(line)
        if match is None:
            continue
        found, remainder = names_in(match.group("rest"), rules.lexicon)
        names = [name for name in found if _credits_a_person(name, rules.lexicon)]
        if not names or any(len(name.split()) > 6 for name in names):
            draft.credits.append(line)
            return True
        for name in names:
            for role in roles:
                draft.add_contributor(name, role)
        qualified = rules.qualified.match(line) is not None
        dedicated = bool(remainder) and _is_mia_dedication(remainder, rules)
        if (remainder and not dedicated) or rules.late.search(match.group("rest")) or qualified or names != found:
            draft.credits.append(line)
        return True
    return False


def _credits_a_person(name: str, lexicon: Lexicon) -> bool:
    """A name a contributor can have: no site ("Left Voice blog", "www.rebelion.org") and no
    title of a publication ("Rósa Lúxembúrg á íslensku", "Rosa Luxemburg in Icelandic"), whose
    small words a name does not have (a name's particles, "de", "von", are the lexicon's)."""
    return not is_site(name) and all(header_words(lexicon).name_word.match(word) for word in name.split())


def is_site(name: str) -> bool:
    """A blog, a website or the archive itself: credited on the page, but no translator (nor any
    other contributor) of the text; its line is kept as the page says it."""
    return _ADDRESS.search(name) is not None or _SITE_WORDS.search(name) is not None


def _is_mia_dedication(remainder: str, rules: CreditRules) -> bool:
    """ "… for the Marxists' Internet Archive." carries no information beyond the name."""
    text = re.sub(r"[^a-z ]", "", remainder.lower().replace("’", "'"))
    return rules.dedication.fullmatch(text) is not None


def _dates(draft: MetadataDraft, line: str, rules: CreditRules) -> bool:
    for pattern, name in rules.dates:
        match = pattern.match(line)
        if match is None:
            continue
        rest = match.group("rest")
        iso = stated_date(rest, rules.lexicon)
        draft.set_first(name, iso)
        if iso is None or not date_says_all(rest, iso, rules.lexicon):
            draft.credits.append(line)
        return True
    return False


def date_says_all(text: str, iso: str, lexicon: Lexicon | None = None) -> bool:
    """Whether an ISO date keeps every word of the text it came from ("Spring 1919" does not)."""
    lexicon = resolve(lexicon)
    dates = date_reader(lexicon)
    words = [dates.ordinal.sub(r"\1", word) for word in re.findall(r"[^\W_]+", text.lower())]
    parts = iso.split("-")
    known = {parts[0], *(str(int(part)) for part in parts[1:]), *(part for part in parts[1:])}
    if len(parts) > 1:
        known |= dates.by_number[int(parts[1])]
    return all(word in known or word in dates.glue or word in lexicon.date_glue for word in words)


def _source(draft: MetadataDraft, line: str, rules: CreditRules) -> bool:
    match = rules.source.match(line)
    if match is None:
        return False
    if draft.source is None:
        draft.source = _strip_final_stop(match.group("rest"))
    else:
        draft.credits.append(line)
    return True


def _published(draft: MetadataDraft, line: str, rules: CreditRules) -> bool:
    match = rules.published.match(line)
    if match is None:
        return False
    rest = _strip_final_stop(match.group("rest"))
    draft.set_first("first_published", stated_date(rest, rules.lexicon))
    plain_label = rules.published_plain.match(line) is not None
    if draft.source is None:
        draft.source = rest
        if not plain_label:
            draft.credits.append(line)
    else:
        draft.credits.append(line)
    return True


def _rights(draft: MetadataDraft, line: str, rules: CreditRules) -> bool:
    match = rules.rights.match(line)
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


_RULES: tuple[Callable[[MetadataDraft, str, CreditRules], bool], ...] = (
    _dates,
    _source,
    _published,
    _rights,
    _contributors,
)
