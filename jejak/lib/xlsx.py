"""Write XLSX files safely: every string is a text cell, which Excel never runs as a formula.

Strings go through `write_string` (never `write`, which would turn "=..." into a formula) in a
workbook from `new_workbook`, where xlsxwriter's `strings_to_formulas` is off as well. A text
cell needs no apostrophe, so exported values come back unchanged when re-imported (see
`jejak.lib.formulas` for the CSV side).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> Any:
    """A finished workbook as a download."""
    from django.http import HttpResponse

    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def new_workbook(target: Any, **options: Any) -> Any:
    """An xlsxwriter workbook that never makes a formula or a number from a string, whatever
    method writes it. Every workbook Jejak writes comes from here."""
    return xlsxwriter.Workbook(
        target, {**options, "strings_to_formulas": False, "strings_to_numbers": False}
    )


@dataclass(frozen=True)
class SheetFormats:
    """A workbook's formats for `write_sheet`: the header row, and columns kept as text."""

    header: Any
    text: Any

    @classmethod
    def of(cls, workbook: Any) -> SheetFormats:
        return cls(
            header=workbook.add_format({"bold": True, "bg_color": "#E8F0EC", "border": 1}),
            text=workbook.add_format({"num_format": "@"}),
        )


def write_sheet(
    worksheet: Any,
    formats: SheetFormats,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    text_columns: Iterable[str] = (),
    notes: Sequence[str] = (),
    freeze_header: bool = False,
) -> int:
    """Note lines, a bold header, then the rows; the number of rows. Strings are written as
    text cells, as they are; `text_columns` keep leading zeros (NISN, NIK, phone) because Excel
    is told they are text."""
    text_set = set(text_columns)
    for index, name in enumerate(headers):
        column_format = formats.text if name in text_set else None
        worksheet.set_column(index, index, max(12, len(name) + 2), column_format)
    for row_index, note in enumerate(notes):
        worksheet.write_string(row_index, 0, note)
    header_row = len(notes)
    for col, name in enumerate(headers):
        worksheet.write_string(header_row, col, name, formats.header)
    if freeze_header:
        worksheet.freeze_panes(header_row + 1, 0)
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                worksheet.write_string(header_row + count, col, value)
            else:
                worksheet.write(header_row + count, col, value)
    return count


def write_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Data",
    text_columns: Iterable[str] = (),
    notes: Sequence[str] = (),
) -> bytes:
    """A workbook of one sheet, built in memory (`xlsx_stream` writes large ones to disk)."""
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, in_memory=True)
    write_sheet(
        workbook.add_worksheet(sheet), SheetFormats.of(workbook), headers, rows,
        text_columns=text_columns, notes=notes, freeze_header=True,
    )  # fmt: skip
    workbook.close()
    return buffer.getvalue()


def xlsx_file_response(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filename: str,
    *,
    sheet: str = "Data",
    text_columns: Iterable[str] = (),
    notes: Sequence[str] = (),
) -> Any:
    """A large workbook of one sheet as a download whose memory does not grow with its rows:
    xlsxwriter's constant_memory mode flushes each row to disk as it is written, the
    workbook goes to an anonymous temporary file, and FileResponse streams it from there.
    Give `rows` as a generator over `QuerySet.iterator()` so the rows are not held either."""
    from django.http import FileResponse

    # Not a `with` block: FileResponse closes it once sent, and the file is gone then.
    target = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook = new_workbook(target, constant_memory=True)
    write_sheet(
        workbook.add_worksheet(sheet), SheetFormats.of(workbook), headers, rows,
        text_columns=text_columns, notes=notes, freeze_header=True,
    )  # fmt: skip
    workbook.close()
    target.seek(0)
    return FileResponse(
        target, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
