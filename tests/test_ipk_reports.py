"""IPK III reports over time: the stored figures freeze on submission, a back-dated change
shows as a correction in the next period, a returned report lists what to fix, the workbook
keeps the form's layout, and the labour office sums its regencies from stored figures."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import python_calamine
from django.urls import reverse
from django.utils import timezone

from jejak.bkkreports import figures, ipk_display
from jejak.bkkreports.models import PeriodFigures, PlacementReport
from jejak.bkkreports.periods import Period
from jejak.organisations.models import Bkk, Organisation
from tests.bkk_support import generated, labour_analyst, submitted
from tests.conftest import Tenant
from tests.ipk_support import D, person, place, register, remove, vacancy

FEBRUARY = Period("month", D(2026, 2, 1))
MARCH = Period("month", D(2026, 3, 1))


def row(tables: dict[str, list[dict]], number: str, group: str) -> dict[str, Any]:
    return next(r for r in tables[number] if r["group"] == group)


def test_a_back_dated_change_is_a_correction_not_a_changed_submission(jember: Tenant) -> None:
    ani = register(jember, person(jember, "Ani", "P"), D(2026, 2, 10), kbji=["7"])
    report = submitted(jember, FEBRUARY)
    sent = PlacementReport.objects.get(pk=report.pk).data
    stored = PeriodFigures.objects.get(organisation=jember.school, period_start=FEBRUARY.start)
    assert stored.frozen_at is not None and stored.report_id == report.pk
    # Recorded after submission, dated in February: one more seeker, and Ani removed.
    late = register(jember, person(jember, "Budi", "P"), D(2026, 2, 20), kbji=["7"])
    remove(ani, D(2026, 2, 25))
    assert PlacementReport.objects.get(pk=report.pk).data == sent
    stored.refresh_from_db()
    assert row(stored.tables, "III/1", "15-19")["sisa_akhir_P"] == 1  # as submitted
    assert row(figures.live_tables(jember.school, FEBRUARY), "III/1", "15-19")["dihapus_P"] == 1

    march = generated(jember, MARCH).data
    opening = row(march["figures"], "III/1", "15-19")
    assert opening["sisa_awal_P"] == 1  # the submitted closing balance
    assert (opening["terdaftar_P"], opening["dihapus_P"], opening["sisa_akhir_P"]) == (0, 0, 1)
    still = row(march["figures"], "III/3", "7")
    assert still["sisa_awal_P"] == 1 and still["sisa_akhir_P"] == 1
    # The balances net out (one in, one out), but the changed records are listed.
    assert not [c for c in march["corrections"] if "table" in c]
    assert {late.code, ani.code} <= {c.get("code") for c in march["corrections"]}


def test_a_back_dated_registration_counts_in_the_next_periods_flows(jember: Tenant) -> None:
    register(jember, person(jember, "Ani", "P"), D(2026, 2, 10))
    submitted(jember, FEBRUARY)
    late = register(jember, person(jember, "Budi", "P"), D(2026, 2, 20))
    tables, corrections = figures.chained_tables(jember.school, MARCH)
    opening = row(tables, "III/1", "15-19")
    assert (opening["sisa_awal_P"], opening["terdaftar_P"], opening["sisa_akhir_P"]) == (1, 1, 2)
    assert {"table": "III/1", "group": "15-19", "sex": "P", "submitted": 1, "now": 2} in corrections
    assert any(c.get("code") == late.code for c in corrections)
    assert figures.ipk.balance_problems(tables) == []
    # Without a submitted February, March opens with the register's own balance.
    assert row(figures.live_tables(jember.school, MARCH), "III/1", "15-19")["sisa_awal_P"] == 2


def test_the_march_page_lists_the_corrections(login: Any, jember: Tenant) -> None:
    register(jember, person(jember, "Ani", "P"), D(2026, 2, 10))
    submitted(jember, FEBRUARY)
    register(jember, person(jember, "Budi", "P"), D(2026, 2, 20))
    report = generated(jember, MARCH)
    page = (
        login(jember.bkk)
        .get(reverse("bkkreports:report", args=[jember.school.code, report.code]))
        .content.decode()
    )
    assert "Koreksi atas periode yang sudah dikirim" in page


def test_a_returned_report_lists_what_to_fix_with_links(login: Any, jember: Tenant) -> None:
    register(jember, person(jember, "Ani", "P"), D(2026, 3, 2))  # no KBJI sought
    open_one = vacancy(jember, D(2026, 3, 1), D(2026, 3, 30), male=2, kbji=None)
    place(jember, person(jember, "Citra", "P"), D(2026, 3, 9), industry=None)
    report = submitted(jember, MARCH)
    client = login(labour_analyst(jember))
    client.post(reverse("bkkreports:office_report", args=[jember.labour_office.code,
                                                          report.code]),
                {"decision": "return", "comment": "KBLI dan KBJI belum diisi"})  # fmt: skip
    client.force_login(jember.bkk)
    page = client.get(reverse("bkkreports:report", args=[jember.school.code, report.code]))
    text = page.content.decode()
    assert "Pencari kerja Ani" in text and "jabatan yang dicari (KBJI) belum diisi" in text
    assert reverse("jobs:edit", args=[jember.school.code, open_one.code]) in text
    assert "Penempatan Citra" in text and "KBLI" in text
    # The stored March figures were unfrozen by the return: a new version may replace them.
    assert PeriodFigures.objects.get(organisation=jember.school).frozen_at is None


def test_the_workbook_has_the_forms_layout(login: Any, jember: Tenant) -> None:
    register(jember, person(jember, "Ani", "P"), D(2026, 3, 2))
    report = generated(jember, MARCH)
    response = login(jember.bkk).get(
        reverse("bkkreports:report_xlsx", args=[jember.school.code, report.code])
    )
    data = b"".join(response.streaming_content)
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert {f"III-{n}" for n in range(1, 9)} <= set(book.sheet_names)

    def sheet(name: str) -> list[list[Any]]:
        return [list(r) for r in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]

    values = sheet("III-2")
    header = next(i for i, r in enumerate(values) if r[0] == "Uraian")
    assert values[header][1] == "Sisa akhir bulan lalu" and values[header + 1][1:3] == ["L", "P"]
    labels = [r[0] for r in values[header + 2 :]]
    smk = labels.index("SMK/MAK")
    assert values[header + 2 + smk][1] == ""  # the SMK heading row has no figures
    assert labels[-1] == "JUMLAH" and values[-1][10] == 1  # sisa akhir P
    assert sheet("III-7")[header + 1][1:4] == ["L", "P", "L+P"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    excel_row = header + 1  # "Sisa akhir bulan lalu" over its L and P
    assert f'<mergeCell ref="B{excel_row}:C{excel_row}"/>' in xml


def test_the_office_sums_its_regency_from_stored_figures(login: Any, jember: Tenant) -> None:
    other = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name="SMK Kedua",
                                        region_id=jember.region, npsn="20523999")  # fmt: skip
    Bkk.objects.create(organisation=other)
    register(jember, person(jember, "Ani", "P"), D(2026, 3, 2))
    submitted(jember, MARCH)
    PeriodFigures.objects.create(
        organisation=other, period_kind="month", period_start=MARCH.start,
        tables=figures.live_tables(jember.school, MARCH), computed_at=timezone.now(),
    )  # fmt: skip
    summed = figures.region_tables(jember.region, MARCH)
    stored = [f.tables for f in PeriodFigures.objects.filter(period_start=MARCH.start)]
    assert (
        row(summed, "III/1", "JUMLAH")["terdaftar_P"]
        == sum(row(t, "III/1", "JUMLAH")["terdaftar_P"] for t in stored)
        == 2
    )
    page = login(labour_analyst(jember)).get(
        reverse("bkkreports:office_ipk", args=[jember.labour_office.code]),
        {"kind": "month", "key": "2026-03", "region": jember.region},
    )
    assert page.status_code == 200 and "III/8" in page.content.decode()


def test_a_placed_registration_without_a_placement_record_is_listed_to_fix(
    jember: Tenant,
) -> None:
    from jejak.bkkreports.fixes import report_fixes

    ani = register(jember, person(jember, "Ani", "P"), D(2026, 3, 2), kbji=["7"])
    remove(ani, D(2026, 3, 20), reason="ditempatkan")
    texts = [fix.text for fix in report_fixes(jember.school, MARCH)]
    assert any("Ani" in t and "tanpa catatan penempatan" in t for t in texts)
    assert row(figures.live_tables(jember.school, MARCH), "III/8", "SMK")["AKL_P"] == 1


def test_the_offices_regency_sum_downloads_in_the_forms_layout(login: Any, jember: Tenant) -> None:
    register(jember, person(jember, "Ani", "P"), D(2026, 3, 2))
    register(jember, person(jember, "Budi", "L"), D(2026, 3, 9))
    submitted(jember, MARCH)
    response = login(labour_analyst(jember)).get(
        reverse("bkkreports:office_ipk_xlsx", args=[jember.labour_office.code]),
        {"kind": "month", "key": "2026-03", "region": jember.region},
    )
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names[:8] == [f"III-{n}" for n in range(1, 9)]
    sheet = book.get_sheet_by_name("III-1").to_python()
    summed = figures.region_tables(jember.region, MARCH)
    total = next(line for line in sheet if line and line[0] == "JUMLAH")
    numbers = [int(v) for v in total[1:] if v != ""]
    expected = row(summed, "III/1", "JUMLAH")
    assert expected["terdaftar_L"] == 1 and expected["terdaftar_P"] == 1
    drawn = ipk_display.layout("III/1", summed["III/1"], ipk_display.labels())
    assert numbers == next(r["cells"] for r in drawn["rows"] if r.get("group") == "JUMLAH")
    assert any("BKK" in str(line[0]) for line in sheet[:3])
