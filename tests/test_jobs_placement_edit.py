"""A BKK corrects a placement it recorded: audited field by field, the outcome event and the
registration it ended follow, and another school's placement answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jejak.audit.models import AuditEvent
from jejak.jobs.models import Placement
from jejak.jobs.services import placement_record
from jejak.reference.models import Region
from jejak.seekers.models import Registration, RegistrationSource
from jejak.seekers.services import registration_open
from tests.conftest import Tenant


def _placement(t: Tenant) -> Placement:
    registration_open(
        organisation=t.school, alumnus=t.alumnus, actor=t.bkk, source=RegistrationSource.BKK,
        registered_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    return placement_record(
        school=t.school, alumnus=t.alumnus, actor=t.bkk, recorded_by_org=t.school,
        employer="PT Sinar", start_date=dt.date(2026, 7, 1),
        work_region=Region.objects.get(code=t.region),
    )  # fmt: skip


@pytest.mark.django_db
def test_the_bkk_fills_kbli_and_kbji_of_a_returned_placement(login: Any, jember: Tenant) -> None:
    placement = _placement(jember)
    client = login(jember.bkk)
    url = reverse("jobs:placement_edit", args=[jember.school.code, placement.code])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url + "?next=https://evil.example/", {
        "employer": "PT Sinar Jaya", "job_title": "Operator", "kbli": "10792", "occupation": "8",
        "work_region": jember.region, "start_date": "2026-07-06", "formal": "1",
    })  # fmt: skip
    assert response.status_code == 302 and "evil" not in response["Location"]
    placement.refresh_from_db()
    assert (placement.kbli, placement.industry_id, placement.occupation_id) == ("10792", "C", "8")
    assert placement.formal is True and placement.start_date == dt.date(2026, 7, 6)
    event = placement.outcome_event
    assert (event.employer, event.industry_id, event.start_date) == (
        "PT Sinar Jaya", "C", dt.date(2026, 7, 6))  # fmt: skip
    registration = Registration.objects.get(alumnus=jember.alumnus)
    assert registration.ended_on == dt.date(2026, 7, 6)
    audit = AuditEvent.objects.get(action="placement.updated")
    assert set(audit.changes) >= {"employer", "kbli", "occupation", "start_date", "formal"}
    assert audit.changes["employer"] == ["PT Sinar", "PT Sinar Jaya"]


@pytest.mark.django_db
def test_a_bad_kbli_is_refused_with_its_message(login: Any, jember: Tenant) -> None:
    placement = _placement(jember)
    client = login(jember.bkk)
    url = reverse("jobs:placement_edit", args=[jember.school.code, placement.code])
    response = client.post(url, {"employer": "PT Sinar", "kbli": "X9", "work_region": jember.region,
                                 "start_date": "2026-07-01", "formal": "0"})  # fmt: skip
    assert response.status_code == 422 and "X9" in response.content.decode()


@pytest.mark.django_db
def test_another_schools_placement_is_not_found(
    login: Any, jember: Tenant, bandung: Tenant
) -> None:
    placement = _placement(bandung)
    client = login(jember.bkk)
    url = reverse("jobs:placement_edit", args=[jember.school.code, placement.code])
    assert client.get(url).status_code == 404
    assert client.post(url, {"employer": "x"}).status_code == 404
