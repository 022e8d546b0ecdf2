"""Pictures in a page: figures, navigation buttons, and the text short enough to caption one."""

from __future__ import annotations

from lxml.etree import _Element

from publish.model import Figure
from publish.normalise.html.parse import has_descendant, text_of
from publish.normalise.inlines import collapse

_MAX_CAPTION = 400


def figure(image: _Element) -> Figure:
    return Figure(source=(image.get("src") or "").strip(), alt=collapse(image.get("alt") or "").strip())


def is_button(image: _Element) -> bool:
    """An image that links to another page ("Shachtman button") is a navigation button, not a picture."""
    link = next(image.iterancestors("a"), None)
    href = (link.get("href") or "").strip().lower() if link is not None else ""
    return bool(href) and not href.startswith("#") and href.split("#")[0].endswith((".htm", ".html", "/"))


def captions(element: _Element) -> bool:
    """Short enough to be a caption, not a page of text set beside a picture."""
    return len(text_of(element)) < _MAX_CAPTION


def is_image_only(element: _Element) -> bool:
    return has_descendant(element, "img") and not text_of(element).replace("\u00a0", " ").strip()
