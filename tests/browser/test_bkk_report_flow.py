"""A BKK officer builds last month's IPK III report, checks it and sends it; the labour
office's analyst finds it among the area's submissions and acknowledges it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from jejak.accounts.models import Membership, Role, User
from jejak.alumni.models import Alumnus
from jejak.bkkreports import services
from jejak.bkkreports.models import PlacementReport
from jejak.bkkreports.periods import PeriodKind, last_closed
from jejak.jobs.models import Vacancy, VacancyTarget
from jejak.organisations.models import Bkk, Organisation
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kata-Sandi-Baru-2026"


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
    Bkk.objects.create(organisation=school, registration_number="563/09/BKK/2024")
    for email, org, role in [("bkk@smkn9.id", school, Role.BKK_OFFICER),
                             ("analis@disnaker.id", office, Role.OFFICE_ANALYST)]:  # fmt: skip
        user = User.objects.create_user(email=email, name=email.split("@")[0], password=PASSWORD)
        Membership.objects.create(user=user, organisation=org, role=role)
    month = last_closed(PeriodKind.MONTH, timezone.localdate(), 1)[0]
    ani = Alumnus.objects.create(organisation=school, name="Ani Lestari", sex="P", cohort=2025,
                                 nisn="0012345678")  # fmt: skip
    for activity, source, day in [(Activity.LOOKING, Source.TEACHER, month.start),
                                  (Activity.WORKING, Source.PLACEMENT, month.end)]:  # fmt: skip
        OutcomeEvent.objects.create(
            organisation=school, alumnus=ani, activity=activity, source=source, start_date=day,
            employer="PT Kopi Ijen", industry_id="C", occupation_id="7", work_region_id="35.09",
        )  # fmt: skip
    return {"office": office, "school": school, "month": month}


def _login(page: Any, base: str, email: str) -> None:
    log_in(page, base, email, PASSWORD)


def test_bkk_submits_a_monthly_report_and_the_labour_office_acknowledges_it(
    region: dict[str, Any], phone_page: Any, desk_page: Any, live_server: Any
) -> None:
    base, month = live_server.url, region["month"]
    page = phone_page
    _login(page, base, "bkk@smkn9.id")
    page.goto(f"{base}/o/{region['school'].code}/")
    page.get_by_role("link", name="Laporan IPK III").first.click()
    row = page.get_by_role("row", name=re.compile(month.label))
    row.get_by_role("button", name="Susun").click()
    page.get_by_role("heading", name=re.compile(f"Laporan IPK III: {month.label}")).wait_for()
    page.get_by_text("Ani Lestari").wait_for()
    page.get_by_role("button", name="Kirim ke dinas tenaga kerja").click()
    page.get_by_text("laporan tidak bisa ditarik").wait_for()  # asked once, nothing sent yet
    page.get_by_role("button", name="Ya, kirim ke dinas").click()
    page.get_by_text("Laporan dikirim ke dinas tenaga kerja.").wait_for()

    desk = desk_page
    _login(desk, base, "analis@disnaker.id")
    desk.goto(f"{base}/o/{region['office'].code}/")
    desk.get_by_role("link", name="Laporan BKK").first.click()
    desk.get_by_role("row", name=re.compile("SMK Negeri 9 Jember")).get_by_role(
        "link", name="Periksa"
    ).click()
    desk.get_by_text("Ani Lestari").wait_for()
    desk.get_by_label("Keputusan").select_option("acknowledge")
    desk.get_by_role("button", name="Simpan keputusan").click()
    desk.get_by_text("Keputusan atas laporan dicatat.").wait_for()
    report = PlacementReport.objects.get(organisation=region["school"])
    assert report.state == PlacementReport.State.ACKNOWLEDGED
    assert report.data["placed"][0]["nisn"] == "0012345678"


def test_a_returned_report_is_fixed_and_resubmitted(
    region: dict[str, Any], desk_page: Any, live_server: Any
) -> None:
    """The office returns the report for a vacancy without its KBJI code; the BKK follows the
    line of the fix list to the vacancy, codes it, builds a new version and sends it. (The
    fix is made on a vacancy: the placement edit page belongs to another part of the work.)"""
    school, month = region["school"], region["month"]
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="PT Kopi Ijen", region_id="35.09"
    )
    vacancy = Vacancy.objects.create(
        company=company, posted_by_org=school, title="Operator Sangrai", openings=2,
        opens_on=month.start, closes_on=timezone.localdate() + dt.timedelta(days=30),
        industry_id="C", work_region_id="35.09",
    )  # fmt: skip
    VacancyTarget.objects.create(vacancy=vacancy, school=school)
    officer = User.objects.get(email="bkk@smkn9.id")
    first = services.report_generate(organisation=school, period=month, actor=officer)
    services.report_submit(report=first, actor=officer)
    services.report_review(report=first, office=region["office"], accept=False,
                           actor=User.objects.get(email="analis@disnaker.id"),
                           comment="KBJI lowongan belum diisi")  # fmt: skip

    base, page = live_server.url, desk_page
    _login(page, base, "bkk@smkn9.id")
    page.goto(f"{base}/o/{school.code}/bkk/reports/{first.code}/")
    page.get_by_text("KBJI lowongan belum diisi").wait_for()
    page.get_by_role(
        "link", name=re.compile("Lowongan Operator Sangrai .*KBJI belum diisi")
    ).click()
    page.get_by_label("Jabatan menurut KBJI 2014").select_option("7")
    page.get_by_role("button", name="Simpan perubahan").click()
    page.get_by_text("Lowongan Operator Sangrai diperbarui.").wait_for()

    page.goto(f"{base}/o/{school.code}/bkk/reports/{first.code}/")
    page.get_by_role("button", name="Susun versi baru").click()
    page.get_by_role("heading", name=re.compile(r"v2")).wait_for()
    assert page.get_by_text("KBJI belum diisi").count() == 0
    page.get_by_role("button", name="Kirim ke dinas tenaga kerja").click()
    page.get_by_role("button", name="Ya, kirim ke dinas").click()
    page.get_by_text("Laporan dikirim ke dinas tenaga kerja.").wait_for()
    second = PlacementReport.objects.get(organisation=school, version=2)
    assert second.state == PlacementReport.State.SUBMITTED
    coded = next(r for r in second.data["figures"]["III/5"] if r["group"] == "7")
    assert coded["terdaftar_L"] + coded["terdaftar_P"] == 2
