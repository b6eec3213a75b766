"""Exported cells that a spreadsheet would run as formulas, and how exports keep them inert.

The rule (OWASP "CSV injection", narrowed to what Excel evaluates): a text cell is a formula
when, after any leading spaces, tabs and line breaks, it starts with `=`, `+`, `-` or `@`;
except a plain number ("-5", "+62812345", "-1.234,5", "3e5", "-10%"), which Excel reads as a
number and cannot run anything, and a lone "-" or "+" (a common "no value" mark).

- CSV: such a cell is written with one leading apostrophe (`neutralise`), so Excel shows text.
  A cell that already starts with apostrophes before a formula gets one more, so `restore`
  (which every CSV reader applies) can drop exactly one and give back the value written.
- XLSX: every string is written as a text cell (`write_string`, workbooks made by
  `jejak.lib.xlsx.new_workbook` with `strings_to_formulas` off); Excel never evaluates a text
  cell, so nothing is prefixed and values come back as they were.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from typing import Any

_LEADING_SPACE = " \t\r\n"
_TRIGGERS = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d.,]*|[.,]\d[\d.,]*)([eE][+-]?\d+)?%?")


def is_formula(value: str) -> bool:
    """Would Excel evaluate this text, typed into a cell or read from a CSV?"""
    text = value.lstrip(_LEADING_SPACE)
    if not text.startswith(_TRIGGERS) or text in {"-", "+"}:
        return False
    return _PLAIN_NUMBER.fullmatch(text.rstrip(_LEADING_SPACE)) is None


def _needs_quote(value: str) -> bool:
    # Apostrophes already in front of a formula count too, so `restore` is an exact inverse.
    return is_formula(value.lstrip("'"))


def neutralise(value: Any) -> Any:
    """A CSV cell as Excel must see it: formulas get a leading apostrophe; anything else,
    and any non-string, is returned unchanged."""
    if isinstance(value, str) and _needs_quote(value):
        return "'" + value
    return value


def restore(value: Any) -> Any:
    """The value `neutralise` was given: drops the one apostrophe it added, nothing else."""
    if isinstance(value, str) and value.startswith("'") and _needs_quote(value[1:]):
        return value[1:]
    return value


class SafeCsvWriter:
    """`csv.writer` whose rows pass through `neutralise`: use it for every CSV export."""

    def __init__(self, out: Any, delimiter: str = ",") -> None:
        self._writer = csv.writer(out, delimiter=delimiter)

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row; returns what `out.write` returned (see `csv_lines`)."""
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class _Line:
    """A file-like sink that hands back what csv writes instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def csv_lines(rows: Iterable[Iterable[Any]], delimiter: str = ",") -> Iterator[str]:
    """Each row as one CSV line through `neutralise`, for StreamingHttpResponse: nothing is
    held beyond the row being written."""
    writer = SafeCsvWriter(_Line(), delimiter=delimiter)
    for row in rows:
        yield writer.writerow(row)
