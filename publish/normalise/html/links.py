"""Which links the model keeps: to other sites, and to other archive pages (for works to resolve)."""

from __future__ import annotations

from publish.urls import quote


def uri(href: str) -> str:
    """A link as a valid URI: pages write spaces and other raw characters into their hrefs."""
    return quote(href.strip(), safe=":/?#[]@!$&'()*+,;=%~")


def is_page(href: str | None) -> bool:
    """A link to another archive page ("ch02.htm", "../1920/x.htm#p3"), kept for works to resolve."""
    path = (href or "").strip().split("#")[0].split("?")[0].lower()
    return bool(path) and ":" not in path and path.endswith((".htm", ".html"))


def is_external(href: str | None) -> bool:
    return bool(href) and (href or "").strip().lower().startswith(("http://", "https://", "mailto:"))
