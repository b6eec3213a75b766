"""Small factories for the job exchange tests (companies, vacancies, applications)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jejak.companies.models import Flag
from jejak.companies.services import company_vet
from jejak.jobs.models import Application, Vacancy
from jejak.jobs.services import vacancy_post
from jejak.organisations.models import Organisation
from jejak.reference.models import Region
from tests.conftest import Tenant


def vacancy_data(**overrides: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data: dict[str, Any] = {
        "title": "Teknisi Jaringan", "openings": 3, "opens_on": today,
        "closes_on": today + dt.timedelta(days=30), "education": "SMK", "sex": "",
        "wage_min": 2_800_000, "wage_max": 3_500_000, "work_region": None, "work_country": "",
        "formal": True, "disability_friendly": False, "majors": [],
    }  # fmt: skip
    data.update(overrides)
    return data


def vet(t: Tenant, company: Organisation | None = None) -> None:
    company_vet(company=company or t.company, school=t.school, actor=t.bkk, nib="1234567890123")


def post(
    t: Tenant,
    *,
    schools: list[Organisation] | None = None,
    regions: list[Region] | None = None,
    **overrides: Any,
) -> Vacancy:
    """A vacancy the tenant's company posts to its school (unless told otherwise)."""
    if schools is None and regions is None:
        schools = [t.school]
    overrides.setdefault("work_region", Region.objects.get(code=t.region))
    data = vacancy_data(**overrides)
    return vacancy_post(
        company=t.company, posted_by_org=t.company, actor=t.recruiter, data=data,
        schools=schools or [], regions=regions or [],
    )  # fmt: skip


def some_vacancy(t: Tenant) -> Vacancy:
    return Vacancy.objects.filter(company=t.company).first() or post(t)


def some_application(t: Tenant) -> Application:
    vacancy = some_vacancy(t)
    found, _ = Application.objects.get_or_create(
        vacancy=vacancy, alumnus=t.alumnus, defaults={"organisation": t.school}
    )
    return found


def some_flag(t: Tenant) -> Flag:
    return Flag.objects.filter(company=t.company).first() or Flag.objects.create(
        company=t.company, organisation=t.school, reason="Diduga fiktif", raised_by=t.bkk
    )


def some_placement(t: Tenant) -> Any:
    from jejak.jobs.models import Placement
    from jejak.jobs.services import placement_record

    found = Placement.objects.filter(organisation=t.school).first()
    return found or placement_record(
        school=t.school, alumnus=t.alumnus, actor=t.bkk, recorded_by_org=t.school,
        employer="PT Sinar", start_date=dt.date(2026, 7, 1),
        work_region=Region.objects.get(code=t.region),
    )  # fmt: skip


def some_registration(t: Tenant) -> Any:
    from jejak.seekers.models import Registration, RegistrationSource
    from jejak.seekers.services import registration_open

    found = Registration.objects.filter(organisation=t.school).first()
    return found or registration_open(
        organisation=t.school, alumnus=t.alumnus, actor=t.bkk, source=RegistrationSource.BKK,
        registered_on=dt.date(2026, 1, 5),
    )  # fmt: skip
