"""ipk_month_s, ipk_region_scaling: the IPK III tables' cost.

- ipk_month_s: seconds to compute one BKK's eight tables for a month, live from a register
  of 2,000 registered job seekers (about a third placed, a quarter removed, jobs sought coded)
  and 60 vacancies with placements: what `ipk_report --bkk` and a report generation do.
- ipk_region_scaling: a regency's tables summed over 180 BKKs from their stored period
  figures, per BKK, over one BKK's live computation. Well under 1 means the sum reads the
  stored figures instead of recomputing every registration; the details carry the seconds
  and the sum's query count (constant in the number of BKKs).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from bench.timing import median_seconds

SEEKERS = 2_000
BKKS = 180
REGENCY = "35.10"
MONTH = dt.date(2026, 3, 1)


def _register(school: Any, rng: random.Random) -> None:
    from jejak.alumni.models import Alumnus
    from jejak.jobs.models import Placement, Vacancy
    from jejak.organisations.models import Organisation
    from jejak.reference.models import Occupation
    from jejak.seekers.models import REMOVAL_REASONS, EndReason, Registration

    province = school.province_code
    people = Alumnus.objects.bulk_create([
        Alumnus(organisation=school, province_code=province, name=f"Pencaker {i}",
                sex=rng.choice("LP"), cohort=2024, birth_date=dt.date(2005, 1 + i % 12, 1))
        for i in range(SEEKERS)
    ])  # fmt: skip
    registrations = []
    for person in people:
        registered = MONTH - dt.timedelta(days=rng.randint(-25, 400))
        ended = registered + dt.timedelta(days=rng.randint(5, 300))
        draw = rng.random()
        reason = EndReason.PLACED if draw < 0.33 else rng.choice(REMOVAL_REASONS)
        registrations.append(Registration(
            organisation=school, province_code=province, alumnus=person, source="import",
            registered_on=registered, education=rng.choice(["SMK", "SMK", "SMA"]),
            ended_on=ended if draw < 0.6 else None, end_reason=reason if draw < 0.6 else "",
        ))  # fmt: skip
    Registration.objects.bulk_create(registrations)
    codes = list(Occupation.objects.filter(parent=None).values_list("code", flat=True))
    through = Registration.occupations_sought.through
    through.objects.bulk_create([
        through(registration_id=r.pk, occupation_id=rng.choice(codes)) for r in registrations
    ])  # fmt: skip
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="PT Bench", region_id=school.region_id
    )
    for index in range(60):
        opened = MONTH - dt.timedelta(days=rng.randint(-20, 120))
        vacancy = Vacancy.objects.create(
            company=company, posted_by_org=school, title=f"Lowongan {index}", openings=0,
            openings_male=rng.randint(0, 3), openings_female=rng.randint(0, 3), openings_any=2,
            opens_on=opened, closes_on=opened + dt.timedelta(days=45), occupation_id="7",
            industry_id="C",
        )  # fmt: skip
        for person in rng.sample(people, 2):
            Placement.objects.create(
                organisation=school, alumnus=person, vacancy=vacancy, employer="PT Bench",
                kind="AKL", start_date=opened + dt.timedelta(days=10), follow_up_on=opened,
                work_region_id=school.region_id,
            )  # fmt: skip


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from django.db import connection
    from django.utils import timezone

    from jejak.bkkreports import figures
    from jejak.bkkreports.models import PeriodFigures
    from jejak.bkkreports.periods import Period
    from jejak.organisations.models import Bkk, Organisation

    rng = random.Random(2026)
    period = Period("month", MONTH)
    school = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL, name="SMK Bench 0", region_id=REGENCY, npsn="99100000"
    )
    Bkk.objects.create(organisation=school)
    _register(school, rng)
    month_s = median_seconds(lambda: figures.chained_tables(school, period))
    tables = figures.live_tables(school, period)
    assert not figures.ipk.balance_problems(tables)

    others = Organisation.objects.bulk_create([
        Organisation(kind=Organisation.Kind.SCHOOL, name=f"SMK Bench {i}", region_id=REGENCY,
                     province_code=REGENCY[:2], npsn=f"991{i:05d}")
        for i in range(1, BKKS)
    ])  # fmt: skip
    Bkk.objects.bulk_create([Bkk(organisation=o, province_code=o.province_code) for o in others])
    now = timezone.now()
    PeriodFigures.objects.bulk_create([
        PeriodFigures(organisation=o, province_code=o.province_code, period_kind=period.kind,
                      period_start=period.start, tables=tables, computed_at=now, frozen_at=now)
        for o in [school, *others]
    ])  # fmt: skip
    region_s = median_seconds(lambda: figures.region_tables(REGENCY, period))
    queries: list[str] = []
    with connection.execute_wrapper(lambda run, sql, *rest: queries.append(sql) or run(sql, *rest)):
        summed = figures.region_tables(REGENCY, period)
    jumlah = next(r for r in summed["III/1"] if r["group"] == "JUMLAH")
    one = next(r for r in tables["III/1"] if r["group"] == "JUMLAH")
    assert jumlah["sisa_akhir_L"] == BKKS * one["sisa_akhir_L"]
    per_bkk = region_s / BKKS
    metrics = {"ipk_month_s": round(month_s, 3), "ipk_region_scaling": round(per_bkk / month_s, 4)}
    details = {"seekers": SEEKERS, "bkks": BKKS, "one_bkk_live_s": round(month_s, 4),
               "region_sum_s": round(region_s, 4), "region_per_bkk_s": round(per_bkk, 5),
               "region_sum_queries": len(queries)}  # fmt: skip
    return metrics, details
