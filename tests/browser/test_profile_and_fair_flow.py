"""An alumnus on a phone builds a CV (a certificate, a document, sharing choices) and
registers for the school's company meeting; on the day the BKK officer checks them in and
records the hire."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from jejak.fairs.models import Fair, FairHire, FairRegistration
from jejak.fairs.services import fair_company_register, fair_schedule
from jejak.profiles.models import Document, Entry, Profile
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, make_tenant

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, base: str, identifier: str) -> None:
    log_in(page, base, identifier, PASSWORD)


def test_alumnus_builds_a_cv_and_is_hired_at_a_fair(
    phone_page: Any, desk_page: Any, live_server: Any, tmp_path: Path
) -> None:
    t = make_tenant("Jember", "35.09", "20523001")
    starts = timezone.now() + dt.timedelta(days=3)
    fair = fair_schedule(
        organiser=t.school, actor=t.bkk,
        data={"kind": "meeting", "title": "Temu PT Jember", "starts_at": starts,
              "ends_at": starts + dt.timedelta(hours=4), "venue": "Aula", "region": t.school.region,
              "description": "", "audience": "school", "capacity": 30},
    )  # fmt: skip
    fair_company_register(fair=fair, company=t.company, actor=t.bkk)
    base, page = live_server.url, phone_page

    _login(page, base, t.alumnus_user.email)
    page.goto(f"{base}/me/profile/")
    page.locator("section", has_text="Sertifikat kompetensi (LSP/BNSP)").get_by_role(
        "link", name="Tambah"
    ).click()
    page.get_by_label("Nama skema sertifikasi").fill("Junior Network Administrator")
    page.get_by_label("Penerbit (LSP/BNSP)").fill("LSP P1 SMK Jember")
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Junior Network Administrator").is_visible()

    fake = tmp_path / "virus.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    page.get_by_role("link", name="Unggah dokumen").click()
    page.get_by_label("Berkas (PDF, JPG atau PNG)").set_input_files(str(fake))
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Jenis berkas tidak diterima").is_visible()
    real = tmp_path / "sertifikat.pdf"
    real.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Berkas (PDF, JPG atau PNG)").set_input_files(str(real))
    page.get_by_role("button", name="Simpan").click()
    assert page.get_by_text("Dokumen tersimpan (PDF)").is_visible()

    page.get_by_role("link", name="Atur berbagi data").click()
    page.get_by_label("Dokumen unggahan").check()
    page.get_by_role("button", name="Simpan pilihan saya").click()

    page.get_by_role("link", name="Bursa kerja").first.click()
    page.get_by_role("button", name="Daftar").click()
    assert page.get_by_text("Anda terdaftar").first.is_visible()

    assert Entry.objects.filter(alumnus=t.alumnus, kind="certificate").count() == 1
    assert Document.objects.filter(alumnus=t.alumnus).count() == 1
    assert Profile.objects.get(alumnus=t.alumnus).share_documents
    registration = FairRegistration.objects.get(fair=fair, alumnus=t.alumnus)

    # The day of the meeting: the BKK officer checks the alumnus in and records the hire.
    Fair.objects.filter(pk=fair.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=3),
    )
    desk = desk_page
    _login(desk, base, t.bkk.email)
    desk.goto(f"{base}/o/{t.school.code}/fairs/{fair.code}/attendance/")
    desk.locator(f"#r-{registration.code}").get_by_role("button", name="Tandai hadir").click()
    desk.locator(f"#r-{registration.code}").get_by_text("Hadir", exact=True).wait_for()
    desk.goto(f"{base}/o/{t.school.code}/fairs/{fair.code}/hires/new/")
    desk.get_by_label("Alumni (yang hadir)").select_option(t.alumnus.code)
    desk.get_by_label("Perusahaan").select_option(t.company.code)
    desk.get_by_label("Jabatan").fill("Teknisi jaringan")
    desk.get_by_label("Mulai kerja").fill(timezone.localdate().isoformat())
    desk.get_by_role("button", name="Simpan").click()
    assert desk.get_by_text("Perekrutan dicatat").is_visible()
    assert FairHire.objects.get(fair=fair).alumnus == t.alumnus
