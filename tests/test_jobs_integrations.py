"""The job exchange plugged into profiles, fairs and the IPK III reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.bkkreports.ipk import vacancy_table
from jejak.bkkreports.periods import Period
from jejak.fairs import services as fair_services
from jejak.jobs.integrations import vacancy_counts
from jejak.jobs.models import Placement, Vacancy
from jejak.jobs.selectors import applicant_view
from jejak.jobs.services import application_submit, placement_record, vacancy_fill
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.profiles.services import profile_update, sharing_set
from jejak.reference.models import Region
from tests.conftest import Tenant
from tests.jobs_factories import post, vet
from tests.test_fairs import make_fair, started

pytestmark = pytest.mark.django_db


def test_company_sees_the_shared_cv_only_after_the_alumnus_applies(
    login: Any, jember: Tenant
) -> None:
    profile_update(alumnus=jember.alumnus, actor=jember.alumnus_user, summary="Teknisi",
                   skills=["Mikrotik"])  # fmt: skip
    sharing_set(alumnus=jember.alumnus, actor=jember.alumnus_user, choices={"share_contact": False})
    vet(jember)
    vacancy = post(jember)
    cv = reverse("profiles:alumnus_cv", args=[jember.company.code, jember.alumnus.code])
    client = login(jember.recruiter)
    assert client.get(cv).status_code == 404
    application, _created = application_submit(
        vacancy=vacancy, alumnus=jember.alumnus, actor=jember.alumnus_user
    )
    page = client.get(cv)
    assert page.status_code == 200 and "Mikrotik" in page.content.decode()
    assert "0812" not in page.content.decode()  # contact (0812-…) is not shared
    vacancy_page = client.get(reverse("jobs:detail", args=[jember.company.code, vacancy.code]))
    assert cv in vacancy_page.content.decode()
    assert applicant_view(application)["alumnus_code"] == jember.alumnus.code


def test_a_hire_at_a_fair_becomes_a_placement_with_its_outcome_event(jember: Tenant) -> None:
    fair = make_fair(jember.school)
    registration = fair_services.fair_alumnus_register(fair=fair, alumnus=jember.alumnus,
                                                       actor=None)  # fmt: skip
    fair_services.fair_company_register(fair=fair, company=jember.company, actor=None)
    started(fair)
    fair_services.attendance_set(fair=fair, actor=None, present=True, registration=registration)
    fair_services.fair_hire_record(
        fair=fair, alumnus=jember.alumnus, company=jember.company, job_title="Teknisi",
        start_date=timezone.localdate(), actor=jember.bkk,
    )  # fmt: skip
    placement = Placement.objects.get(alumnus=jember.alumnus)
    assert placement.employer == jember.company.name and placement.kind == Placement.Kind.AKL
    assert placement.recorded_by_org == jember.school
    event = OutcomeEvent.objects.get(alumnus=jember.alumnus)
    assert event.source == Source.PLACEMENT and event.work_region_id == jember.region


def _vacancy(t: Tenant, openings: int, opens: dt.date, closes: dt.date, sex: str = "") -> Vacancy:
    vacancy = post(t, openings=openings, sex=sex)
    Vacancy.objects.filter(pk=vacancy.pk).update(opens_on=opens, closes_on=closes)
    vacancy.refresh_from_db()
    return vacancy


def _place(t: Tenant, vacancy: Vacancy, day: dt.date) -> None:
    placement_record(
        school=t.school, alumnus=t.alumnus, actor=t.bkk, recorded_by_org=t.school,
        employer="PT", start_date=day, work_region=Region.objects.get(code=t.region),
    )  # fmt: skip
    Placement.objects.filter(alumnus=t.alumnus).update(vacancy=vacancy)


def test_vacancy_table_balances_month_after_month(jember: Tenant) -> None:
    vet(jember)
    march, april = Period("month", dt.date(2026, 3, 1)), Period("month", dt.date(2026, 4, 1))
    men = _vacancy(jember, 3, dt.date(2026, 2, 20), dt.date(2026, 4, 10), sex="L")
    _vacancy(jember, 2, dt.date(2026, 3, 5), dt.date(2026, 3, 25))  # expires unfilled in March
    _place(jember, men, dt.date(2026, 3, 12))
    counts = vacancy_counts(jember.school, march)
    assert counts["L"] == {"start": 3, "registered": 0, "placed": 1, "removed": 0, "end": 2}
    assert counts["LP"] == {"start": 0, "registered": 2, "placed": 0, "removed": 2, "end": 0}
    next_month = vacancy_counts(jember.school, april)
    assert next_month["L"] == {"start": 2, "registered": 0, "placed": 0, "removed": 2, "end": 0}
    for period in (march, april):
        for measures in vacancy_counts(jember.school, period).values():
            assert (
                measures["start"]
                + measures["registered"]
                - measures["placed"]
                - measures["removed"]
                == measures["end"]
            )
    assert vacancy_table(jember.school, march)["no_data"] is False


def test_a_vacancy_marked_filled_leaves_the_balance(jember: Tenant) -> None:
    vet(jember)
    vacancy = _vacancy(jember, 4, dt.date(2026, 3, 2), dt.date(2026, 5, 30))
    vacancy_fill(
        vacancy=vacancy,
        actor=jember.recruiter,
        organisation=jember.company,
        filled_on=dt.date(2026, 3, 20),
    )
    counts = vacancy_counts(jember.school, Period("month", dt.date(2026, 3, 1)))["LP"]
    assert counts == {"start": 0, "registered": 4, "placed": 0, "removed": 4, "end": 0}


def test_a_vacancy_closing_on_the_last_day_is_not_carried_over(jember: Tenant) -> None:
    vet(jember)
    _vacancy(jember, 3, dt.date(2026, 3, 2), dt.date(2026, 3, 31))
    march = vacancy_counts(jember.school, Period("month", dt.date(2026, 3, 1)))["LP"]
    april = vacancy_counts(jember.school, Period("month", dt.date(2026, 4, 1)))["LP"]
    assert march == {"start": 0, "registered": 3, "placed": 0, "removed": 3, "end": 0}
    assert april["start"] == march["end"] == 0
