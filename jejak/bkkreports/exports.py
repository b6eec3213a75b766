"""The report and the area's placed alumni as XLSX, written in constant memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jejak.bkkreports import ipk, ipk_display
from jejak.bkkreports.generate import PLACED_COLUMNS, PLACED_TEXT_COLUMNS
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.selectors import AREA_PLACED_COLUMNS, area_placed_rows
from jejak.lib.xlsx_stream import StreamingWorkbook, xlsx_file_response
from jejak.organisations.models import Organisation


def report_workbook(report: PlacementReport, book: StreamingWorkbook) -> None:
    """One sheet per IPK III table in the form's layout, one for the by-name list, one for
    the definitions (and the corrections, when there are any)."""
    data = report.data
    heading = f"{data['organisation']['name']} · {data['period']['label']} · v{report.version}"
    styles = IpkFormats.of(book.book)
    for table in data["tables"]:
        if "heads" in table:
            write_ipk_sheet(book.book, styles, table, [heading, data["period"]["label"]])
        else:  # a report frozen before the form's layout: written as it was submitted
            book.add_table(
                [_("Uraian"), *table["columns"]],
                ([row["label"], *row["values"]] for row in table["rows"]),
                sheet=table["number"].replace("/", "-"), notes=[heading, table["title"]],
            )  # fmt: skip
    book.add_table(
        PLACED_COLUMNS,
        ([row[c] for c in PLACED_COLUMNS] for row in data["placed"]),
        sheet=_("Daftar nama"), text_columns=PLACED_TEXT_COLUMNS, notes=[heading],
    )  # fmt: skip
    book.add_table([_("Definisi")], ([d] for d in data["definitions"]), sheet=_("Definisi"))
    corrections = [c for c in data.get("corrections", []) if "table" in c]
    if corrections:
        book.add_table(
            [_("Tabel"), _("Baris"), "L/P", _("Sisa akhir yang dikirim"), _("Sekarang")],
            ([c["table"], c["group"], c["sex"], c["submitted"], c["now"]] for c in corrections),
            sheet=_("Koreksi"), notes=[heading],
        )  # fmt: skip


@dataclass(frozen=True)
class IpkFormats:
    title: Any
    head: Any
    header_row: Any
    label: Any
    indent: Any
    number: Any
    total: Any

    @classmethod
    def of(cls, workbook: Any) -> IpkFormats:
        border = {"border": 1}
        return cls(
            title=workbook.add_format({"bold": True}),
            head=workbook.add_format(
                {**border, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
            ),
            header_row=workbook.add_format({**border, "bold": True}),
            label=workbook.add_format(border),
            indent=workbook.add_format({**border, "indent": 1}),
            number=workbook.add_format(border),
            total=workbook.add_format({**border, "bold": True}),
        )


def write_ipk_sheet(workbook: Any, styles: IpkFormats, table: dict[str, Any],
                    notes: list[str]) -> None:  # fmt: skip
    """A table as the form prints it: title, a two-level header (measure over L/P), the SMK
    heading row, the rows, JUMLAH. Written top to bottom (the workbook streams rows)."""
    sheet = workbook.add_worksheet(table["number"].replace("/", "-"))
    width = len(table["subs"])
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, width, 7)
    row = 0
    for note in [*notes, f"{table['number']} {table['title']}"]:
        sheet.write_string(row, 0, note, styles.title)
        row += 1
    column = 1
    for head in table["heads"]:
        if head["span"] > 1:
            sheet.merge_range(row, column, row, column + head["span"] - 1, head["label"],
                              styles.head)  # fmt: skip
        else:
            sheet.write_string(row, column, head["label"], styles.head)
        column += head["span"]
    sheet.set_row(row, 30)
    # Last in its row: the merge reaches into the next row, which ends this one (streaming).
    sheet.merge_range(row, 0, row + 1, 0, _("Uraian"), styles.head)
    row += 1
    for index, sub in enumerate(table["subs"], start=1):
        sheet.write_string(row, index, sub, styles.head)
    for line in table["rows"]:
        row += 1
        if line.get("header"):
            sheet.merge_range(row, 0, row, width, line["label"], styles.header_row)
            continue
        bold = line.get("total")
        label_format = (
            styles.total if bold else styles.indent if line.get("indent") else styles.label
        )
        sheet.write_string(row, 0, line["label"], label_format)
        for index, value in enumerate(line["cells"], start=1):
            sheet.write_number(row, index, value, styles.total if bold else styles.number)


def report_workbook_response(report: PlacementReport) -> Any:
    book = StreamingWorkbook()
    report_workbook(report, book)
    name = f"ipk3-{report.organisation.npsn or report.organisation.code}-{report.period.key}"
    return xlsx_file_response(book, f"{name}-v{report.version}.xlsx")


def region_workbook_response(region: Any, period: Any, tables: dict[str, Any], *,
                             bkks: int) -> Any:  # fmt: skip
    """An area's IPK III sums (`figures.region_tables`) in the form's layout, with the
    definitions and the number of BKKs summed, for the office's own spreadsheets."""
    book = StreamingWorkbook()
    styles = IpkFormats.of(book.book)
    notes = [
        f"{region.name} · {period.label}",
        _("Jumlah dari angka tersimpan %(n)s BKK") % {"n": bkks},
    ]
    for table in ipk_display.layouts(tables):
        write_ipk_sheet(book.book, styles, table, notes)
    book.add_table([_("Definisi")], ([str(d)] for d in ipk.DEFINITIONS), sheet=_("Definisi"))
    return xlsx_file_response(book, f"ipk3-{region.code}-{period.key}.xlsx")


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
