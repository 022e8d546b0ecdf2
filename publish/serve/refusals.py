"""What a visitor asked that cannot be done, said in their language.

A ``RefusedError`` is a ``PublishError`` (its English for a log, a test or the Python API) that also
keeps its sentence as a catalogue message (marked with ``N_``, so ``make messages`` finds it) and
the values that go into it: the site shows it on its error page in the visitor's language
(``site_language``), where a plain ``PublishError`` from below (a converter's cause) is shown
as it is.
"""

from __future__ import annotations

from publish.errors import PublishError


class RefusedError(PublishError):
    def __init__(self, what: str, message: str, **values: str) -> None:
        super().__init__(what, message % values)
        self.message = message
        self.values = values
