"""The BLK command-line contracts: create_blk, program_add, batch_open, import_trainees."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from jejak.alumni.models import Alumnus
from jejak.audit.models import AuditEvent
from jejak.organisations.models import Organisation
from jejak.training.models import Batch, Enrolment, Programme
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db

HEADER = ("nik;nama;jenis_kelamin;tanggal_lahir;pendidikan;alamat;kode_wilayah;hp;disabilitas;"
          "status_sebelum;lulus;nomor_sertifikat;kompeten")  # fmt: skip
GOOD = [
    # a woman: day 12 + 40 = 52
    "3509015203010001;DEWI LESTARI;P;12/03/2001;SMK;Jl. Kenanga 2;35.09;0812-3456-7001;;"
    "mencari kerja;Ya;KOM.123.0001 2026;Kompeten",
    "3509011708990002;Agus Salim;laki-laki;17-08-1999;SMA;;3509;;tuna daksa;bekerja;Tidak;;BK",
    "3509010101050003;Rudi;L;01-01-2005;smp;;;;-;;1;;",
]
BAD = [
    # the NIK says 12-03-2001, the column 13-03-2001
    "3509015203010004;Sri Wahyuni;P;13-03-2001;SMK;;;;;;Ya;;",
    # fifteen digits
    "350901520301005;Tini;P;12-03-2001;SMK;;;;;;;;",
    "3509011708990006;Joko;P;17-08-1999;S1;;;;;;;;",  # a man's NIK, sex P
    "3509011708990007;Eko;L;17-08-1999;TK;;;;;;;;",  # education unknown
]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def blk(db: Any) -> Organisation:
    ensure_reference_data()
    run("create_blk", "--code", "UPT-JBR", "--name", "UPT BLK Jember", "--region", "35.09")
    return Organisation.objects.get(institution_code="UPT-JBR")


def _batch(blk: Organisation) -> str:
    run("program_add", "--blk", "UPT-JBR", "--code", "OTO1", "--name", "Servis Sepeda Motor")
    out = run("batch_open", "--blk", "UPT-JBR", "--program", "OTO1", "--start", "2026-02-02",
              "--end", "2026-03-31", "--json")  # fmt: skip
    return str(json.loads(out)["batch"])


def _file(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "peserta.csv"
    path.write_text("\n".join([HEADER, *lines]), encoding="utf-8")
    return str(path)


def test_create_blk_makes_a_training_centre_with_its_bkk(blk: Organisation) -> None:
    assert blk.kind == Organisation.Kind.TRAINING_CENTRE and blk.region_id == "35.09"
    assert blk.bkk is not None
    run("create_blk", "--code", "UPT-JBR", "--name", "UPT BLK Jember Baru", "--region", "35.09")
    assert Organisation.objects.filter(institution_code="UPT-JBR").count() == 1
    with pytest.raises(CommandError, match=r"35\.99"):
        run("create_blk", "--code", "X", "--name", "X", "--region", "35.99")


def test_create_blk_from_a_file(db: Any, tmp_path: Path) -> None:
    ensure_reference_data()
    path = tmp_path / "blk.csv"
    path.write_text("kode;nama;kode_wilayah\nB1;UPT BLK Satu;35.09\nB2;UPT BLK Dua;32.04\n")
    run("create_blk", "--file", str(path))
    assert set(Organisation.objects.filter(kind="blk").values_list("name", flat=True)) == {
        "UPT BLK Satu", "UPT BLK Dua"}  # fmt: skip


def test_program_add_adds_then_updates(blk: Organisation) -> None:
    run("program_add", "--blk", "UPT-JBR", "--code", "OTO1", "--name", "Servis", "--hours", "240",
        "--kbji", "7")  # fmt: skip
    out = run("program_add", "--blk", "UPT-JBR", "--code", "OTO1", "--name", "Servis Injeksi")
    programme = Programme.objects.get(organisation=blk, own_code="OTO1")
    assert "diperbarui" in out
    assert (programme.name, programme.hours) == ("Servis Injeksi", 240)
    assert list(programme.occupations.values_list("code", flat=True)) == ["7"]
    with pytest.raises(CommandError, match="KBJI"):
        run("program_add", "--blk", "UPT-JBR", "--code", "OTO1", "--name", "S", "--kbji", "999x")
    with pytest.raises(CommandError, match="BLK"):
        run("program_add", "--blk", "NOPE", "--code", "OTO1", "--name", "S")


def test_batch_open_prints_the_code_and_generates_own_code(blk: Organisation) -> None:
    code = _batch(blk)
    batch = Batch.objects.get(code=code)
    assert batch.own_code == "OTO1-2602" and batch.funding == "APBN" and batch.cohort == 2026
    again = run("batch_open", "--blk", "UPT-JBR", "--program", "OTO1", "--start", "02/02/2026",
                "--end", "31/03/2026", "--funding", "APBD").strip()  # fmt: skip
    assert Batch.objects.get(code=again).own_code == "OTO1-2602-2"
    with pytest.raises(CommandError, match="--end"):
        run("batch_open", "--blk", "UPT-JBR", "--program", "OTO1", "--start", "2026-03-01",
            "--end", "2026-02-01")  # fmt: skip


def test_import_trainees_reports_every_bad_row_and_writes_the_good(
    blk: Organisation, tmp_path: Path
) -> None:
    code = _batch(blk)
    path = _file(tmp_path, GOOD + BAD)
    dry = json.loads(run("import_trainees", "--blk", "UPT-JBR", "--batch", code, "--dry-run",
                         "--json", path))  # fmt: skip
    assert not Enrolment.objects.exists() and not Alumnus.objects.filter(organisation=blk)
    summary = json.loads(run("import_trainees", "--blk", "UPT-JBR", "--batch", code, "--json",
                             path))  # fmt: skip
    assert dry == summary
    assert {k: summary[k] for k in ("rows", "created", "updated", "unchanged", "rejected")} == {
        "rows": 7, "created": 3, "updated": 0, "unchanged": 0, "rejected": 4}  # fmt: skip
    errors = {(e["row"], e["field"]): e["message"] for e in summary["errors"]}
    assert errors[(5, "nik")] == (
        "NIK menyatakan 12-03-2001 perempuan, kolom tanggal_lahir 13-03-2001."
    )
    assert "bukan angka nol di depan yang hilang" in errors[(6, "nik")]
    assert errors[(7, "nik")] == (
        "NIK menyatakan 17-08-1999 laki-laki, kolom jenis_kelamin perempuan."
    )
    assert "TK" in errors[(8, "pendidikan")]

    dewi = Enrolment.objects.get(alumnus__nik="3509015203010001")
    assert (dewi.alumnus.name, dewi.alumnus.sex, dewi.alumnus.nisn) == ("Dewi Lestari", "P", "")
    assert dewi.alumnus.cohort == 2026 and dewi.alumnus.phone == "+6281234567001"
    assert (dewi.graduated, dewi.completed, dewi.competent) == (True, True, True)
    assert dewi.graduated_on == dt.date(2026, 3, 31) and dewi.work_before == "mencari_kerja"
    assert dewi.certificate_number == "KOM.123.0001 2026"
    agus = Enrolment.objects.get(alumnus__nik="3509011708990002")
    assert (agus.graduated, agus.competent, agus.disability) == (False, False, "fisik")
    assert agus.disability_consent_at is not None and agus.alumnus.region_id == "35.09"
    rudi = Enrolment.objects.get(alumnus__nik="3509010101050003")
    assert rudi.education == "SMP" and rudi.graduated is True and rudi.competent is None
    assert AuditEvent.objects.filter(action="trainees.imported").count() == 1


def test_import_again_counts_unchanged_and_updates_results(
    blk: Organisation, tmp_path: Path
) -> None:
    code = _batch(blk)
    run("import_trainees", "--blk", "UPT-JBR", "--batch", code, _file(tmp_path, GOOD))
    changed = [GOOD[0], GOOD[1], GOOD[2].replace(";1;;", ";1;SERT-9;")]
    summary = json.loads(run("import_trainees", "--blk", "UPT-JBR", "--batch", "OTO1-2602",
                             "--json", _file(tmp_path, changed)))  # fmt: skip
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 1, 2)
    rudi = Enrolment.objects.get(alumnus__nik="3509010101050003")
    assert (rudi.competent, rudi.certificate_number) == (True, "SERT-9")
    assert AuditEvent.objects.filter(action="enrolment.imported", object_code=rudi.code).exists()


def test_import_trainees_refuses_unreadable_files_and_unknown_batches(
    blk: Organisation, tmp_path: Path
) -> None:
    code = _batch(blk)
    path = tmp_path / "salah.csv"
    path.write_text("judul;lain\n1;2\n")
    with pytest.raises(CommandError, match="NIK"):
        run("import_trainees", "--blk", "UPT-JBR", "--batch", code, str(path))
    with pytest.raises(CommandError, match="gelombang"):
        run("import_trainees", "--blk", "UPT-JBR", "--batch", "nope", str(path))


def test_program_add_refuses_a_code_too_long(blk: Organisation) -> None:
    with pytest.raises(CommandError, match="30 karakter"):
        run("program_add", "--blk", "UPT-JBR", "--code", "X" * 31, "--name", "S")
