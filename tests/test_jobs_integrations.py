"""The job exchange plugged into profiles and fairs."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from jejak.fairs import services as fair_services
from jejak.jobs.models import Placement
from jejak.jobs.selectors import applicant_view
from jejak.jobs.services import application_submit
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.profiles.services import profile_update, sharing_set
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
