"""``report.json``: every job of the run, what it read, what it made, and how it went.

Written from the manifest row by row, so a report of a hundred thousand books costs no more
memory than one of ten; written to a temporary file and renamed, so a reader never sees half
a report. A book the run found unchanged is reported with the files and diagnostics of the
run that made it: each report is whole, not a diff.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from publish.batch.manifest import BookRow, Manifest
from publish.files import open_temporary


def job_data(row: BookRow) -> dict[str, Any]:
    data: dict[str, Any] = {"book": row.id, "kind": row.kind}
    if row.entry is not None:
        data["title"] = row.entry["title"]
        data["authors"] = row.entry["authors"]
    failed = row.status == "failed"
    data["inputs"] = list(row.inputs)
    data["outputs"] = [] if failed else [path for _, output in row.outputs for path in output.paths]
    data["status"] = row.status
    if row.reason is not None:
        data["cause" if failed else "reason"] = row.reason
    data["seconds"] = round(row.seconds, 3)
    diagnostics = [] if failed else [*row.diagnostics, *(d for _, output in row.outputs for d in output.diagnostics)]
    data["diagnostics"] = diagnostics
    return data


def write_report(path: Path, manifest: Manifest, summary: Mapping[str, Any]) -> None:
    handle, temporary = open_temporary(path)  # made with the user's umask, like every book
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write('{"jobs": [')
            for number, row in enumerate(manifest.rows()):
                stream.write(",\n  " if number else "\n  ")
                stream.write(json.dumps(job_data(row), ensure_ascii=False))
            stream.write('\n], "summary": ')
            stream.write(json.dumps(dict(summary), ensure_ascii=False, indent=2))
            stream.write("}\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
