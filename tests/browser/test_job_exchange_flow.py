"""The job exchange as new people walk it: a company signs up and its recruiter sets a
password; the school's BKK vets it; the recruiter posts to every school of the regency; an
alumnus applies from a phone; the company accepts and records the placement; the BKK finds it
in the placement register (AKAD: Bekasi is in another province) and in the outcome history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.jobs.models import Application, Placement, Stage
from jejak.organisations.models import Bkk, Organisation
from jejak.outcomes.models import OutcomeEvent, Source
from tests.browser.conftest import (
    FLAGS,  # noqa: F401 - documents where the flags live
    log_in,
)
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"


@pytest.fixture
def school(transactional_db: Any) -> Organisation:
    ensure_reference_data()
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="SMK Negeri 5 Jember", region_id="35.09",
        npsn="20523055",
    )  # fmt: skip
    Bkk.objects.create(organisation=school)
    officer = User.objects.create_user(email="bkk@smkn5.id", name="Yuliana", password=PASSWORD)
    Membership.objects.create(user=officer, organisation=school, role=Role.BKK_OFFICER)
    alumnus = Alumnus.objects.create(
        organisation=school, nisn="0061234567", name="Siti Aminah", sex="P", cohort=2025,
        phone="+6281299998888",
    )  # fmt: skip
    person = User.objects.create_user(phone="+6281299998888", name="Siti", password=PASSWORD)
    Membership.objects.create(user=person, organisation=school, role=Role.ALUMNUS,
                              alumnus=alumnus)  # fmt: skip
    return school


@pytest.fixture
def bkk_page(chromium: Any, live_server: Any, http_settings: None) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _login(page: Any, base: str, identifier: str) -> None:
    log_in(page, base, identifier, PASSWORD)


def test_company_signs_up_is_vetted_posts_and_hires_an_alumnus(
    school: Organisation, desk_page: Any, bkk_page: Any, phone_page: Any, live_server: Any
) -> None:
    base = live_server.url
    # 1. The company registers itself and its recruiter sets a password.
    hr = desk_page
    hr.goto(f"{base}/perusahaan/daftar/")
    hr.get_by_label("Nama perusahaan").fill("PT Karya Bekasi Sejahtera")
    hr.get_by_label("Kabupaten/kota").select_option(label="Kabupaten Jember")
    hr.get_by_label("NIB (Nomor Induk Berusaha)").fill("9120001234567")
    hr.get_by_label("Nama kontak (rekruter)").fill("Rina HRD")
    hr.get_by_label("Email kontak").fill("rina@karyabekasi.co.id")
    hr.get_by_role("button", name="Daftar").click()
    hr.get_by_role("heading", name="Periksa email Anda").wait_for()
    # The set-password link goes to the contact address only (the live server runs in this
    # process, so its locmem outbox is ours).
    link = next(w for w in mail.outbox[-1].body.split() if "/accounts/invitation/" in w)
    hr.goto(base + "/" + link.split("://", 1)[1].split("/", 1)[1])
    hr.get_by_label("Kata sandi baru").fill(PASSWORD)
    hr.get_by_label("Ulangi kata sandi").fill(PASSWORD)
    hr.get_by_role("button", name="Simpan dan masuk").click()
    hr.get_by_role("heading", name="Lowongan").wait_for()

    # 2. The BKK finds the new company of its regency among its companies and vets it.
    bkk = bkk_page
    _login(bkk, base, "bkk@smkn5.id")
    bkk.get_by_role("link", name="Perusahaan").click()
    bkk.get_by_role("link", name="PT Karya Bekasi Sejahtera").click()
    bkk.get_by_text("Belum diverifikasi").first.wait_for()
    bkk.get_by_text("Catat verifikasi").click()
    bkk.get_by_label("NIB yang dicek di OSS").fill("9120001234567")
    bkk.get_by_role("button", name="Simpan verifikasi").click()
    bkk.get_by_text("Verifikasi PT Karya Bekasi Sejahtera dicatat.").wait_for()

    # 3. The recruiter posts to every school of Kabupaten Jember.
    hr.get_by_role("link", name="Pasang lowongan").click()
    hr.get_by_label("Jabatan/posisi").fill("Operator Produksi")
    hr.get_by_label("Jumlah untuk laki-laki atau perempuan").fill("10")
    deadline = dt.date.today() + dt.timedelta(days=21)
    hr.get_by_label("Batas akhir lamaran").fill(deadline.isoformat())
    hr.get_by_label("Upah minimal per bulan").fill("Rp5.000.000")
    hr.get_by_label("Lokasi kerja (kabupaten/kota)").select_option(label="Kabupaten Bekasi")
    hr.get_by_label("Kabupaten Jember").check()
    hr.get_by_role("button", name="Pasang lowongan").click()
    hr.get_by_text("Lowongan Operator Produksi dipasang.").wait_for()

    # 4. The alumnus applies from a phone: list, vacancy, "Lamar", confirm.
    phone = phone_page
    _login(phone, base, "0812-9999-8888")
    phone.get_by_role("link", name="Lowongan dan lamaran saya").click()
    phone.get_by_role("link", name="Operator Produksi").click()
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Lamar").click()
    phone.get_by_text("Lamaran terkirim.").wait_for()
    application = Application.objects.get()
    assert application.alumnus.name == "Siti Aminah"

    # 5. The company accepts and records the placement, prefilled from the vacancy.
    hr.reload()
    hr.get_by_role("combobox").first.select_option(label="Diterima")
    hr.get_by_role("button", name="Pindahkan").click()
    hr.get_by_role("button", name="Ya, pindahkan ke Diterima").click()  # a final stage asks
    hr.get_by_role("heading", name="Catat penempatan").wait_for()
    assert hr.get_by_label("Pemberi kerja").input_value() == "PT Karya Bekasi Sejahtera"
    hr.get_by_label("Formal", exact=True).check()  # never assumed: the officer says which
    hr.get_by_role("button", name="Simpan penempatan").click()
    hr.get_by_text(re.compile(r"Penempatan Siti Aminah dicatat \(AKAD\)")).wait_for()
    assert Application.objects.get().stage == Stage.ACCEPTED

    # 6. The BKK sees it in the register (AKAD) and in the alumnus's outcome history.
    bkk.goto(f"{base}/o/{school.code}/")
    bkk.get_by_role("link", name="Penempatan", exact=True).click()
    row = bkk.get_by_role("row", name=re.compile("Siti Aminah"))
    assert "AKAD" in row.inner_text() and "Kabupaten Bekasi" in row.inner_text()
    placement = Placement.objects.get()
    bkk.goto(f"{base}/o/{school.code}/alumni/{placement.alumnus.code}/")
    bkk.get_by_text("Penempatan BKK").wait_for()
    event = OutcomeEvent.objects.get(alumnus=placement.alumnus)
    assert event.source == Source.PLACEMENT and event.work_region_id == "32.16"
    assert placement.outcome_event == event
