"""publish: archive texts (Marxists Internet Archive pages) to EPUB books and PDF pamphlets.

The Python API lives at this top level (``publish.read``, ``publish.render_epub``, ...), but
is imported on first use (PEP 562): the command line imports this package before anything
else, and must not pay for the API's imports. ``TYPE_CHECKING`` shows the type checker the
real names, so a script's ``mypy --strict`` checks every call (the package has ``py.typed``).
"""

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms); type checkers read it the same

__version__ = "0.1.0"

if TYPE_CHECKING:
    from publish.api import BatchOptions as BatchOptions
    from publish.api import Report as Report
    from publish.api import batch as batch
    from publish.api import read as read
    from publish.api import read_selection as read_selection
    from publish.api import render_epub as render_epub
    from publish.api import render_pamphlet as render_pamphlet
    from publish.api import render_pdf as render_pdf
    from publish.errors import Diagnostic as Diagnostic
    from publish.errors import PublishError as PublishError
    from publish.errors import Severity as Severity
    from publish.model import Document as Document
    from publish.model import Metadata as Metadata
    from publish.render.options import Booklet as Booklet
    from publish.render.options import EpubOptions as EpubOptions
    from publish.render.options import PamphletOptions as PamphletOptions
    from publish.render.options import PdfOptions as PdfOptions
    from publish.themes import resolve as theme_folder  # noqa: F401 - in __all__ through _LAZY

_LAZY = {
    "read": "publish.api",
    "read_selection": "publish.api",
    "render_epub": "publish.api",
    "render_pdf": "publish.api",
    "render_pamphlet": "publish.api",
    "BatchOptions": "publish.api",
    "Report": "publish.api",
    "Diagnostic": "publish.errors",
    "PublishError": "publish.errors",
    "Severity": "publish.errors",
    "Document": "publish.model",
    "Metadata": "publish.model",
    "Booklet": "publish.render.options",
    "EpubOptions": "publish.render.options",
    "PamphletOptions": "publish.render.options",
    "PdfOptions": "publish.render.options",
    "theme_folder": "publish.themes",
}
"""Each top-level name and the module it comes from, imported when first asked for."""
_NAMED = {"theme_folder": "resolve"}
"""Top-level names that have another name in their module."""

__all__ = ["__version__", "batch", *_LAZY]


if not TYPE_CHECKING:  # hidden from type checkers, which would otherwise take any name, a typo too

    def __getattr__(name: str) -> object:
        from importlib import import_module

        if name == "batch":  # the subpackage, callable as the API's function (see publish/batch/__init__.py)
            return import_module("publish.batch")
        if name in _LAZY:
            value = getattr(import_module(_LAZY[name]), _NAMED.get(name, name))
            globals()[name] = value  # asked once: later lookups are plain attribute reads
            return value
        raise AttributeError(f"module 'publish' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
