"""A text's language (BCP 47) from the page's own word, its place in the archive, its words.

The archive keeps each language in its own folder (``espanol/``, ``islenska/`` …), which is
more reliable than ``lang`` attributes copied from English templates; the text's commonest
words decide when neither says.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from publish.normalise.lexicon import registry
from publish.normalise.lexicon.base import Lexicon

FOLDERS = {
    "espanol": "es", "islenska": "is", "italiano": "it", "eesti": "et", "ellinika": "el", "norsk": "nb",
    "polski": "pl", "suomi": "fi", "shqip": "sq", "esperanto": "eo", "deutsch": "de", "francais": "fr",
    "portugues": "pt", "russkij": "ru", "nederlands": "nl", "svenska": "sv", "dansk": "da", "catala": "ca",
    "romana": "ro", "turkce": "tr", "chinese": "zh", "japanese": "ja", "korean": "ko", "magyar": "hu",
    "cestina": "cs", "slovenscina": "sl", "hrvatski": "hr", "srpski": "sr", "bulgarian": "bg",
    "ukrainian": "uk", "lietuviu": "lt", "latviski": "lv", "filipino": "fil", "bahasa": "id", "indonesia": "id",
    "arabic": "ar", "farsi": "fa", "hebrew": "he", "urdu": "ur", "hindi": "hi", "bangla": "bn", "tamil": "ta",
    "vietnamese": "vi", "thai": "th", "euskara": "eu", "galego": "gl", "gaeilge": "ga", "cymraeg": "cy",
    "afrikaans": "af", "kiswahili": "sw", "malayalam": "ml", "sinhala": "si", "marathi": "mr", "telugu": "te",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_PUNCTUATION = ".,;:!?\"'()[]“”‘’«»—–-…*/"  # none of them part of a word
_SCRIPTS = (("ru", "\u0400", "\u04ff"), ("el", "\u0370", "\u03ff"), ("zh", "\u4e00", "\u9fff"))
_ANY_SCRIPT = re.compile("[" + "".join(f"{low}-{high}" for _, low, high in _SCRIPTS) + "]")
_SCRIPT_PATTERNS = tuple((language, re.compile(f"[{low}-{high}]")) for language, low, high in _SCRIPTS)


def from_path(origin: str) -> str | None:
    """The language folder in an archive path (also in flattened names: ``espanol__grant__…``)."""
    for part in re.split(r"[/\\]|__", origin.lower()):
        if part in FOLDERS:
            return FOLDERS[part]
    return None


def script_agrees(tag: str, text: str) -> bool:
    """A folder for a language in its own script (Greek, Russian …) whose page has none of it lies."""
    for language, pattern in _SCRIPT_PATTERNS:
        if tag.split("-")[0] == language:
            return pattern.search(text, 0, 20000) is not None or not text.strip()
    return True


def from_text(text: str) -> str | None:
    """The language whose commonest words this text uses most, if the evidence is clear."""
    head = text[:5000]
    if _ANY_SCRIPT.search(head):  # else no letter of those scripts: nothing to count
        for language, pattern in _SCRIPT_PATTERNS:
            if len(pattern.findall(head)) > 200:
                return language
    counts = _word_counts(text[:6000].lower())
    if sum(counts.values()) < 30:
        return None
    stopwords = _stopwords(tuple(registry.LEXICONS.items()))
    scores = {language: sum([counts.get(word, 0) for word in words]) for language, words in stopwords.items()}
    best = max(scores, key=lambda language: scores[language])
    ranked = sorted(scores.values(), reverse=True)
    return best if ranked[0] >= 10 and ranked[0] > 1.5 * ranked[1] else None


@cache
def _stopwords(lexicons: tuple[tuple[str, Lexicon], ...]) -> dict[str, frozenset[str]]:
    """Each registered language's commonest words (the lexicons that list them), built once."""
    return {language: frozenset(lexicon.stopwords) for language, lexicon in lexicons if lexicon.stopwords}


def _word_counts(text: str) -> Counter[str]:
    """How often each word (a run of letters, ``_WORD``) occurs in ``text``.

    Splitting at white space is much cheaper than searching for runs of letters: a token is a
    word once punctuation is trimmed off its ends, and only the few that are not ("1917",
    "don’t") are searched.
    """
    counts = Counter(text.split())
    for token in [token for token in counts if not token.isalpha()]:
        times = counts.pop(token)
        core = token.strip(_PUNCTUATION)
        for word in [core] if core.isalpha() else _WORD.findall(token):
            counts[word] += times
    return counts


def normalise_tag(tag: str) -> str | None:
    """A ``lang`` attribute as a BCP 47 tag: "EN-gb" -> "en-GB"; junk -> None."""
    parts = tag.strip().replace("_", "-").split("-")
    if not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return None
    return "-".join([parts[0].lower(), *(part.upper() if len(part) == 2 else part for part in parts[1:])])
