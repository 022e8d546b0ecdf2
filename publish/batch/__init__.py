"""``publish batch``: whole folders of the archive into a library of books.

``publish.batch`` is both this package and the API's function (``publish.batch(archive_dir,
out_dir, options) -> Report``): Python binds a subpackage to its parent's attribute of the same
name whenever it is first imported, so a function of that name could not stay there. The
package is therefore made callable, and a call is the API's ``batch`` (``api_batch``).
"""

from __future__ import annotations

import os
import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publish.api_batch import BatchOptions, Report


class _CallablePackage(types.ModuleType):
    def __call__(
        self,
        archive_dir: str | os.PathLike[str],
        out_dir: str | os.PathLike[str],
        options: BatchOptions | None = None,
    ) -> Report:
        from publish.api_batch import batch

        return batch(archive_dir, out_dir, options)


sys.modules[__name__].__class__ = _CallablePackage
