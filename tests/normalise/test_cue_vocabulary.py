"""No engine module spells a class name: the class vocabulary lives in the families and the cue base.

Each module under ``publish/normalise/html/`` but the ``families`` package is parsed, and three
things fail: any string literal tested against an element's ``classes(...)`` (``"title" in
classes(element)``, ``classes(element) & {"note"}``); a class name some family's cues know
compared with anything (``"updat" in names``); and a set, list or tuple of strings most of
which are such class names (a vocabulary set of the engine's own). Class names that are also
tag names count only in the first and last, where tags cannot be meant; a name used as a
word, an attribute or a regex group elsewhere ("content", "date") is no offence.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from lxml.html import defs

import publish.normalise.html as html_package
from publish.normalise.html.families import FAMILIES

HTML = Path(html_package.__file__).parent
CLASS_NAMES = frozenset().union(*(family.cues.class_names() for family in FAMILIES))
TAG_NAMES = frozenset(defs.tags | defs.html5_tags | defs.deprecated_tags | {"main", "font", "center"})


def _engine_modules() -> list[Path]:
    return sorted(path for path in HTML.rglob("*.py") if "families" not in path.relative_to(HTML).parts)


def _is_classes_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "classes"


def _strings(node: ast.AST) -> Iterator[str]:
    for inner in ast.walk(node):
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            yield inner.value


def offences(source: str) -> list[str]:
    """The class-name literals in one module's ``source``, each as "line: what"."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_classes_call(side) for side in sides):
                found += [
                    f"{node.lineno}: {text!r} tested against classes()" for side in sides for text in _strings(side)
                ]
            else:
                found += [f"{node.lineno}: class name {text!r} compared" for text in _compared(sides)]
        elif isinstance(node, ast.BinOp) and (_is_classes_call(node.left) or _is_classes_call(node.right)):
            found += [f"{node.lineno}: {text!r} combined with classes()" for text in _strings(node)]
        elif isinstance(node, ast.Set | ast.List | ast.Tuple):
            texts = [item.value for item in node.elts if isinstance(item, ast.Constant) and isinstance(item.value, str)]
            known = [text for text in texts if text in CLASS_NAMES]
            if texts and 2 * len(known) > len(texts) and set(known) - TAG_NAMES:
                found.append(f"{node.lineno}: a set of class names {sorted(known)}")
    return found


def _compared(sides: list[ast.expr]) -> list[str]:
    """Class names (not tag names) written as a side of a comparison."""
    return [
        side.value
        for side in sides
        if isinstance(side, ast.Constant) and isinstance(side.value, str) and side.value in CLASS_NAMES - TAG_NAMES
    ]


def test_the_cues_know_class_names() -> None:
    """The check has something to look for: the base's words and every family's own."""
    assert {"quoteb", "pagenoteb", "updat", "information"} <= CLASS_NAMES
    assert len(_engine_modules()) > 20


def test_no_engine_module_spells_a_class_name() -> None:
    failures = [
        f"{path.relative_to(HTML)}:{offence}"
        for path in _engine_modules()
        for offence in offences(path.read_text(encoding="utf-8"))
    ]
    assert not failures, "class names belong in html/families/: " + "; ".join(failures)


def test_the_check_finds_a_class_name_put_back() -> None:
    """What the check would say of the lines this issue took out of the engines."""
    assert offences('_QUOTE_CLASSES = {"quoteb", "quote"}\n')
    assert offences('_FRAME = frozenset(("footer", "title", "toplink"))\n')
    assert offences('def f(names):\n    return "updat" in names\n')
    assert offences('def f(e):\n    return "title" in classes(e)\n')
    assert offences('def f(e):\n    return classes(e) & {"footer", "title"}\n')
    assert not offences('def f(e):\n    return e.tag in ("title", "footer") and classes(e) & cues.quotation\n')
    assert not offences('def f(meta, m):\n    return meta.get("content") or m.group("date")\n')
