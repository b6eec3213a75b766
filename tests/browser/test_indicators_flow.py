"""A labour-office analyst opens the regency dashboard, sorts schools by BMW rate, opens a
school, and downloads its tracer report PDF once the background task has made it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.indicators.rollups import detect_changes, refresh_stale
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"


def _school(name: str, npsn: str, working: int, looking: int) -> Organisation:
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name=name, region_id="35.09", npsn=npsn, status="swasta"
    )
    for n in range(working + looking):
        alumnus = Alumnus.objects.create(organisation=school, name=f"A{n}", sex="P", cohort=2024)
        OutcomeEvent.objects.create(
            organisation=school, alumnus=alumnus, start_date=dt.date(2024, 9, 1), source="self",
            activity="bekerja" if n < working else "mencari_kerja",
        )  # fmt: skip
    return school


def test_analyst_sorts_schools_opens_one_and_downloads_its_report(
    transactional_db: Any, chromium: Any, live_server: Any, http_settings: None, tmp_path: Path
) -> None:
    ensure_reference_data()
    office = Organisation.objects.create(
        kind=Organisation.Kind.LABOUR_OFFICE, name="Disnaker Jember", region_id="35.09"
    )
    office.area.set(["35.09"])
    analyst = User.objects.create_user(email="analis@disnaker.id", name="Analis", password=PASSWORD)
    Membership.objects.create(user=analyst, organisation=office, role=Role.OFFICE_ANALYST)
    _school("SMK Tinggi", "20523101", working=4, looking=0)
    _school("SMK Rendah", "20523102", working=1, looking=3)
    detect_changes()  # the scheduler's periodic passes: find the new rows, refresh their figures
    refresh_stale()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email atau nomor HP").fill("analis@disnaker.id")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Indikator sekolah").click()
    page.get_by_label("Angkatan").select_option("2024")
    page.get_by_role("button", name="Tampilkan").click()
    table = page.locator("#schools tbody")
    assert table.locator("tr").first.inner_text().startswith("SMK Tinggi")
    page.locator("#schools thead").get_by_role("link", name="Tingkat BMW").click()  # ascending
    assert table.locator("tr").first.inner_text().startswith("SMK Rendah")
    page.get_by_role("link", name="SMK Rendah").click()
    assert "Indikator lulusan angkatan 2024" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Buat laporan angkatan 2024").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF").click()
    saved = tmp_path / "laporan.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    context.close()
