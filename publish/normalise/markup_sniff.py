"""Whether a file whose first bytes are broken is still an HTML page, judged on its whole head.

Archive pages start with junk as often as with a doctype: ``!DOCTYPE`` with its ``<`` lost, a
``<‹!DOCTYPE``, an ``<img>`` or a stray ``<`` before it. Read as plain text they would be
published as their own source code. What makes a page HTML is its markup, found anywhere in
the head of the file: the document tags (``html``, ``head``, ``body``, ``title``) and many
HTML elements, closed as well as opened, making up a share of the bytes no prose has. A
plain-text copy that quotes a tag or two in a sentence has neither the count nor the share.
"""

from __future__ import annotations

import re

from lxml.html import defs

HEAD_BYTES = 8192
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_DOCUMENT_TAGS = frozenset({"html", "head", "body", "title"})
_DOCTYPE = re.compile(rb"!doctype\s+html\b", re.IGNORECASE)
_MIN_TAGS = 8  # the leanest corpus page has 32 in its first 8 KiB
_MIN_CLOSING = 3  # the leanest has 13
_MIN_SHARE = 0.02  # of the head's non-space bytes inside tags; the leanest page has 5 %


def looks_like_html(head: bytes) -> bool:
    """Whether ``head`` (the file's first ``HEAD_BYTES``) holds a page's markup, wherever it starts."""
    tags = [match for match in _TAG.finditer(head) if match.group(2).lower().decode() in defs.tags]
    if len(tags) < _MIN_TAGS or sum(1 for match in tags if match.group(1)) < _MIN_CLOSING:
        return False
    document_tags = {match.group(2).lower().decode() for match in tags} & _DOCUMENT_TAGS
    if len(document_tags) < 2 and not _DOCTYPE.search(head):
        return False
    share = sum(len(match.group()) for match in tags) / max(1, len(b"".join(head.split())))
    return share >= _MIN_SHARE
