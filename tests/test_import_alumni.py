"""Importing the register from messy real-world files, never losing a row.

Every file here is made by the test itself: a Dapodik-style XLSX with title rows and a
two-row merged header, Jejak's template as XLSX and as Indonesian-locale CSV.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jejak.alumni.importing import TEMPLATE_COLUMNS, import_alumni
from jejak.alumni.models import Alumnus, SchoolClass
from jejak.audit.models import AuditEvent
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.lib.tabular import UnreadableFile
from jejak.lib.xlsx import write_table
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db


def dapodik_rows(count: int, *, seed: int = 7, cohort: int = 2025) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        person_row(n, make_person(rng, cohort, 500 + n), "XII TKJ 1" if n % 2 else "xii-rpl-2")
        for n in range(1, count + 1)
    ]


def run(tenant: Tenant, data: bytes, filename: str, **kwargs: Any) -> Any:
    return import_alumni(
        organisation=tenant.school, cohort=2025, data=data, filename=filename, **kwargs
    )


def test_dapodik_export_imports_every_row(jember: Tenant) -> None:
    rows = dapodik_rows(20)
    result = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    assert result.as_dict() == {
        "rows": 20, "created": 20, "updated": 0, "unchanged": 0, "rejected": 0, "errors": [],
    }  # fmt: skip
    first = Alumnus.objects.get(organisation=jember.school, nisn=rows[0]["NISN"])
    assert first.name == rows[0]["Nama"].title()  # Dapodik shouts; the register does not
    assert first.school_class is not None and first.school_class.name == "XII TKJ 1"
    assert first.major is not None and first.major.abbreviation == "TKJ"
    assert first.phone.startswith("+628")
    assert "RT" in first.address and "Kel." in first.address
    second = Alumnus.objects.get(organisation=jember.school, nisn=rows[1]["NISN"])
    assert second.school_class.name == "XII RPL 2" and second.major.abbreviation == "RPL"
    # Parents' names sit under "Data Ayah / Nama"; they must not become the student's name.
    assert not Alumnus.objects.filter(name__iexact="Supriyadi").exists()


def test_second_run_is_unchanged_and_a_change_is_an_update(jember: Tenant) -> None:
    rows = dapodik_rows(5)
    run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    again = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    rows[2]["HP"] = "0857-1111-2222"
    third = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    assert (third.created, third.updated, third.unchanged) == (0, 1, 4)
    changed = Alumnus.objects.get(organisation=jember.school, nisn=rows[2]["NISN"])
    assert changed.phone == "+6285711112222"
    event = AuditEvent.objects.get(action="alumnus.updated", object_code=changed.code)
    assert event.changes["phone"][1] == "+6285711112222"


def test_empty_cells_never_erase_known_values(jember: Tenant) -> None:
    rows = dapodik_rows(2)
    run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    rows[0]["HP"] = ""
    rows[0]["E-Mail"] = ""
    result = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    assert result.unchanged == 2
    assert Alumnus.objects.get(nisn=rows[0]["NISN"], organisation=jember.school).phone


def test_dry_run_writes_nothing_but_counts_the_same(jember: Tenant) -> None:
    rows = dapodik_rows(8)
    rows[3]["NISN"] = "123"
    dry = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx", dry_run=True)
    assert (dry.rows, dry.created, dry.rejected) == (8, 7, 1)
    assert Alumnus.objects.filter(organisation=jember.school).count() == 2  # the fixture's
    assert not SchoolClass.objects.filter(organisation=jember.school, name="XII RPL 2").exists()
    real = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    assert real.as_dict() == dry.as_dict()


def test_every_bad_row_is_reported_with_row_column_and_message(jember: Tenant) -> None:
    rows = dapodik_rows(10)
    rows[0]["NISN"] = "12345"  # spreadsheet row 8 (5 title rows, 2 header rows)
    rows[1]["Tanggal Lahir"] = "31-02-2007"
    rows[2]["JK"] = "X"
    rows[3]["HP"] = "0812"
    rows[4]["Nama"] = ""
    rows[5]["E-Mail"] = "siti@"
    rows[6]["Rombel Saat Ini"] = "XII ZZZ 1"
    rows[7]["NISN"] = rows[8]["NISN"]  # duplicate within the file: the later row is rejected
    rows[9]["Tanggal Lahir"] = "17 Agustos 2007"
    result = run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx")
    assert result.rows == 10
    assert result.rejected == 9 and result.created == 1
    found = {(e.row, e.field) for e in result.errors}
    assert found == {
        (8, "nisn"), (9, "tanggal_lahir"), (10, "jk"), (11, "hp"), (12, "nama"), (13, "email"),
        (14, "rombel"), (16, "nisn"), (17, "tanggal_lahir"),
    }  # fmt: skip
    messages = {(e.row): e.message for e in result.errors}
    assert "10 digit" in messages[8]
    assert "baris 15" in messages[16]
    assert "ZZZ" in messages[14]


def test_numbers_that_excel_mangled_are_repaired(jember: Tenant) -> None:
    rows = dapodik_rows(3)
    rows[0]["NISN"] = 61234567  # a number: the leading zeros are gone
    rows[1]["HP"] = 81234567891.0  # a number: the leading 0 is gone
    rows[2]["Tanggal Lahir"] = dt.date(2007, 8, 17)  # a real Excel date
    result = run(jember, write_dapodik_xlsx(rows, text_columns=()), "dapodik.xlsx")
    assert result.rejected == 0, result.errors
    assert Alumnus.objects.filter(organisation=jember.school, nisn="0061234567").exists()
    assert Alumnus.objects.filter(phone="+6281234567891").exists()
    assert Alumnus.objects.filter(birth_date=dt.date(2007, 8, 17)).exists()


def _template_row(**overrides: str) -> list[str]:
    row = {
        "nisn": "0071234567", "nama": "Siti Aminah", "jk": "Perempuan",
        "tempat_lahir": "Jember", "tanggal_lahir": "17 Agustus 2007", "nik": "3509015708070001",
        "rombel": "XII AKL 1", "jurusan": "", "hp": "+62 812-3456-7000",
        "email": "siti@example.com", "alamat": "Jl. Mawar 3", "kode_wilayah": "3509",
        "kebutuhan_khusus": "",
    }  # fmt: skip
    row.update(overrides)
    return [row[c] for c in TEMPLATE_COLUMNS]


def test_indonesian_excel_csv_with_semicolons_and_bom(jember: Tenant) -> None:
    andi_row = _template_row(
        nisn="0071234568", nama="Andi", jk="L", tanggal_lahir="17/08/2007", rombel="XII-TKR-2",
        jurusan="Teknik Kendaraan Ringan", kebutuhan_khusus="D - Tuna Daksa Ringan",
    )  # fmt: skip
    lines = [
        ";".join(TEMPLATE_COLUMNS),
        ";".join(_template_row()),
        ";".join(andi_row),
        "",
        ";" * 12,
    ]
    data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
    result = run(jember, data, "alumni.csv")
    assert result.as_dict()["rows"] == 2 and result.rejected == 0, result.errors
    siti = Alumnus.objects.get(nisn="0071234567")
    assert (siti.sex, siti.region_id, siti.major.abbreviation) == ("P", "35.09", "AKL")
    andi = Alumnus.objects.get(nisn="0071234568")
    assert andi.major.abbreviation == "TKR" and andi.disability == "D"
    assert andi.school_class.name == "XII TKR 2"


def test_template_xlsx_round_trip(jember: Tenant) -> None:
    data = write_table(TEMPLATE_COLUMNS, [_template_row()], text_columns=["nisn"])
    result = run(jember, data, "templat.xlsx")
    assert result.created == 1 and result.rejected == 0


def test_unknown_region_and_disability_codes_are_rejected(jember: Tenant) -> None:
    lines = [";".join(TEMPLATE_COLUMNS), ";".join(_template_row(kode_wilayah="99.99")),
             ";".join(_template_row(nisn="0071234569", kebutuhan_khusus="Z"))]  # fmt: skip
    result = run(jember, "\n".join(lines).encode(), "alumni.csv")
    assert {e.field for e in result.errors} == {"kode_wilayah", "kebutuhan_khusus"}


@pytest.mark.parametrize(
    ("column", "value"),
    [("nama", "Siti " + "Aminah" * 30),
     ("rombel", "XII AKL " + "A" * 60), ("email", "s" * 250 + "@example.com"),
     ("kebutuhan_khusus", "A,B,C,C1,D,D1,E,F,H,I")],
)  # fmt: skip
def test_text_longer_than_its_register_column_is_a_row_error(
    jember: Tenant, column: str, value: str
) -> None:
    """SQLite keeps an over-long text whole; PostgreSQL refused it, failing the whole import
    with a system error."""
    bad = _template_row(**{column: value, "jurusan": "AKL"})
    good = _template_row(nisn="0071234569", nama="Andi")
    lines = [";".join(TEMPLATE_COLUMNS), ";".join(bad), ";".join(good)]
    result = run(jember, "\n".join(lines).encode(), "alumni.csv")
    assert {(e.row, e.field) for e in result.errors} == {(2, column)}
    assert any("paling banyak" in e.message for e in result.errors)
    assert not Alumnus.objects.filter(nisn="0071234567").exists()
    assert Alumnus.objects.filter(nisn="0071234569").exists()


@pytest.mark.parametrize(
    ("data", "filename"),
    [(b"PK\x03\x04garbage", "rusak.xlsx"), (b"%PDF-1.4 ...", "laporan.pdf"),
     (b"judul;lain\n1;2\n", "salah.csv"), (b"nisn;nama\n", "kosong.csv")],
)  # fmt: skip
def test_a_corrupt_or_wrong_file_writes_nothing(jember: Tenant, data: bytes, filename: str) -> None:
    before = Alumnus.objects.count(), AuditEvent.objects.count()
    with pytest.raises(UnreadableFile):
        run(jember, data, filename)
    assert (Alumnus.objects.count(), AuditEvent.objects.count()) == before


def test_rejects_file_can_be_fixed_and_reimported(jember: Tenant, tmp_path: Path) -> None:
    from jejak.alumni.import_jobs import execute, rejects_workbook
    from jejak.alumni.models import ImportJob
    from jejak.lib.tabular import read_rows

    rows = dapodik_rows(6)
    rows[1]["Tanggal Lahir"] = "31-02-2007"
    rows[1]["NISN"] = 71234567  # a number: the fix-up file must keep its zeros
    job_path = "imports/test/dapodik.xlsx"
    from django.conf import settings

    target = Path(settings.PRIVATE_MEDIA_ROOT) / job_path
    target.parent.mkdir(parents=True)
    target.write_bytes(write_dapodik_xlsx(rows, text_columns=("NIK", "HP")))
    job = ImportJob.objects.create(
        organisation=jember.school, kind="alumni", cohort=2025, filename="dapodik.xlsx",
        stored_path=job_path, dry_run=False,
    )  # fmt: skip
    summary = execute(job)
    assert summary["rejected"] == 1
    fix = rejects_workbook(job)
    fixed_rows = read_rows(fix, "perbaiki.xlsx")
    header = [str(c) for c in fixed_rows[0][1]]
    assert header[: len(TEMPLATE_COLUMNS)] == TEMPLATE_COLUMNS and header[-1] == "kesalahan"
    values = dict(zip(header, fixed_rows[1][1], strict=False))
    assert values["nisn"] == "0071234567"
    assert "tanggal_lahir" in values["kesalahan"]
    # The officer fixes the date in the file and imports it again.
    cells = list(fixed_rows[1][1])
    cells[header.index("tanggal_lahir")] = "28-02-2007"
    again = write_table(header, [cells], text_columns=["nisn"])
    result = run(jember, again, "perbaiki.xlsx")
    assert result.created == 1 and result.rejected == 0, result.errors


def test_command_line_json_contract(jember: Tenant, tmp_path: Path) -> None:
    rows = dapodik_rows(4)
    rows[0]["NISN"] = "12"
    path = tmp_path / "dapodik.xlsx"
    path.write_bytes(write_dapodik_xlsx(rows))
    out = StringIO()
    call_command(
        "import_alumni", str(path), "--school", jember.school.npsn, "--cohort", "2025",
        "--dry-run", "--json", stdout=out,
    )  # fmt: skip
    summary = json.loads(out.getvalue())
    assert set(summary) == {"rows", "created", "updated", "unchanged", "rejected", "errors"}
    assert (summary["rows"], summary["created"], summary["rejected"]) == (4, 3, 1)
    assert summary["errors"][0] == {
        "row": 8,
        "field": "nisn",
        "message": summary["errors"][0]["message"],
    }
    assert Alumnus.objects.filter(organisation=jember.school).count() == 2  # dry run


def test_command_line_unreadable_file_fails_with_one_line(jember: Tenant, tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(CommandError) as error:
        call_command("import_alumni", str(path), "--school", jember.school.npsn, "--cohort", "2025")
    assert "\n" not in str(error.value)
    with pytest.raises(CommandError, match="NPSN"):
        call_command("import_alumni", str(path), "--school", "99999999", "--cohort", "2025")


def test_every_real_import_is_a_job_that_its_new_records_point_at(jember: Tenant) -> None:
    from jejak.alumni.models import ImportJob

    rows = dapodik_rows(3)
    run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx", dry_run=True)
    assert not ImportJob.objects.exists()  # a dry run writes nothing at all
    run(jember, write_dapodik_xlsx(rows), "dapodik.xlsx", actor=jember.bkk)
    job = ImportJob.objects.get()
    assert (job.state, job.created_by, job.summary["created"]) == ("done", jember.bkk, 3)
    created = Alumnus.objects.filter(organisation=jember.school, source_import=job)
    assert created.count() == 3
    event = AuditEvent.objects.get(action="alumni.imported")
    assert event.object_code == job.code and event.actor == jember.bkk
