"""The report and the area's placed alumni as XLSX, written in constant memory."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from jejak.bkkreports.generate import PLACED_COLUMNS, PLACED_TEXT_COLUMNS
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.selectors import AREA_PLACED_COLUMNS, area_placed_rows
from jejak.lib.xlsx_stream import StreamingWorkbook, xlsx_file_response
from jejak.organisations.models import Organisation


def report_workbook(report: PlacementReport, book: StreamingWorkbook) -> None:
    """One sheet per IPK III table, one for the by-name list, one for the definitions."""
    data = report.data
    heading = f"{data['organisation']['name']} · {data['period']['label']} · v{report.version}"
    for table in data["tables"]:
        notes = [heading, f"{table['number']} {table['title']}"]
        if table.get("note"):
            notes.append(table["note"])
        book.add_table(
            [_("Uraian"), *table["columns"]],
            ([row["label"], *row["values"]] for row in table["rows"]),
            sheet=table["number"].replace("/", "-"), notes=notes,
        )  # fmt: skip
    book.add_table(
        PLACED_COLUMNS,
        ([row[c] for c in PLACED_COLUMNS] for row in data["placed"]),
        sheet=_("Daftar nama"), text_columns=PLACED_TEXT_COLUMNS, notes=[heading],
    )  # fmt: skip
    book.add_table([_("Definisi")], ([d] for d in data["definitions"]), sheet=_("Definisi"))


def report_workbook_response(report: PlacementReport) -> Any:
    book = StreamingWorkbook()
    report_workbook(report, book)
    name = f"ipk3-{report.organisation.npsn or report.organisation.code}-{report.period.key}"
    return xlsx_file_response(book, f"{name}-v{report.version}.xlsx")


def area_placed_response(office: Organisation) -> Any:
    book = StreamingWorkbook()
    book.add_table(
        AREA_PLACED_COLUMNS, area_placed_rows(office), sheet=_("Penempatan"),
        text_columns=("npsn", "nisn", "kbli", "kbji"),
        notes=[_("Alumni yang ditempatkan BKK di wilayah %(office)s") % {"office": office.name}],
    )  # fmt: skip
    return xlsx_file_response(book, f"penempatan-bkk-{office.code}.xlsx")


def report_pdf_response(report: PlacementReport, html: str) -> Any:
    """The printable page as an A4 landscape PDF (WeasyPrint; no network, inline styles)."""
    import weasyprint
    from django.http import HttpResponse

    name = f"ipk3-{report.organisation.npsn or report.organisation.code}-{report.period.key}"
    response = HttpResponse(weasyprint.HTML(string=html).write_pdf(), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-v{report.version}.pdf"'
    return response
