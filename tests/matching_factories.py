"""A hand-built pool for the matching tests: seekers and vacancies with named differences."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Vacancy, VacancyTarget
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.lookup import find_major_id, major_lookup_table
from jejak.reference.models import Major
from jejak.seekers.models import Registration
from tests.conftest import Tenant


def major(text: str) -> int:
    """A major by what a school types (abbreviation, 2022 name or 2018 name)."""
    found = find_major_id(text, major_lookup_table())
    assert found is not None, text
    return found


def major_by_code(code: str) -> int:
    return Major.objects.get(code=code).pk


def person(
    org: Organisation, nisn: str, *, sex: str = "P", born: dt.date | None = dt.date(2006, 5, 1),
    cohort: int | None = None, major_id: int | None = None, **extra: Any,
) -> Alumnus:  # fmt: skip
    return Alumnus.objects.create(
        organisation=org, nisn=nisn, name=f"Orang {nisn}", sex=sex, birth_date=born,
        cohort=cohort or timezone.localdate().year - 1, major_id=major_id or major("TKJ"),
        **extra,
    )  # fmt: skip


def register(alumnus: Alumnus, bkk: Organisation | None = None, **extra: Any) -> Registration:
    extra.setdefault("education", "SMK")
    return Registration.objects.create(
        organisation=bkk or alumnus.organisation, alumnus=alumnus,
        registered_on=timezone.localdate() - dt.timedelta(days=10), source="bkk", **extra,
    )  # fmt: skip


def seeker(org: Organisation, nisn: str, registration: dict | None = None, **extra: Any) -> Alumnus:
    alumnus = person(org, nisn, **extra)
    register(alumnus, **(registration or {}))
    return alumnus


def outcome(alumnus: Alumnus, activity: str, days_ago: int, **extra: Any) -> OutcomeEvent:
    moment = timezone.now() - dt.timedelta(days=days_ago)
    return OutcomeEvent.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, activity=activity,
        start_date=moment.date(), reported_at=moment, source="bkk", **extra,
    )  # fmt: skip


def vacancy(t: Tenant, *, majors: list[int] | None = None, **fields: Any) -> Vacancy:
    """An open vacancy the tenant's BKK posts for its company, shared with its own school."""
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": "Teknisi", "openings_any": 2, "opens_on": today - dt.timedelta(days=1),
        "closes_on": today + dt.timedelta(days=30), "education": "SMK",
        "work_region_id": t.region,
    }  # fmt: skip
    values.update(fields)
    found = Vacancy(company=t.company, posted_by_org=t.school, openings=0, **values)
    found.save()
    found.majors.set(majors if majors is not None else [major("TKJ")])
    VacancyTarget.objects.create(vacancy=found, school=t.school)
    return found
