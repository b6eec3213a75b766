"""Read a cohort's rows for compute.py in a handful of queries, whatever the cohort's size.

One query each for graduation dates, alumni, outcome events, submitted responses and UMK
values; nothing per alumnus. Plain values() tuples, so SQLite and PostgreSQL read alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from jejak.alumni.models import Alumnus
from jejak.indicators.compute import AlumnusRow, Event, UmkLookup
from jejak.indicators.minimum_wage import in_force_lookup
from jejak.indicators.models import Umk
from jejak.organisations.models import Organisation
from jejak.outcomes.models import OutcomeEvent
from jejak.reference.disability import has_disability
from jejak.tracer.models import DEFAULT_GRADUATION, GraduationDate, Response


def graduation_dates(school_ids: Sequence[int], cohort: int) -> dict[int, dt.date]:
    """Each school's graduation day for the cohort (31 May unless the school set one)."""
    found = dict(
        GraduationDate.objects.filter(organisation_id__in=school_ids, cohort=cohort).values_list(
            "organisation_id", "date"
        )
    )
    default = dt.date(cohort, *DEFAULT_GRADUATION)
    return {school: found.get(school, default) for school in school_ids}


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def umk_lookup() -> UmkLookup:
    """The minimum wage in force by (workplace region, year): the regency's latest UMK set in
    that year or before, else its province's UMP (see minimum_wage.in_force_lookup)."""
    return in_force_lookup(Umk.objects.values_list("region_id", "year", "amount", "kind"))


def load_rows(
    schools: Sequence[Organisation], cohort: int, as_of: dt.date | None = None
) -> list[AlumnusRow]:
    """Every alumnus of `cohort` in `schools`, with submitted flag and outcome events.

    The reference date is `as_of` for everyone, or each school's default: one year after
    its graduation date for the cohort.
    """
    by_id = {s.pk: s for s in schools}
    ids = list(by_id)
    graduated = graduation_dates(ids, cohort)
    rows: dict[int, AlumnusRow] = {}
    alumni = Alumnus.objects.filter(organisation_id__in=ids, cohort=cohort).values_list(
        "id", "organisation_id", "sex", "disability", "major_id", "school_class_id"
    )
    for pk, school, sex, disability, major, klass in alumni.iterator(chunk_size=5000):
        rows[pk] = AlumnusRow(
            school=school, cohort=cohort, graduation=graduated[school],
            reference=as_of or one_year_after(graduated[school]),
            school_province=by_id[school].province_code, sex=sex,
            disability=has_disability(disability), major=major, school_class=klass,
        )  # fmt: skip
    _attach_events(rows, ids, cohort)
    _mark_submitted(rows, ids, cohort)
    return list(rows.values())


def _attach_events(rows: dict[int, AlumnusRow], ids: list[int], cohort: int) -> None:
    events = OutcomeEvent.objects.filter(
        alumnus__organisation_id__in=ids, alumnus__cohort=cohort
    ).values_list(
        "alumnus_id", "activity", "start_date", "recorded_at", "source", "work_region_id",
        "work_country", "formal", "income", "alignment", "occupation_id", "industry_id",
        "reported_at", "id", "alongside_id", "employment_status", "first_job_start",
        "job_changes",
    )  # fmt: skip
    values: Any
    for values in events.iterator(chunk_size=5000):
        row = rows.get(values[0])
        if row is None:
            continue
        act, start, at, source, region, country, formal, income, align, kbji, kbli = values[1:12]
        reported, pk, alongside, employment, first_start, changes = values[12:]
        row.events.append(
            Event(
                activity=act,
                start_date=start,
                recorded_at=at,
                source=source,
                work_region=region,
                work_country=country or "",
                formal=formal,
                income=income,
                alignment=align,
                kbji=kbji or "",
                kbli=kbli or "",
                reported_at=reported,
                report=alongside or pk,  # concurrent events share their main event's report
                employment_status=employment or "",
                first_job_start=first_start,
                job_changes=changes,
            )
        )


def _mark_submitted(rows: dict[int, AlumnusRow], ids: list[int], cohort: int) -> None:
    """Participation counts a submitted response in a campaign whose cohorts include C."""
    responses = Response.objects.filter(
        alumnus__organisation_id__in=ids, alumnus__cohort=cohort, state=Response.State.SUBMITTED
    ).values_list("alumnus_id", "campaign__cohorts")
    for alumnus, cohorts in responses.iterator(chunk_size=5000):
        if alumnus in rows and cohort in (cohorts or []):
            rows[alumnus].submitted = True
