"""Streaming XLSX: formula-looking text stays inert text, as written; NISN stays text, and
the office's list of placed alumni and the report workbook come out through it."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

import python_calamine
from django.urls import reverse

from jejak.bkkreports.periods import Period
from jejak.lib.xlsx_stream import StreamingWorkbook, write_table_stream
from tests.bkk_support import alumnus, labour_analyst, placement, submitted
from tests.conftest import Tenant


def _read(data: bytes, sheet: int = 0) -> list[tuple[Any, ...]]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = book.get_sheet_by_index(sheet).to_python(skip_empty_area=False)
    return [tuple(row) for row in rows]


def _sheet_names(data: bytes) -> list[str]:
    return list(python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)


def test_streamed_cells_that_look_like_formulas_stay_text_unchanged(tmp_path: Any) -> None:
    target = tmp_path / "out.xlsx"
    rows = (['=HYPERLINK("x")', "+62812", "-1", "@SUM(A1)", "0012345678", 7] for _ in range(3))
    count = write_table_stream(str(target), ["a", "b", "c", "d", "nisn", "n"], rows,
                               text_columns=("nisn",))  # fmt: skip
    assert count == 3
    values = _read(target.read_bytes())
    assert values[0] == ("a", "b", "c", "d", "nisn", "n")
    assert values[1] == ('=HYPERLINK("x")', "+62812", "-1", "@SUM(A1)", "0012345678", 7)
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    # NISN is a string cell (leading zeros kept), never a number; no formula anywhere.
    assert re.search(r'<c r="E2"[^>]*t="(inlineStr|s|str)"', xml) and "<f>" not in xml


def test_a_workbook_of_several_sheets_is_rewound_for_streaming() -> None:
    book = StreamingWorkbook()
    book.add_table(["x"], [[1], [2]], sheet="Satu")
    book.add_table(["y"], [["a"]], sheet="Dua", notes=["=catatan"])
    handle = book.finish()
    assert not isinstance(handle, str)
    data = handle.read()
    assert _read(data, 0) == [("x",), (1,), (2,)]
    assert _read(data, 1) == [("=catatan",), ("y",), ("a",)]


def test_office_downloads_every_placement_in_its_area(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    placement(alumnus(jember, "=Ani", nisn="0012345678"), dt.date(2026, 3, 2))
    placement(alumnus(bandung, "Dewi", nisn="0087654321"), dt.date(2026, 3, 2))
    client = login(labour_analyst(jember))
    response = client.get(reverse("bkkreports:office_placed_xlsx",
                                  args=[jember.labour_office.code]))  # fmt: skip
    assert response.status_code == 200 and response.streaming
    rows = _read(b"".join(response.streaming_content))
    names = [row[2] for row in rows[2:]]
    assert names == ["=Ani"]  # Bandung's placement is not Jember's office's
    assert rows[2][3] == "0012345678" and rows[2][11] == "AKL"


def test_report_workbook_has_every_table_and_the_by_name_list(login: Any, jember: Tenant) -> None:
    placement(alumnus(jember, "Ani", nisn="0012345678"), dt.date(2026, 3, 2))
    report = submitted(jember, Period("month", dt.date(2026, 3, 1)))
    client = login(jember.bkk)
    response = client.get(reverse("bkkreports:report_xlsx", args=[jember.school.code,
                                                                  report.code]))  # fmt: skip
    data = b"".join(response.streaming_content)
    names = _sheet_names(data)
    assert names[:8] == [f"III-{n}" for n in range(1, 9)]
    placed = _read(data, names.index("Daftar nama"))
    assert placed[2][0] == "Ani" and placed[2][1] == "0012345678"


def test_report_pdf_for_the_school_and_the_office(login: Any, jember: Tenant) -> None:
    placement(alumnus(jember, "Ani", nisn="0012345678"), dt.date(2026, 3, 2))
    report = submitted(jember, Period("month", dt.date(2026, 3, 1)))
    url = reverse("bkkreports:report_pdf", args=[jember.school.code, report.code])
    for person in (jember.bkk, labour_analyst(jember)):
        response = login(person).get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
