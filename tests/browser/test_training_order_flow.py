"""A company orders a training batch and hears when it graduates, as the people walk it: the
recruiter orders from a BLK, the BLK admin accepts and links a batch, records the trainee's
result, tells the company (asked first), and the recruiter finds the notice on the company's
first page and the graduate who agreed to be found."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus, Consent
from jejak.companies.models import Vetting
from jejak.matching.models import PoolOptIn
from jejak.organisations.models import Organisation
from jejak.training.models import Batch, Enrolment, Programme, TrainingOrder
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"


@pytest.fixture
def setting(transactional_db: Any) -> dict[str, Any]:
    """A BLK with a finished batch of one trainee (in the talent pool), a vetted company."""
    ensure_reference_data()
    blk = Organisation.objects.create(
        kind=Organisation.Kind.TRAINING_CENTRE, name="UPT BLK Jember", region_id="35.09"
    )
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="SMK Negeri 1 Jember", region_id="35.09"
    )
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="PT Sinar Jaya", region_id="35.09"
    )
    Vetting.objects.create(company=company, organisation=school, nib="1234567890123")
    for email, org, role in (("admin@blk.id", blk, Role.BLK_ADMIN),
                             ("hr@sinar.id", company, Role.RECRUITER)):  # fmt: skip
        user = User.objects.create_user(email=email, name=email[:5], password=PASSWORD)
        Membership.objects.create(user=user, organisation=org, role=role)
    programme = Programme.objects.create(organisation=blk, own_code="OTO-01", name="Servis Motor")
    batch = Batch.objects.create(
        organisation=blk, programme=programme, own_code="OTO-01-2601",
        start_date=dt.date(2026, 1, 5), end_date=dt.date(2026, 2, 27), state="done",
    )  # fmt: skip
    trainee = Alumnus.objects.create(
        organisation=blk, name="Dewi Lestari", sex="P", cohort=2026, consent=Consent.GIVEN
    )
    Enrolment.objects.create(organisation=blk, batch=batch, alumnus=trainee)
    PoolOptIn.objects.create(alumnus=trainee, organisation=blk)
    return {"blk": blk, "company": company, "batch": batch}


def test_company_orders_blk_schedules_and_the_company_hears_of_the_graduates(
    setting: dict[str, Any], desk_page: Any, phone_page: Any, live_server: Any
) -> None:
    base, company, blk = live_server.url, setting["company"], setting["blk"]
    hr = desk_page
    log_in(hr, base, "hr@sinar.id", PASSWORD)
    hr.goto(f"{base}/o/{company.code}/")
    hr.get_by_role("link", name="Pesanan pelatihan").first.click()
    hr.get_by_role("link", name="Buat pesanan").click()
    hr.get_by_label("BLK tujuan").select_option(value=blk.code)
    hr.get_by_role("button", name="Lanjut").click()
    hr.get_by_label("Program yang diminta (boleh kosong)").select_option(label="Servis Motor")
    hr.get_by_label("Kompetensi yang dibutuhkan").fill("Servis sistem injeksi")
    hr.get_by_label("Jumlah orang").fill("10")
    hr.get_by_label("Dibutuhkan paling lambat (bulan)").fill("2099-03")
    hr.get_by_role("button", name="Kirim pesanan").click()
    hr.get_by_text("Pesanan dikirim ke UPT BLK Jember.").wait_for()
    order = TrainingOrder.objects.get()

    admin = phone_page
    log_in(admin, base, "admin@blk.id", PASSWORD)
    admin.goto(f"{base}/o/{blk.code}/")
    admin.get_by_role("link", name=re.compile("1 pesanan perusahaan menunggu jawaban")).click()
    admin.get_by_role("link", name="PT Sinar Jaya").click()
    admin.get_by_role("button", name="Terima pesanan").click()
    admin.get_by_text("Pesanan diterima").wait_for()
    admin.get_by_label("Tautkan gelombang yang ada").select_option(value=setting["batch"].code)
    admin.get_by_role("button", name="Tautkan", exact=True).click()
    admin.get_by_text("Kelulusan 1 peserta belum dicatat.").wait_for()

    admin.get_by_role("link", name="OTO-01-2601").click()
    admin.get_by_role("link", name="Dewi Lestari").first.click()
    admin.get_by_label("Lulus", exact=True).select_option("true")
    admin.get_by_label("Kompeten", exact=True).select_option("true")
    admin.get_by_role("button", name="Simpan hasil").click()
    admin.goto(f"{base}/o/{blk.code}/orders/{order.code}/")
    admin.get_by_role("button", name="Beri tahu pemesan").click()
    admin.get_by_text("hanya dikirim sekali").wait_for()
    admin.get_by_role("button", name="Ya, beri tahu pemesan").click()
    admin.get_by_text("Pemesan sudah diberi tahu.").wait_for()
    order.refresh_from_db()
    assert order.state == TrainingOrder.State.DONE

    hr.goto(f"{base}/o/{company.code}/")
    hr.get_by_role("link", name=re.compile("gelombang OTO-01-2601: 1 lulus, 1 kompeten")).click()
    hr.get_by_role("heading", name="Lulusan dari UPT BLK Jember").wait_for()
    hr.get_by_role("cell", name=re.compile("Dewi Lestari")).wait_for()
