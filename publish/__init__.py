"""publish: archive texts (Marxists Internet Archive pages) to EPUB books and PDF pamphlets."""

__version__ = "0.1.0"
