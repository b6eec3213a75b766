"""A BLK officer's first batch, as they walk it: add a programme, open a batch, import the
trainee list (dry run, then for real, one row rejected with the NIK's own words), record a
trainee's results; a person signs up on the public page and the officer accepts them. Then
"kemungkinan orang yang sama": one record elsewhere answered "bukan orang yang sama", another
linked and, as a mistake, unlinked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.organisations.models import Organisation
from jejak.training.models import Batch, Enrolment, PersonLink
from jejak.training.services import batch_open, programme_save
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"
TRAINEES = (
    "nik;nama;jenis_kelamin;tanggal_lahir;pendidikan;alamat;kode_wilayah;hp;disabilitas;"
    "status_sebelum;lulus;nomor_sertifikat;kompeten\n"
    "3509015203010001;Dewi Lestari;P;12/03/2001;SMK;Jl. Kenanga 2;35.09;081234567001;;"
    "mencari kerja;;;\n"
    "3509011708990002;Agus Salim;L;18/08/1999;SMA;;35.09;;tuna daksa;bekerja;;;\n"
)


@pytest.fixture
def blk(transactional_db: Any) -> Organisation:
    ensure_reference_data()
    blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="UPT BLK Jember", region_id="35.09"
    )
    admin = User.objects.create_user(email="admin@blk.id", name="Admin", password=PASSWORD)
    Membership.objects.create(user=admin, organisation=blk, role=Role.BLK_ADMIN)
    return blk


def test_blk_officer_opens_a_batch_imports_and_accepts_a_signup(
    blk: Organisation, desk_page: Any, phone_page: Any, live_server: Any, tmp_path: Path
) -> None:
    base, page = live_server.url, desk_page
    log_in(page, base, "admin@blk.id", PASSWORD)
    page.goto(f"{base}/o/{blk.code}/")
    page.get_by_role("link", name="Program pelatihan").click()
    page.get_by_role("link", name="Tambah program").click()
    page.get_by_label("Kode program BLK").fill("OTO-01")
    page.get_by_label("Kejuruan").fill("Teknik Otomotif")
    page.get_by_label("Nama program").fill("Servis Sepeda Motor Injeksi")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Program disimpan.").wait_for()

    page.get_by_role("link", name="Gelombang").first.click()
    page.get_by_role("link", name="Buka gelombang").click()
    page.get_by_label("Program").select_option(
        label="Teknik Otomotif – Servis Sepeda Motor Injeksi"
    )
    page.get_by_label("Tanggal mulai").fill("2099-03-02")
    page.get_by_label("Tanggal selesai").fill("2099-04-30")
    page.get_by_label("Catatan aksesibilitas").fill("Ruang praktik di lantai dasar")
    page.get_by_role("button", name="Buka gelombang").click()
    page.get_by_role("heading", name=re.compile("OTO-01-9903")).wait_for()
    batch = Batch.objects.get(organisation=blk)

    page.get_by_role("link", name="Impor peserta").click()
    path = tmp_path / "peserta.csv"
    path.write_text(TRAINEES, encoding="utf-8")
    page.get_by_label("Berkas Excel (.xlsx) atau CSV").set_input_files(str(path))
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_text(
        "NIK menyatakan 17-08-1999 laki-laki, kolom tanggal_lahir 18-08-1999."
    ).wait_for()
    page.get_by_role("button", name=re.compile("Impor 1 baris")).click()
    page.get_by_role("link", name="Lihat peserta gelombang").click()
    page.get_by_role("link", name="Dewi Lestari").click()
    page.get_by_label("Lulus", exact=True).select_option("true")
    page.get_by_label("Nomor sertifikat").fill("BNSP 123")
    page.get_by_label("Kompeten", exact=True).select_option("true")
    page.get_by_role("button", name="Simpan hasil").click()
    page.get_by_text("Hasil pelatihan Dewi Lestari disimpan.").wait_for()
    dewi = Enrolment.objects.get(alumnus__name="Dewi Lestari")
    assert (dewi.graduated, dewi.competent, dewi.certificate_number) == (True, True, "BNSP 123")

    phone_page.goto(f"{base}/pelatihan/{batch.code}/daftar/")
    phone_page.get_by_label("NIK (16 digit, sesuai KTP/KK)").fill("3509011708990002")
    phone_page.get_by_label("Nama lengkap").fill("Agus Salim")
    phone_page.get_by_label("Laki-laki").check()
    phone_page.get_by_label("Tanggal lahir").fill("1999-08-17")
    phone_page.get_by_label("Nomor HP/WhatsApp").fill("081234567002")
    phone_page.get_by_label("Alamat").fill("Jl. Mawar 1")
    phone_page.get_by_label(re.compile("Saya setuju data saya")).check()
    phone_page.get_by_role("button", name="Kirim pendaftaran").click()
    phone_page.get_by_role("heading", name="Pendaftaran terkirim").wait_for()

    page.goto(f"{base}/o/{blk.code}/batches/{batch.code}/")
    row = page.get_by_role("row", name=re.compile("Agus Salim"))
    row.get_by_role("button", name="Terima").click()
    page.get_by_role("link", name="Agus Salim").wait_for()
    assert Enrolment.objects.filter(status="enrolled").count() == 2


def test_blk_officer_answers_not_the_same_person_and_undoes_a_mistaken_link(
    blk: Organisation, desk_page: Any, live_server: Any
) -> None:
    """Two records elsewhere look like the trainee: one is someone else (answered so, never
    suggested again), the other is linked, then unlinked as a mistake after the warning."""
    born = dt.date(2001, 3, 12)
    schools = [
        Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name=name,
                                    region_id="35.09", npsn=npsn)
        for name, npsn in (("SMK Negeri 1 Jember", "20523101"), ("SMK PGRI 2 Jember", "20523102"))
    ]  # fmt: skip
    by_nik = Alumnus.objects.create(
        organisation=schools[0],
        name="Dewi L.",
        sex="P",
        cohort=2019,
        nik="3509015203010001",
        birth_date=born,
    )
    by_name = Alumnus.objects.create(organisation=schools[1], name="Dewi Lestari", sex="P",
                                     cohort=2019, birth_date=born)  # fmt: skip
    programme, _ = programme_save(blk=blk, own_code="OTO-01", actor=None,
                                  data={"name": "Servis Sepeda Motor"})  # fmt: skip
    batch = batch_open(programme=programme, start_date=dt.date(2026, 1, 5),
                       end_date=dt.date(2026, 2, 27), actor=None)  # fmt: skip
    trainee = Alumnus.objects.create(
        organisation=blk,
        name="Dewi Lestari",
        sex="P",
        cohort=2026,
        nik="3509015203010001",
        birth_date=born,
    )
    Enrolment.objects.create(organisation=blk, batch=batch, alumnus=trainee)  # fmt: skip

    base, page = live_server.url, desk_page
    log_in(page, base, "admin@blk.id", PASSWORD)
    page.goto(f"{base}/o/{blk.code}/batches/{batch.code}/")
    page.get_by_role("link", name="Kemungkinan orang yang sama").click()
    page.get_by_role("listitem").filter(has_text="SMK PGRI 2 Jember").get_by_role(
        "button", name="Bukan orang yang sama").click()  # fmt: skip
    page.get_by_text("Dicatat: bukan orang yang sama.").wait_for()
    page.get_by_role("heading", name="Dinyatakan bukan orang yang sama").wait_for()
    page.get_by_role("listitem").filter(has_text="SMK Negeri 1 Jember").get_by_role(
        "button", name="Orang yang sama: tautkan").click()  # fmt: skip
    page.get_by_role("button", name="Ya, orang yang sama").click()
    page.get_by_text("Riwayat ditautkan.").wait_for()
    by_nik.refresh_from_db()
    assert by_nik.person_key and by_nik.person_key == Alumnus.objects.get(pk=trainee.pk).person_key

    page.get_by_role("link", name="Tertaut sebagai orang yang sama").click()
    page.get_by_role("button", name="Keliru: lepaskan tautan").click()
    page.get_by_text(re.compile("Yang tidak bisa dibatalkan")).wait_for()
    page.get_by_role("button", name="Ya, lepaskan tautan").click()
    page.get_by_text("Tautan dilepas").wait_for()
    by_nik.refresh_from_db()
    assert by_nik.person_key == "" and Alumnus.objects.get(pk=trainee.pk).person_key == ""
    assert set(PersonLink.objects.values_list("other__organisation__name", "answer")) == {
        ("SMK PGRI 2 Jember", "not_same"), ("SMK Negeri 1 Jember", "not_same")}  # fmt: skip
    assert not page.get_by_role("button", name="Orang yang sama: tautkan").count()
    assert by_name.person_key == ""
