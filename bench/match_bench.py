"""match_vacancy_ms_ratio and supply_demand_s.

Matching one vacancy (posted to a whole province by a trusted company, for one konsentrasi)
against a province of LARGE alumni (a tenth of them looking: half registered job seekers, half
agreed with a latest outcome "mencari kerja"), over the same
against a province of LARGE / 100: the hard conditions run in the database, so the time must
grow far slower than the pool (goal <= 3). MATCH_BENCH_ALUMNI sets LARGE: 100,000 by default
(quick), 1,000,000 for the issue's figure. Then supply_demand for the large province.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

LARGE = int(os.environ.get("MATCH_BENCH_ALUMNI", "100000"))
SCHOOLS = 100
LOOKING_SHARE = 10  # one in ten is looking: registered as a job seeker, or (one in twenty
# of all) not registered but agreed, their latest outcome "mencari kerja" (both ways of looking
# the engine reads, so both are timed)
BATCH = 5000


def _province(code: str, alumni: int, rng: random.Random) -> Any:
    """Schools, alumni and open registrations in province `code`; returns the vacancy."""
    from django.utils import timezone

    from jejak.alumni.models import Alumnus
    from jejak.companies.models import Vetting
    from jejak.jobs.models import Vacancy, VacancyTarget
    from jejak.organisations.models import Organisation
    from jejak.reference.models import Major, Region
    from jejak.seekers.models import Registration

    regencies = list(Region.objects.filter(parent_id=code).values_list("code", flat=True))
    konsentrasi = list(Major.objects.filter(level="konsentrasi").values_list("pk", flat=True))
    schools = [
        Organisation.objects.create(
            kind=Organisation.Kind.SCHOOL,
            name=f"SMK Bench {code}-{i}",
            region_id=regencies[i % len(regencies)],
            npsn=f"9{code}{i:05d}",
        )
        for i in range(SCHOOLS)
    ]
    today = timezone.localdate()
    people = []
    for n in range(alumni):
        school = schools[n % SCHOOLS]
        people.append(Alumnus(
            organisation=school, province_code=code, nisn=f"{code}{n:08d}", name=f"A {n}",
            sex="LP"[n % 2], cohort=today.year - rng.randint(0, 6),
            birth_date=dt.date(today.year - rng.randint(18, 30), 1, 1),
            major_id=rng.choice(konsentrasi), region_id=school.region_id,
        ))  # fmt: skip
        looking = rng.randrange(2 * LOOKING_SHARE)
        people[-1].bench_looking = {0: "registered", 1: "outcome"}.get(looking, "")
        if looking == 1:
            people[-1].consent = "given"
        if len(people) == BATCH:
            _save(Alumnus, Registration, people, today, rng)
            people = []
    _save(Alumnus, Registration, people, today, rng)
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name=f"PT Bench {code}", region_id=regencies[0]
    )
    Vetting.objects.create(company=company, organisation=schools[0], nib="1234567890123")
    vacancy = Vacancy(
        company=company, posted_by_org=company, title="Teknisi Jaringan", openings_any=5,
        openings=0, opens_on=today, closes_on=today + dt.timedelta(days=30), education="SMK",
        work_region_id=regencies[0], skills="Mikrotik, SIM C", occupation_id="3",
    )  # fmt: skip
    vacancy.save()
    vacancy.majors.set([rng.choice(konsentrasi)])
    VacancyTarget.objects.create(vacancy=vacancy, region_id=code)
    return vacancy


def _save(Alumnus: Any, Registration: Any, people: list, today: dt.date, rng: Any) -> None:
    from django.utils import timezone

    from jejak.outcomes.models import OutcomeEvent

    created = Alumnus.objects.bulk_create(people, batch_size=BATCH)
    if created and created[0].pk is None:  # backends that return no keys
        kinds = {p.nisn: p.bench_looking for p in people}
        created = list(Alumnus.objects.filter(nisn__in=list(kinds)))
        for a in created:
            a.bench_looking = kinds[a.nisn]
    registrations = [
        Registration(
            organisation_id=a.organisation_id,
            province_code=a.province_code,
            alumnus_id=a.pk,
            registered_on=today - dt.timedelta(days=rng.randint(1, 300)),
            education="SMK",
            major_id=a.major_id,
            skills="Mikrotik, jaringan",
            source="import",
        )
        for a in created
        if a.bench_looking == "registered"
    ]
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    now = timezone.now()
    events = [
        OutcomeEvent(
            organisation_id=a.organisation_id,
            province_code=a.province_code,
            alumnus_id=a.pk,
            activity="mencari_kerja",
            start_date=today - dt.timedelta(days=rng.randint(1, 300)),
            source="bkk",
            reported_at=now,
        )
        for a in created
        if a.bench_looking == "outcome"
    ]
    OutcomeEvent.objects.bulk_create(events, batch_size=BATCH)


RUNS = 7


def _time_both(small: Any, large: Any) -> tuple[float, float, int, int]:
    """Median seconds of matching each vacancy, warm: one untimed run each first (caches, the
    query plans), then RUNS rounds that time the small and the large province one after the
    other, so a burst of load on the shared machine hits both sides alike."""
    from jejak.matching.engine import match_vacancy

    small_n = match_vacancy(small).eligible
    large_n = match_vacancy(large).eligible
    samples: dict[str, list[float]] = {"small": [], "large": []}
    for _ in range(RUNS):
        for name, vacancy in (("small", small), ("large", large)):
            start = time.perf_counter()
            match_vacancy(vacancy)
            samples[name].append(time.perf_counter() - start)
    return (statistics.median(samples["small"]), statistics.median(samples["large"]),
            small_n, large_n)  # fmt: skip


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from django.db import connection

    from jejak.matching.supply import supply_demand

    rng = random.Random(2026)
    started = time.perf_counter()
    large = _province("35", LARGE, rng)
    small = _province("32", LARGE // 100, rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    load_before = os.getloadavg()[0]
    small_s, large_s, small_n, large_n = _time_both(small, large)
    load_after = os.getloadavg()[0]
    start = time.perf_counter()
    table = supply_demand(region="35", year=dt.date.today().year - 1, by="konsentrasi")
    supply_s = time.perf_counter() - start
    metrics = {
        "match_vacancy_ms_ratio": round(large_s / small_s, 2),
        "supply_demand_s": round(supply_s, 3),
    }
    details = {
        "alumni_large": LARGE, "alumni_small": LARGE // 100, "database": connection.vendor,
        "match_large_ms": round(large_s * 1000, 1), "match_small_ms": round(small_s * 1000, 1),
        "eligible_large": large_n, "eligible_small": small_n,
        "supply_rows": len(table.rows), "build_s": round(built, 1),
        "runs": RUNS, "load_1m": [round(load_before, 2), round(load_after, 2)],
        "goal": "match_vacancy_ms_ratio <= 3",
    }  # fmt: skip
    return metrics, details
