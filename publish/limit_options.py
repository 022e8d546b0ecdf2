"""The command line's limit options (``--max-input-size 64M``…) and the ``Limits`` they make.

The defaults (``publish.limits.DEFAULT``) sit far above anything the archive holds; a user with
a genuine outlier, a 40 MB page, raises one bound for one run or in ``publish.toml`` (the same
names with underscores: ``max_input_size = "64M"``), never all of them.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace

from publish.limits import DEFAULT, MIB, Limits

MAX_NESTING = 64
"""The deepest ``--max-nesting`` allowed: each level is a few Python frames in the reader and
the renderers, and deeper risks Python's recursion limit (1,000 frames) on a hostile page."""

_SIZE = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[kmg]?)(?:i?b)?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": MIB, "g": 1024 * MIB}

# option destination -> Limits field
FIELDS = {
    "max_input_size": "input_bytes",
    "max_picture_size": "picture_bytes",
    "max_paragraph_words": "paragraph_words",
    "max_word_length": "word_chars",
    "max_nesting": "nesting_depth",
}


def parse_size(text: str) -> int:
    """Bytes from ``32M``, ``500K``, ``1.5G``, ``20MB`` or ``1048576`` (K, M, G are 1024s)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a size: a number of bytes, or with K, M or G (e.g. 32M)")
    size = int(float(match["number"]) * _UNITS[match["unit"].lower()])
    if size < 1:
        raise ValueError(f"{text!r} is not a size: it must be at least 1 byte")
    return size


def nesting(value: int) -> int:
    if not 1 <= value <= MAX_NESTING:
        raise ValueError(f"nesting must be from 1 to {MAX_NESTING} (deeper risks Python's recursion limit)")
    return value


def _at_least(value: int, least: int) -> int:
    if value < least:
        raise ValueError(f"must be at least {least}")
    return value


def _size_argument(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _count_argument(text: str) -> int:
    try:
        return _at_least(int(text), 1)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number of at least 1") from error


def _nesting_argument(text: str) -> int:
    try:
        return nesting(int(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number from 1 to {MAX_NESTING}") from error


def _mib(size: int) -> str:
    return f"{size // MIB}M"


def add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    """The limit options, in a group of their own in ``--help``; each defaults to None so that
    ``publish.toml``'s value, then ``DEFAULT``, holds when it is not typed."""
    group = parser.add_argument_group("limits (for hostile or broken input; the defaults are far above the archive's)")
    group.add_argument(
        "--max-input-size",
        type=_size_argument,
        metavar="SIZE",
        help=f"refuse a page or text file larger than this (default: {_mib(DEFAULT.input_bytes)})",
    )
    group.add_argument(
        "--max-picture-size",
        type=_size_argument,
        metavar="SIZE",
        help=f"leave out a picture larger than this (default: {_mib(DEFAULT.picture_bytes)})",
    )
    group.add_argument(
        "--max-paragraph-words",
        type=_count_argument,
        metavar="N",
        help=f"cut a longer paragraph into paragraphs of N words (default: {DEFAULT.paragraph_words})",
    )
    group.add_argument(
        "--max-word-length",
        type=_count_argument,
        metavar="N",
        help=f"let a word longer than N letters break every 20 (default: {DEFAULT.word_chars})",
    )
    group.add_argument(
        "--max-nesting",
        type=_nesting_argument,
        metavar="N",
        help=f"flatten blocks nested deeper than N (default: {DEFAULT.nesting_depth}, at most {MAX_NESTING})",
    )


def limits_of(args: argparse.Namespace) -> Limits:
    """The limits the command line (or ``publish.toml``, through the options' defaults) asks for."""
    given = {field: getattr(args, dest, None) for dest, field in FIELDS.items()}
    changed = {field: value for field, value in given.items() if value is not None}
    return replace(DEFAULT, **changed) if changed else DEFAULT
