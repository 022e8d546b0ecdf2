"""``publish serve``: a local web library over an archive folder (issue 16).

Its parts stay importable without the converter: ``publish --help`` must not pay for the
readers and renderers, so whatever needs them imports them where it runs.
"""
