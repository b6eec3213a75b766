"""The first day, as new people walk it: an office provisions and invites a school; the
school's BKK officer sets a password, imports a Dapodik export, fixes the rejected row from
the downloaded file, imports it again, and finds an alumnus."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.demo.dapodik import person_row, write_dapodik_xlsx
from jejak.demo.people import make_person
from jejak.lib.tabular import read_rows
from jejak.lib.xlsx import write_table
from jejak.organisations.models import Organisation
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"


@pytest.fixture
def office(transactional_db: Any) -> Organisation:
    ensure_reference_data()
    office = Organisation.objects.create(
        kind=Organisation.Kind.EDUCATION_OFFICE, name="Cabdin Jember", region_id="35.09"
    )
    office.area.set(["35.09"])
    analyst = User.objects.create_user(email="analis@cabdin.id", name="Analis", password=PASSWORD)
    Membership.objects.create(user=analyst, organisation=office, role=Role.OFFICE_ANALYST)
    return office


def _login(page: Any, base: str, identifier: str) -> None:
    log_in(page, base, identifier, PASSWORD)


def test_office_invites_school_and_officer_imports_fixes_and_finds(
    office: Organisation, desk_page: Any, phone_page: Any, live_server: Any, tmp_path: Path
) -> None:
    base = live_server.url
    # 1. The office provisions its schools from a file and invites the BKK officer.
    page = desk_page
    _login(page, base, "analis@cabdin.id")
    page.get_by_role("link", name="Impor sekolah").click()
    schools = tmp_path / "sekolah.csv"
    schools.write_text(  # as Excel writes it: the ;-list in jurusan is quoted
        "npsn;nama;status;kode_wilayah;jurusan\n"
        '20523001;SMK Negeri 9 Jember;negeri;35.09;"TKJ;RPL"\n'
    )
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(schools))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("button", name=re.compile("Impor 1 baris")).click()
    page.get_by_text("Impor selesai.").wait_for()
    page.goto(f"{base}/o/{office.code}/")
    row = page.get_by_role("row", name=re.compile("SMK Negeri 9 Jember"))
    row.get_by_role("link", name="Undang operator").click()
    page.get_by_label("Nama").fill("Yuliana Dewi")
    page.get_by_label("Email").fill("bkk@smkn9.id")
    page.get_by_role("button", name="Buat undangan").click()
    page.get_by_text("dikirim langsung ke email").wait_for()
    # The link went to the officer's email only (the live server runs in this process).
    link = next(w for w in mail.outbox[-1].body.split() if "/accounts/invitation/" in w)

    # 2. The officer opens the link on a phone and sets a password.
    phone = phone_page
    phone.goto(link)
    phone.get_by_label("Kata sandi baru").fill(PASSWORD)
    phone.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Simpan dan masuk").click()
    phone.get_by_role("heading", name="SMK Negeri 9 Jember").wait_for()

    # 3. A Dapodik export with one bad birth date: dry run, then import the good rows.
    rng = random.Random(3)
    rows = [person_row(n, make_person(rng, 2026, n), "XII TKJ 1") for n in range(1, 13)]
    rows[4]["Tanggal Lahir"] = "31-02-2008"
    bad_name = rows[4]["Nama"].title()
    export = tmp_path / "dapodik.xlsx"
    export.write_bytes(write_dapodik_xlsx(rows))
    phone.get_by_role("link", name="Impor").first.click()
    phone.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(export))
    phone.get_by_label("Angkatan lulus").select_option("2026")
    phone.get_by_role("button", name="Periksa berkas").click()
    phone.get_by_role("cell", name=re.compile("tidak ada di kalender")).wait_for()
    phone.get_by_role("button", name=re.compile("Impor 11 baris")).click()
    phone.get_by_text("Impor selesai.").wait_for()
    assert Alumnus.objects.filter(organisation__npsn="20523001").count() == 11

    # 4. Download the rejected row, fix it as one would in Excel, import it again.
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name=re.compile("Unduh baris yang ditolak")).click()
    fix_path = tmp_path / "perbaiki.xlsx"
    download_info.value.save_as(fix_path)
    fix_rows = read_rows(fix_path.read_bytes(), "perbaiki.xlsx")
    header = [str(cell) for cell in fix_rows[0][1]]
    cells = list(fix_rows[1][1])
    cells[header.index("tanggal_lahir")] = "28-02-2008"
    fixed = tmp_path / "perbaiki-sudah.xlsx"
    fixed.write_bytes(write_table(header, [cells], text_columns=["nisn", "nik", "hp"]))
    phone.get_by_role("link", name="Impor").first.click()
    phone.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(fixed))
    phone.get_by_label("Angkatan lulus").select_option("2026")
    phone.get_by_role("button", name="Periksa berkas").click()
    phone.get_by_role("button", name=re.compile("Impor 1 baris")).click()
    phone.get_by_text("Impor selesai.").wait_for()
    assert Alumnus.objects.filter(organisation__npsn="20523001").count() == 12

    # 5. Find the alumnus whose row was fixed.
    phone.get_by_role("link", name="Lihat register").click()
    phone.get_by_label("Cari nama, NISN atau HP").fill(bad_name.split()[0])
    phone.get_by_role("button", name="Tampilkan").click()
    phone.get_by_role("link", name=bad_name).first.click()
    phone.get_by_text("28 Februari 2008").wait_for()
