"""Demo job-seeker register and coded vacancies for one BKK, so its IPK III tables have
content: about forty registrations over the last ten months (most SMK, some SMA and D3, jobs
sought coded KBJI, a few left uncoded for the fix list), about a third placed with a placement
record, a quarter removed, and vacancies the BKK registered for partner companies, coded KBJI
and KBLI, positions split L/P/either, some filled by placements."""

from __future__ import annotations

import datetime as dt
import random

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Placement, Vacancy
from jejak.organisations.models import Organisation
from jejak.reference.models import Occupation
from jejak.seekers.models import REMOVAL_REASONS, EndReason, Registration, RegistrationSource

JOBS = [
    ("7", "C", "Operator Produksi"), ("8", "C", "Operator Mesin"), ("5", "G", "Pramuniaga"),
    ("4", "K", "Staf Administrasi"), ("3", "J", "Teknisi Jaringan"), ("5", "I", "Pramusaji"),
]  # fmt: skip
REGIONS = ["35.09", "35.09", "35.09", "35.78", "32.15"]


def seed_register(rng: random.Random, school: Organisation, today: dt.date) -> None:
    if Registration.objects.filter(organisation=school).exists():
        return
    alumni = list(Alumnus.objects.filter(organisation=school).order_by("-cohort", "pk")[:40])
    occupations = {o.code: o for o in Occupation.objects.filter(parent=None)}
    for index, person in enumerate(alumni):
        _one(rng, school, person, index, today, occupations)
    _vacancies(rng, school, today, occupations, alumni)


def _one(
    rng: random.Random, school: Organisation, person: Alumnus, index: int, today: dt.date,
    occupations: dict[str, Occupation],
) -> None:  # fmt: skip
    registered = today - dt.timedelta(days=rng.randint(20, 300))
    education = rng.choice(["SMK"] * 6 + ["SMA", "D3"])
    registration = Registration.objects.create(
        organisation=school, alumnus=person, registered_on=registered, education=education,
        major_id=person.major_id if education == "SMK" else None,
        ak1_number=f"AK1/{school.region_id}/{registered.year}/{index + 1:04d}",
        source=RegistrationSource.BKK,
    )  # fmt: skip
    code, section, _title = rng.choice(JOBS)
    if index % 9 != 4:  # a few left uncoded: the fix list has something to show
        registration.occupations_sought.add(occupations[code])
    ended = registered + dt.timedelta(days=rng.randint(14, 150))
    if ended >= today:
        return
    draw = rng.random()
    if draw < 0.35:
        region = rng.choice(REGIONS)
        placement = Placement.objects.create(
            organisation=school, alumnus=person, employer=f"PT Mitra {section}",
            industry_id=section, occupation=occupations[code], job_title=_title,
            work_region_id=region, kind="AKL" if region[:2] == school.province_code else "AKAD",
            start_date=ended, follow_up_on=ended + dt.timedelta(days=90), formal=True,
            recorded_by_org=school,
        )  # fmt: skip
        registration.ended_on, registration.end_reason = ended, EndReason.PLACED
        registration.placement = placement
    elif draw < 0.6:
        registration.ended_on, registration.end_reason = ended, rng.choice(REMOVAL_REASONS)
    registration.save()


def _vacancies(
    rng: random.Random, school: Organisation, today: dt.date,
    occupations: dict[str, Occupation], alumni: list[Alumnus],
) -> None:  # fmt: skip
    company = (
        Organisation.objects.filter(kind=Organisation.Kind.COMPANY,
                                    province_code=school.province_code)
        .order_by("pk").first()
    )  # fmt: skip
    if company is None:
        return
    for index in range(8):
        code, section, title = JOBS[index % len(JOBS)]
        registered = today - dt.timedelta(days=rng.randint(10, 280))
        vacancy = Vacancy.objects.create(
            company=company, posted_by_org=school, title=title, openings=0,
            openings_male=rng.randint(0, 3), openings_female=rng.randint(0, 3),
            openings_any=rng.randint(1, 4), opens_on=registered,
            closes_on=registered + dt.timedelta(days=rng.randint(20, 60)),
            education="SMK", occupation=occupations[code] if index != 5 else None,
            industry_id=section, kbli="", work_region_id=school.region_id,
            external_code=f"LOK-{index + 1:03d}",
        )  # fmt: skip
        for person in rng.sample(alumni, k=min(len(alumni), rng.randint(0, 2))):
            Placement.objects.create(
                organisation=school, alumnus=person, vacancy=vacancy, employer=company.name,
                industry_id=section, occupation=occupations[code], job_title=title,
                work_region_id=school.region_id, kind="AKL",
                start_date=min(registered + dt.timedelta(days=rng.randint(5, 20)), today),
                follow_up_on=today, formal=True, recorded_by_org=school,
            )  # fmt: skip
