"""Register histories for the IPK III tests: job seekers registered, placed and removed, and
vacancies registered, filled and closed, written through the same services the pages use."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Placement, Vacancy
from jejak.jobs.services import placement_record
from jejak.reference.models import Industry, Major, Occupation, Region
from jejak.seekers.models import REMOVAL_REASONS, EndReason, Registration, RegistrationSource
from jejak.seekers.services import registration_end, registration_open
from tests.conftest import Tenant

D = dt.date
BORN = D(2007, 8, 17)


def person(t: Tenant, name: str, sex: str = "P", born: dt.date | None = BORN) -> Alumnus:
    return Alumnus.objects.create(
        organisation=t.school, name=name, sex=sex, cohort=2025, birth_date=born,
        major_id=t.alumnus.major_id,
    )  # fmt: skip


def register(
    t: Tenant, who: Alumnus, day: dt.date, *, education: str = "SMK", kbji: list[str] | None = None,
    major: Major | None = None,
) -> Registration:  # fmt: skip
    major_id = major.pk if major else (who.major_id if education == "SMK" else None)
    return registration_open(
        organisation=t.school, alumnus=who, actor=t.bkk, source=RegistrationSource.BKK,
        registered_on=day, education=education, major_id=major_id,
        occupations_sought=[Occupation.objects.get(code=c) for c in kbji or []],
    )  # fmt: skip


def remove(registration: Registration, day: dt.date, reason: str = EndReason.EXPIRED) -> None:
    registration_end(registration=registration, actor=None, ended_on=day, reason=reason)


def place(
    t: Tenant, who: Alumnus, day: dt.date, *, vacancy: Vacancy | None = None,
    industry: str | None = "C", region: str | None = None,
) -> Placement:  # fmt: skip
    placement = placement_record(
        school=t.school, alumnus=who, actor=t.bkk, recorded_by_org=t.school, employer="PT Maju",
        start_date=day, work_region=Region.objects.get(code=region or t.region),
        industry=Industry.objects.get(code=industry) if industry else None,
    )  # fmt: skip
    if vacancy is not None:
        Placement.objects.filter(pk=placement.pk).update(vacancy=vacancy)
    return placement


def vacancy(
    t: Tenant, day: dt.date, closes: dt.date, *, male: int = 0, female: int = 0, either: int = 0,
    kbji: str | None = "7", industry: str | None = "C", education: str = "SMK",
    majors: list[Major] | None = None, **more: Any,
) -> Vacancy:  # fmt: skip
    """A vacancy the BKK registered for its partner company."""
    found = Vacancy.objects.create(
        company=t.company, posted_by_org=t.school, title="Operator", openings=0,
        openings_male=male, openings_female=female, openings_any=either, opens_on=day,
        closes_on=closes, education=education,
        occupation=Occupation.objects.get(code=kbji) if kbji else None,
        industry=Industry.objects.get(code=industry) if industry else None, **more,
    )  # fmt: skip
    found.majors.set(majors or [])
    return found


def random_history(t: Tenant, seed: int, people: int = 60) -> None:
    """Registrations over 2025-2026 with placements, removals and vacancies, some of every
    kind of missing code."""
    rng = random.Random(seed)
    base = D(2025, 10, 1)
    codes = [c for c in Occupation.objects.filter(parent=None).values_list("code", flat=True)]
    for index in range(people):
        who = person(t, f"Pencaker {seed}-{index}", rng.choice("LP"),
                     rng.choice([D(2007, 1, 5), D(2000, 6, 1), D(1985, 3, 3), None]))  # fmt: skip
        day = base + dt.timedelta(days=rng.randint(0, 330))
        education = rng.choice(["SMK", "SMK", "SMA", "D3"])
        kbji = rng.sample(codes, rng.randint(0, 2))
        registration = register(t, who, day, education=education, kbji=kbji)
        ending = rng.random()
        later = day + dt.timedelta(days=rng.randint(0, 200))
        if ending < 0.35:
            place(t, who, later, industry=rng.choice(["C", "G", None]),
                  region=rng.choice([t.region, "32.04"]))  # fmt: skip
        elif ending < 0.6:
            remove(registration, later, rng.choice(REMOVAL_REASONS))
    for index in range(12):
        day = base + dt.timedelta(days=rng.randint(0, 300))
        found = vacancy(
            t, day, day + dt.timedelta(days=rng.randint(5, 90)), male=rng.randint(0, 3),
            female=rng.randint(0, 3), either=rng.randint(0, 4),
            kbji=rng.choice(["7", "4", None]), industry=rng.choice(["C", "I", None]),
            education=rng.choice(["SMK", "SMA"]),
        )  # fmt: skip
        for _fill in range(rng.randint(0, 3)):
            who = person(t, f"Pekerja {seed}-{index}-{_fill}", rng.choice("LP"))
            place(t, who, day + dt.timedelta(days=rng.randint(0, 100)), vacancy=found)
