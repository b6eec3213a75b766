"""A BKK officer applies for a tanda daftar with its three documents; the labour office's
analyst returns it once, the BKK fixes it, and the office issues it; the BKK downloads the
certificate and its QR link says the tanda daftar is valid."""

from __future__ import annotations

import re
from typing import Any

import pytest

from jejak.accounts.models import Membership, Role, User
from jejak.organisations.models import Bkk, Organisation
from jejak.tandadaftar.models import Application
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"
PDF = b"%PDF-1.4\n% dokumen\n"


@pytest.fixture
def region(transactional_db: Any) -> dict[str, Any]:
    ensure_reference_data()
    office = Organisation.objects.create(
        kind=Organisation.Kind.LABOUR_OFFICE, name="Disnaker Jember", region_id="35.09"
    )
    office.area.set(["35.09"])
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="SMK Negeri 9 Jember", region_id="35.09",
        npsn="20523009",
    )  # fmt: skip
    Bkk.objects.create(organisation=school)
    for email, org, role in [("bkk@smkn9.id", school, Role.BKK_OFFICER),
                             ("analis@disnaker.id", office, Role.OFFICE_ANALYST)]:  # fmt: skip
        user = User.objects.create_user(email=email, name=email.split("@")[0], password=PASSWORD)
        Membership.objects.create(user=user, organisation=org, role=role)
    return {"office": office, "school": school}


def _upload(page: Any, label: str, name: str) -> None:
    page.get_by_label("Jenis lampiran").select_option(label=label)
    page.get_by_label("Berkas (PDF, JPG atau PNG)").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Unggah", exact=True).click()
    page.get_by_text("Lampiran tersimpan.").wait_for()


def test_bkk_applies_office_returns_then_issues_and_the_certificate_verifies(
    region: dict[str, Any], phone_page: Any, desk_page: Any, live_server: Any
) -> None:
    base, school, office = live_server.url, region["school"], region["office"]
    page = phone_page
    log_in(page, base, "bkk@smkn9.id", PASSWORD)
    page.goto(f"{base}/o/{school.code}/")
    page.get_by_role("link", name="Tanda daftar", exact=True).first.click()
    page.get_by_role("button", name="Buat permohonan").click()
    _upload(page, "Izin operasional sekolah", "izin.pdf")
    _upload(page, "SK pembentukan BKK dengan struktur organisasinya", "sk.pdf")
    page.get_by_role("button", name="Ajukan permohonan").click()
    page.get_by_text("Ajukan permohonan tanda daftar ke Disnaker Jember?").wait_for()
    page.get_by_role("button", name="Ya, ajukan").click()
    page.get_by_text("Lengkapi dulu").wait_for()  # the placement plan is missing
    _upload(page, "Rencana penempatan paling sedikit satu tahun", "rencana.pdf")
    page.get_by_role("button", name="Ajukan permohonan").click()
    page.get_by_role("button", name="Ya, ajukan").click()
    page.get_by_text("Permohonan diajukan ke dinas tenaga kerja.").wait_for()

    desk = desk_page
    log_in(desk, base, "analis@disnaker.id", PASSWORD)
    desk.goto(f"{base}/o/{office.code}/")
    desk.get_by_role("link", name="Tanda daftar BKK").first.click()
    desk.get_by_role("link", name="SMK Negeri 9 Jember").click()
    desk.get_by_label("Alasan").fill("SK belum ditandatangani kepala sekolah")
    desk.get_by_role("button", name="Kembalikan", exact=True).click()
    desk.get_by_text("Permohonan dikembalikan ke BKK.").wait_for()

    page.reload()
    page.get_by_text("SK belum ditandatangani kepala sekolah").wait_for()
    _upload(page, "SK pembentukan BKK dengan struktur organisasinya", "sk-ttd.pdf")
    page.get_by_role("button", name="Ajukan permohonan").click()
    page.get_by_role("button", name="Ya, ajukan").click()
    page.get_by_text("Permohonan diajukan ke dinas tenaga kerja.").wait_for()

    desk.goto(f"{base}/o/{office.code}/tanda-daftar-bkk/")
    desk.get_by_role("link", name="SMK Negeri 9 Jember").click()
    desk.get_by_label("Nomor tanda daftar").fill("562/09/BKK/2026")
    desk.get_by_role("button", name="Terbitkan", exact=True).click()
    desk.get_by_text("Tanda daftar diterbitkan.").wait_for()

    page.reload()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh sertifikat tanda daftar (PDF)").first.click()
    assert download.value.suggested_filename == "tanda-daftar-bkk-20523009.pdf"
    application = Application.objects.get(organisation=school, state="issued")
    page.goto(f"{base}/tanda-daftar/cek/{application.verify_token}/")
    page.get_by_text(re.compile("^BERLAKU$")).wait_for()
    page.get_by_text("562/09/BKK/2026").wait_for()
