"""Failures the fuzz suite finds that other parts of issue 15 are fixing: expected, for now.

Each entry names the exception's exact type and a fragment of its message, so a new failure
that merely looks alike still fails the suite, and carries a small page that shows it. When a
fix lands, ``test_known.py`` reports the entry's reproducer as passing (a strict xfail): delete
the entry then. The list is meant to end empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.errors import PublishError


class ForbiddenInNamesError(Exception):
    """An EPUB page is not XML because a title or a metadata field holds a character XML forbids
    (the body's own text is cleaned by ``render.markup``; titles and metadata reach the title
    page, contents and colophon through the templates, uncleaned)."""


@dataclass(frozen=True, slots=True)
class Known:
    name: str
    exception: type[BaseException]
    fragment: str
    reason: str
    reproducer: bytes
    """A page that fails this way through read -> EPUB (or -> PDF when ``pdf``)."""
    pdf: bool = False

    def matches(self, error: BaseException) -> bool:
        return type(error) is self.exception and self.fragment in str(error)


def _page(body: bytes, title: bytes = b"A page") -> bytes:
    return (
        b"<html><head><meta charset='utf-8'><title>"
        + title
        + b"</title></head><body><h1>"
        + title
        + b"</h1>"
        + b"<p>The workers of the town met every evening to read the paper.</p>" * 10  # control bytes under 1 %
        + body
        + b"</body></html>"
    )


KNOWN: tuple[Known, ...] = ()
"""The failures expected now: none. A new one found while a fix is under way goes here."""

FIXED: tuple[Known, ...] = (
    Known(
        name="malformed-url",
        exception=ValueError,
        fragment="Invalid IPv6 URL",
        reason="a picture's address urllib cannot split (http://[::1) escapes as ValueError (render/pictures.py)",
        reproducer=_page(b'<p>A picture: <img src="http://[::1" alt="a broken address"> here.</p>'),
    ),
    Known(
        name="control-chars-in-title",
        exception=ValueError,
        fragment="All strings must be XML compatible",
        reason="a title holding a control character XML forbids reaches lxml through ebooklib's NCX",
        reproducer=_page(b"", title=b"A \x01title\x0b"),
    ),
    Known(
        name="control-chars-in-metadata",
        exception=ForbiddenInNamesError,
        fragment="a character XML forbids in a title or metadata",
        reason="a control character in the standfirst (or another field) makes the title page not XML",
        reproducer=(
            b"<html><head><title>T</title></head><body><p class='title'>Chris Harman</p><h1>A title</h1>"
            b"<p class='c'>Chris Harman on Lenin \x0fand the party</p>"
            + b"<p class='fst'>Words of the text, read every evening by the workers of the town.</p>" * 10
            + b"</body></html>"
        ),
    ),
    Known(
        name="deep-nesting",
        exception=RecursionError,
        fragment="maximum recursion depth exceeded",
        reason="quotations nested about 200 deep overflow the recursive model walks (Limits.nesting_depth unenforced)",
        reproducer=_page(b"<blockquote>" * 200 + b"deep"),
    ),
    Known(
        name="utf16-refused",
        exception=PublishError,
        fragment="this is a binary file",
        reason="a UTF-16 page with its byte-order mark is refused as binary instead of decoded",
        reproducer=_page(b"").decode().encode("utf-16"),
    ),
)
"""Failures the suite found and issue 15 fixed: each reproducer must now make an EPUB and a PDF."""


def known(error: BaseException) -> Known | None:
    """The known failure ``error`` is, if it is one (the refusal of UTF-16 is only known where
    the test expects a page to be read, so it is not matched here)."""
    return next((entry for entry in KNOWN if entry.exception is not PublishError and entry.matches(error)), None)
