"""The EPUB container as ocf.package writes it: a zip any reader opens, the same bytes every time."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from publish.render import ocf

_ENTRIES = [
    ("mimetype", b"application/epub+zip"),
    ("META-INF/container.xml", b"<container/>" * 50),
    ("EPUB/text.xhtml", "<p>Ce qu’il faut — «\u202fdire\u202f»</p>".encode() * 200),
    ("EPUB/images/1.png", bytes(range(256)) * 10),
    ("EPUB/notes é.xhtml", b"<p>a name that is not ASCII</p>"),
    ("EPUB/empty.css", b""),
]


def test_every_entry_reads_back_whole_in_order_with_its_date() -> None:
    when = datetime(2002, 6, 8, 13, 45, 31, tzinfo=UTC)
    archive = zipfile.ZipFile(io.BytesIO(ocf.package(_ENTRIES, when)))
    assert archive.testzip() is None  # every CRC checks
    assert [(info.filename, archive.read(info)) for info in archive.infolist()] == _ENTRIES
    assert {info.date_time for info in archive.infolist()} == {(2002, 6, 8, 13, 45, 30)}  # zip keeps 2 s
    assert {info.external_attr >> 16 for info in archive.infolist()} == {0o100644}


def test_mimetype_comes_first_stored_at_offset_zero_and_pictures_are_not_recompressed() -> None:
    data = ocf.package(_ENTRIES, datetime(2020, 1, 1, tzinfo=UTC))
    assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"  # OCF 3.3, 4.3
    methods = {info.filename: info.compress_type for info in zipfile.ZipFile(io.BytesIO(data)).infolist()}
    assert methods["mimetype"] == methods["EPUB/images/1.png"] == zipfile.ZIP_STORED
    assert methods["EPUB/text.xhtml"] == zipfile.ZIP_DEFLATED


def test_the_same_entries_give_the_same_bytes_and_old_dates_are_clamped() -> None:
    first = ocf.package(_ENTRIES, datetime(1970, 1, 1, tzinfo=UTC))
    assert first == ocf.package(_ENTRIES, datetime(1970, 1, 1, tzinfo=UTC))
    dates = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}  # the earliest date a zip can hold
