"""import_jobseekers: the command-line contract of the labour-office issue, row by row."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from jejak.alumni.models import Alumnus
from jejak.seekers.models import EndReason, Registration
from tests.conftest import Tenant

HEADER = (
    "nisn;nama;jenis_kelamin;tanggal_lahir;pendidikan;jurusan;tanggal_daftar;nomor_ak1;"
    "kbji_dicari;tanggal_ditempatkan;tanggal_dihapus;alasan_dihapus"
)


def run(tmp_path: Path, rows: list[str], *extra: str) -> dict:
    path = tmp_path / "pencaker.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    out = []

    class Sink:
        def write(self, text: str) -> None:
            out.append(text)

        def flush(self) -> None:
            return None

    call_command("import_jobseekers", "--bkk", "20523001", "--json", *extra, str(path),
                 stdout=Sink())  # fmt: skip
    return json.loads("".join(out))


@pytest.mark.django_db
def test_history_rows_become_registrations_and_new_people_join_the_register(
    jember: Tenant, tmp_path: Path
) -> None:
    summary = run(tmp_path, [
        "2000000001;Siti Jember;P;12-03-2006;SMK;TKJ;05/01/2026;AK1-001;7,3;;;",
        "3500000099;ANDI WIJAYA;L;2005-07-01;SMK;RPL;2026-02-10;;2512;2026-04-01;;",
        "3500000098;Rina;P;01-01-2004;SMA;;2026-02-11;;;;2026-05-02;melanjutkan",
    ])  # fmt: skip
    assert summary == {"rows": 3, "created": 3, "updated": 0, "unchanged": 0, "rejected": 0,
                       "errors": []}  # fmt: skip
    andi = Alumnus.objects.get(organisation=jember.school, nisn="3500000099")
    assert (andi.name, andi.sex, andi.cohort) == ("Andi Wijaya", "L", 2025)
    placed = Registration.objects.get(alumnus=andi)
    assert (placed.ended_on, placed.end_reason) == (dt.date(2026, 4, 1), EndReason.PLACED)
    removed = Registration.objects.get(alumnus__nisn="3500000098")
    assert (removed.education, removed.end_reason) == ("SMA", EndReason.STUDYING)
    siti = Registration.objects.get(alumnus=jember.alumnus)
    assert siti.sought_codes() == ["7", "3"]  # in the order written: III/3 counts the first
    assert siti.is_open and siti.ak1_number == "AK1-001"
    again = run(tmp_path, [
        "2000000001;Siti Jember;P;12-03-2006;SMK;TKJ;05/01/2026;AK1-001;7,3;;;",
    ])  # fmt: skip
    assert (again["created"], again["unchanged"]) == (0, 1)


@pytest.mark.django_db
def test_every_bad_row_is_reported_and_nothing_of_a_dry_run_stays(
    jember: Tenant, tmp_path: Path
) -> None:
    summary = run(tmp_path, [
        "2000000001;Siti Jember;P;;SLTA;;05/01/2026;;;;;",
        "2000000002;Budi;L;;SMK;;;;;;;",
        "123;X;L;;SMK;;01/01/2026;;;;;",
        "3500000097;Dedi;L;;SMK;;01/02/2026;;99;;2026-03-01;",
        "3500000096;Eka;P;;SMK;;01/02/2026;;;2026-01-01;;",
        "3500000095;Fajar;L;;SMK;;01/02/2026;;;;;",
        "3500000094;;;;SMK;;01/02/2026;;;;;",
    ], "--dry-run")  # fmt: skip
    fields = {(e["row"], e["field"]) for e in summary["errors"]}
    assert {(2, "pendidikan"), (3, "tanggal_daftar"), (4, "nisn"), (5, "kbji_dicari"),
            (5, "alasan_dihapus"), (6, "tanggal_ditempatkan"), (8, "nama")} <= fields  # fmt: skip
    assert (summary["rejected"], summary["created"]) == (6, 1)
    assert not Registration.objects.exists()
    assert not Alumnus.objects.filter(nisn="3500000095").exists()


@pytest.mark.django_db
def test_overlapping_registrations_of_one_person_are_refused(
    jember: Tenant, tmp_path: Path
) -> None:
    summary = run(tmp_path, [
        "2000000001;Siti;P;;SMK;;01/01/2026;;;;;",
        "2000000001;Siti;P;;SMK;;01/03/2026;;;;;",
        "2000000002;Budi;L;;SMK;;01/01/2026;;;2026-02-01;;",
        "2000000002;Budi;L;;SMK;;01/03/2026;;;;;",
    ])  # fmt: skip
    assert (summary["created"], summary["rejected"]) == (3, 1)
    assert summary["errors"][0]["field"] == "tanggal_daftar"
