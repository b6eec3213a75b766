"""dashboard_scaling and pdf_report_s.

dashboard_scaling: the median time to render a regency office's indicator dashboard over
1,000,000 alumni (with their outcome events) divided by the same over 10,000, on SQLite.
Both regencies hold the same 200 schools and 5 cohorts; only the alumni per school grow
(10 vs 1,000 per school and cohort), so the ratio shows whether a view reads raw rows
(it would grow ~100x) or the rollup table (it should not grow). Goal <= 1.5.
pdf_report_s: seconds to produce one school's tracer report (PDF and XLSX) for a cohort of
1,000 alumni, figures included.
Data are written with bulk_create; rollups are then computed by the same refresh the
background task runs.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path
from typing import Any

SCHOOLS = 200
COHORTS = [2019, 2020, 2021, 2022, 2023]
SHOWN_COHORT = 2023
REPEATS = 7
ACTIVITIES = ["bekerja"] * 45 + ["melanjutkan"] * 15 + ["wirausaha"] * 9 + ["mencari_kerja"] * 22


def _schools(regency: str, label: str) -> list[Any]:
    from jejak.organisations.models import Organisation

    return [
        Organisation.objects.create(
            kind=Organisation.Kind.SCHOOL,
            name=f"SMK {label} {n:03d}",
            region_id=regency,
            npsn=f"{label[:1]}{regency[3:]}{n:05d}"[:8],
            status="negeri" if n % 4 == 0 else "swasta",
        )
        for n in range(SCHOOLS)
    ]


def _alumni(schools: list[Any], per_cohort: int, prefix: str) -> int:
    from jejak.alumni.models import Alumnus

    serial = 0
    for school in schools:
        rows = []
        for cohort in COHORTS:
            for _ in range(per_cohort):
                serial += 1
                rows.append(Alumnus(
                    code=f"{prefix}{serial:010d}", organisation=school, name=f"Alumni {serial}",
                    sex="L" if serial % 2 else "P", cohort=cohort,
                    disability="D" if serial % 97 == 0 else "",
                ))  # fmt: skip
        Alumnus.bulk_create_derived(rows, batch_size=5000)
    return serial


def _events(schools: list[Any], seed: int, prefix: str) -> None:
    from jejak.alumni.models import Alumnus
    from jejak.outcomes.models import OutcomeEvent

    rng = random.Random(seed)
    events: list[OutcomeEvent] = []
    alumni = Alumnus.objects.filter(organisation__in=schools).values_list(
        "id", "organisation_id", "cohort"
    )
    by_id = {school.pk: school for school in schools}
    for number, (pk, org, cohort) in enumerate(alumni.iterator(chunk_size=20000)):
        if rng.random() > 0.8:
            continue
        working = rng.choice(ACTIVITIES)
        events.append(OutcomeEvent(
            code=f"{prefix}e{number:09d}", organisation=by_id[org], alumnus_id=pk,
            activity=working, source="self",
            start_date=dt.date(cohort, 5, 31) + dt.timedelta(days=rng.randint(-30, 330)),
            work_region_id="35.09" if working == "bekerja" else None,
            income=rng.choice([2_000_000, 3_000_000, None]) if working == "bekerja" else None,
            alignment=rng.choice([None, 2, 3, 4]), formal=rng.random() < 0.6,
        ))  # fmt: skip
    OutcomeEvent.bulk_create_derived(events, batch_size=5000)


def _generate(schools: list[Any], per_cohort: int, seed: int, prefix: str) -> int:
    """Alumni and outcome events for every school and cohort, by bulk_create, in one
    transaction each (so SQLite writes each page once)."""
    from django.db import transaction

    with transaction.atomic():
        count = _alumni(schools, per_cohort, prefix)
    with transaction.atomic():
        _events(schools, seed, prefix)
    return count


def _rollups(schools: list[Any]) -> float:
    from jejak.indicators.rollups import refresh, refresh_areas

    start = time.perf_counter()
    refresh_areas([refresh(school, cohort) for school in schools for cohort in COHORTS])
    return time.perf_counter() - start


def _office(regency: str, label: str) -> tuple[Any, Any]:
    from jejak.accounts.models import Membership, Role, User
    from jejak.organisations.models import Organisation

    office = Organisation.objects.create(
        kind=Organisation.Kind.EDUCATION_OFFICE, name=f"Cabdin {label}", region_id=regency
    )
    office.area.set([regency])
    user = User.objects.create_user(email=f"{label}@bench.id", name=label, password="x" * 12)
    Membership.objects.create(user=user, organisation=office, role=Role.OFFICE_ANALYST)
    return office, user


def _render_times(office: Any, user: Any) -> list[float]:
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("indicators:office", args=[office.code]) + f"?cohort={SHOWN_COHORT}"
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    return times


def _pdf_seconds(school: Any) -> float:
    from jejak.indicators.models import ReportJob
    from jejak.indicators.reports import run_report_job

    job = ReportJob.objects.create(organisation=school, cohort=SHOWN_COHORT)
    start = time.perf_counter()
    run_report_job(job.code)
    return time.perf_counter() - start


def _fast_writes() -> None:
    """Generated data need no crash safety: no fsync, and a large page cache."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")


def run(work: Path) -> tuple[dict[str, float], dict[str, Any]]:
    from jejak.indicators.models import RollupState

    _fast_writes()

    small_schools, large_schools = _schools("35.10", "Kecil"), _schools("35.09", "Besar")
    started = time.perf_counter()
    small_alumni = _generate(small_schools, 10_000 // (SCHOOLS * len(COHORTS)), 1, "s")
    large_alumni = _generate(large_schools, 1_000_000 // (SCHOOLS * len(COHORTS)), 2, "b")
    generated = time.perf_counter() - started
    rollup_small, rollup_large = _rollups(small_schools), _rollups(large_schools)
    assert not RollupState.objects.filter(stale=True).exists()
    small = _render_times(*_office("35.10", "kecil"))
    large = _render_times(*_office("35.09", "besar"))
    pdf = _pdf_seconds(large_schools[0])
    ratio = statistics.median(large) / statistics.median(small)
    details = {
        "schools_per_regency": SCHOOLS, "cohorts": COHORTS,
        "alumni_small": small_alumni, "alumni_large": large_alumni,
        "render_small_seconds": [round(s, 4) for s in small],
        "render_large_seconds": [round(s, 4) for s in large],
        "render_small_median_s": round(statistics.median(small), 4),
        "render_large_median_s": round(statistics.median(large), 4),
        "generate_seconds": round(generated, 1),
        "rollup_seconds_small": round(rollup_small, 1),
        "rollup_seconds_large": round(rollup_large, 1),
        "pdf_cohort_alumni": 1_000_000 // (SCHOOLS * len(COHORTS)),
        "goal": "dashboard_scaling <= 1.5",
    }  # fmt: skip
    return {"dashboard_scaling": round(ratio, 2), "pdf_report_s": round(pdf, 2)}, details
