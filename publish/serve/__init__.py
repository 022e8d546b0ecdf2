"""``publish serve``: a local web library over an archive folder (issue 16).

``app`` is the web application; ``kept`` answers the pages kept in memory before it routes;
``library*`` is the catalogue, ``books`` and ``book_task`` make books, ``workers`` is the pool
both stop with the server; ``sessions`` keeps baskets; ``site_language`` and ``refusals`` speak
to the visitor in their language; ``reading`` and ``opds`` are the reading view and the feeds.

Its parts stay importable without the converter: ``publish --help`` must not pay for the
readers and renderers, so whatever needs them imports them where it runs.
"""
