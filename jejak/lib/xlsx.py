"""Write XLSX files safely: text cells that look like formulas are neutralised."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(data: bytes, filename: str) -> Any:
    """A finished workbook as a download."""
    from django.http import HttpResponse

    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def safe_cell(value: Any) -> Any:
    """A cell beginning with =, +, -, @ would run as a formula in Excel; prefix a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Data",
    text_columns: Iterable[str] = (),
    notes: Sequence[str] = (),
) -> bytes:
    """One sheet: optional note lines, a bold header, then rows. `text_columns` keep leading
    zeros (NISN, NIK, phone) because Excel is told they are text."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    worksheet = workbook.add_worksheet(sheet)
    bold = workbook.add_format({"bold": True, "bg_color": "#E8F0EC", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    text_set = set(text_columns)
    for index, name in enumerate(headers):
        worksheet.set_column(
            index, index, max(12, len(name) + 2), text if name in text_set else None
        )
    row_index = 0
    for note in notes:
        worksheet.write_string(row_index, 0, note)
        row_index += 1
    worksheet.write_row(row_index, 0, headers, bold)
    worksheet.freeze_panes(row_index + 1, 0)
    for row in rows:
        row_index += 1
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                worksheet.write_string(row_index, col, safe_cell(value))
            else:
                worksheet.write(row_index, col, value)
    workbook.close()
    return buffer.getvalue()
