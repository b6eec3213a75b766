"""Offices provision their schools in bulk: import_schools and its web page."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from jejak.organisations.importing import import_schools
from jejak.organisations.models import Organisation
from tests.conftest import Tenant

pytestmark = pytest.mark.django_db

GOOD = (
    "npsn;nama;status;kode_wilayah;jurusan\n"
    '20523101;SMK Negeri 9 Jember;negeri;35.09;"TKJ;RPL"\n'
    "20523102;SMK PGRI 5 Jember;Swasta;3509;Akuntansi dan Keuangan Lembaga\n"
    "20523103;SMK Harapan;swasta;35.09;TKJ;TKR\n"  # unquoted: the extra cell is a major too
)


def test_command_creates_schools_with_bkk_and_majors(tmp_path: Path) -> None:
    path = tmp_path / "sekolah.csv"
    path.write_text(GOOD)
    out = StringIO()
    call_command("import_schools", str(path), "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert (summary["rows"], summary["created"], summary["rejected"]) == (3, 3, 0), summary
    school = Organisation.objects.get(npsn="20523101")
    assert school.kind == "school" and school.status == "negeri" and school.province_code == "35"
    assert sorted(m.abbreviation for m in school.majors.all()) == ["RPL", "TKJ"]
    assert school.bkk is not None
    harapan = Organisation.objects.get(npsn="20523103")
    assert sorted(m.abbreviation for m in harapan.majors.all()) == ["TKJ", "TKR"]
    call_command("import_schools", str(path), "--json", stdout=(again := StringIO()))
    assert json.loads(again.getvalue())["unchanged"] == 3


def test_bad_school_rows_are_each_reported() -> None:
    data = (
        b"npsn;nama;status;kode_wilayah;jurusan\n"
        b"123;SMK A;negeri;35.09;TKJ\n"
        b"20523105;;swasta;35.09;TKJ\n"
        b"20523106;SMK C;yayasan;35.09;TKJ\n"
        b"20523107;SMK D;swasta;99.99;TKJ\n"
        b"20523108;SMK E;swasta;35.09;Sulap\n"
    )
    result = import_schools(office=None, data=data, filename="s.csv")
    assert result.rejected == 5 and result.created == 0
    assert [(e.row, e.field) for e in result.errors] == [
        (2, "npsn"), (3, "nama"), (4, "status"), (5, "kode_wilayah"), (6, "jurusan")]  # fmt: skip


def test_office_cannot_provision_outside_its_area(jember: Tenant) -> None:
    data = "npsn;nama;status;kode_wilayah;jurusan\n20201109;SMK Bandung;negeri;32.04;TKJ\n"
    result = import_schools(office=jember.office, data=data.encode(), filename="s.csv")
    assert result.rejected == 1 and "di luar wilayah kerja" in result.errors[0].message
    assert not Organisation.objects.filter(npsn="20201109").exists()


def test_web_upload_runs_dry_then_for_real(login: Any, jember: Tenant) -> None:
    client = login(jember.analyst)
    upload = StringIO(GOOD)
    upload.name = "sekolah.csv"
    response = client.post(
        reverse("organisations:schools_import", args=[jember.office.code]), {"file": upload}
    )
    job_url = response["Location"]
    page = client.get(job_url).content.decode()
    assert "Akan dibuat" in page and not Organisation.objects.filter(npsn="20523101").exists()
    confirm = client.post(job_url + "confirm/")
    done = client.get(confirm["Location"]).content.decode()
    assert "Impor selesai" in done
    assert Organisation.objects.filter(npsn="20523101", parent_office=jember.office).exists()


def test_a_school_name_too_long_for_its_bkk_name_is_a_row_error() -> None:
    """The BKK is named "BKK <school>" (200 characters at most): a 200-character school
    name failed the whole import on PostgreSQL."""
    long_name = "SMK " + "Harapan Bangsa " * 13  # 199 characters
    data = (
        "npsn;nama;status;kode_wilayah;jurusan\n"
        f"20523109;{long_name};swasta;35.09;TKJ\n"
        "20523110;SMK Baru;swasta;35.09;TKJ\n"
    )
    result = import_schools(office=None, data=data.encode(), filename="s.csv")
    assert [(e.row, e.field) for e in result.errors] == [(2, "nama")]
    assert "paling banyak 196" in result.errors[0].message
    assert Organisation.objects.get(npsn="20523110").bkk.name == "BKK SMK Baru"
