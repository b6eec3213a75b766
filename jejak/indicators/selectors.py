"""Reads for indicator pages: figures served from rollups, never from raw rows on a view.

Each function takes the schools in scope (already resolved from the viewer's access) first.
Nothing is recomputed on a page: a stale or missing rollup waits for the scheduler's periodic
refresh pass, and the page shows the figures it has, their age, and that fresher ones come.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet

from jejak.alumni.models import Alumnus
from jejak.indicators.compute import Tally, figures, with_definitions
from jejak.indicators.models import AreaRollup, Rollup, RollupState, Split
from jejak.organisations.models import Organisation


def area_schools(office: Organisation) -> QuerySet[Organisation]:
    """Schools in an office's area (regencies, or every regency of a province)."""
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, region_id__in=office.area_regency_codes()
        )
        .select_related("region")
        .order_by("name")
    )


@dataclass
class Freshness:
    """How current the figures of a scope are: how many schools wait for a refresh (stale
    or never computed) and when the oldest figures shown were computed (None: none yet)."""

    waiting: int
    computed_at: dt.datetime | None

    def __bool__(self) -> bool:  # templates ask `{% if waiting %}`
        return self.waiting > 0


def freshness(schools: Sequence[Organisation], cohort: int) -> Freshness:
    """How current the scope's rollups are; a school never computed is marked stale so the
    next refresh pass computes it. Never recomputes (a page must not wait for it)."""
    states = dict(
        RollupState.objects.filter(
            organisation_id__in=[s.pk for s in schools], cohort=cohort
        ).values_list("organisation_id", "stale")
    )
    missing = [s for s in schools if s.pk not in states]
    if missing:
        RollupState.objects.bulk_create(
            [RollupState(organisation_id=s.pk, cohort=cohort, province_code=s.province_code)
             for s in missing],
            ignore_conflicts=True,
        )  # fmt: skip
    oldest = RollupState.objects.filter(
        organisation_id__in=[s.pk for s in schools], cohort=cohort, computed_at__isnull=False
    ).aggregate(oldest=Min("computed_at"))["oldest"]
    waiting = len(missing) + sum(1 for stale in states.values() if stale)
    return Freshness(waiting=waiting, computed_at=oldest)


def school_figures(school_ids: Sequence[int], cohort: int) -> dict[int, dict[str, Any]]:
    """Each school's stored figures: a table of schools parses no histogram (nor the
    definition texts, stored once in code)."""
    rows = _rollups(school_ids, cohort, Split.ALL).values_list("organisation_id", "figures")
    return {school: with_definitions(stored) for school, stored in rows}


def _area_sum(regencies: Sequence[str], cohort: int, split: str) -> dict[str, Tally]:
    groups: dict[str, Tally] = {}
    rows = AreaRollup.objects.filter(regency_code__in=regencies, cohort=cohort, split=split)
    for value, tally in rows.values_list("split_value", "tally"):
        groups.setdefault(value, Tally()).add(Tally.from_json(tally))
    return groups


def area_total(regencies: Sequence[str], cohort: int) -> dict[str, Any]:
    """An office's whole area: the sum of its regencies' area rollups."""
    return figures(_area_sum(regencies, cohort, Split.ALL).get("", Tally()))


def area_split_figures(regencies: Sequence[str], cohort: int, split: str) -> dict[str, dict]:
    return {v: figures(t) for v, t in sorted(_area_sum(regencies, cohort, split).items())}


def area_by_regency(regencies: Sequence[str], cohort: int) -> dict[str, dict[str, Any]]:
    rows = AreaRollup.objects.filter(regency_code__in=regencies, cohort=cohort, split=Split.ALL)
    return {
        regency: with_definitions(stored)
        for regency, stored in sorted(rows.values_list("regency_code", "figures"))
    }


def _rollups(school_ids: Sequence[int], cohort: int, split: str) -> QuerySet[Rollup]:
    return Rollup.objects.filter(organisation_id__in=school_ids, cohort=cohort, split=split)


def tallies_by_school(school_ids: Sequence[int], cohort: int) -> dict[int, Tally]:
    return {
        org: Tally.from_json(tally)
        for org, tally in _rollups(school_ids, cohort, Split.ALL).values_list(
            "organisation_id", "tally"
        )
    }


def total_figures(school_ids: Sequence[int], cohort: int) -> dict[str, Any]:
    total = Tally()
    for tally in tallies_by_school(school_ids, cohort).values():
        total.add(tally)
    return figures(total)


def split_figures(school_ids: Sequence[int], cohort: int, split: str) -> dict[str, dict]:
    """Figures per split value (major id, class id, sex, disability), summed over schools."""
    groups: dict[str, Tally] = {}
    for value, tally in _rollups(school_ids, cohort, split).values_list("split_value", "tally"):
        groups.setdefault(value, Tally()).add(Tally.from_json(tally))
    return {value: figures(tally) for value, tally in sorted(groups.items())}


def reference_dates(school_ids: Sequence[int], cohort: int) -> list[Any]:
    return sorted(
        set(_rollups(school_ids, cohort, Split.ALL).values_list("reference_date", flat=True))
    )


def school_cohorts(school: Organisation) -> list[int]:
    return sorted(
        Alumnus.objects.filter(organisation=school)
        .values_list("cohort", flat=True)
        .distinct()
        .order_by()
    )


def trend(schools: Sequence[Organisation], cohorts: Sequence[int]) -> list[tuple[int, dict]]:
    """The figures of each cohort, oldest first, from the rollups there are."""
    ids = [s.pk for s in schools]
    by_cohort: dict[int, Tally] = {}
    rows = Rollup.objects.filter(organisation_id__in=ids, cohort__in=cohorts, split=Split.ALL)
    for cohort, tally in rows.values_list("cohort", "tally"):
        by_cohort.setdefault(cohort, Tally()).add(Tally.from_json(tally))
    return [(c, figures(by_cohort.get(c, Tally()))) for c in sorted(cohorts)]


@dataclass
class Benchmark:
    """Where values sit among peers: quartiles and median, and how many peers had one."""

    count: int
    q1: float | None
    median: float | None
    q3: float | None


def benchmark(values: Sequence[float | None]) -> Benchmark:
    known = sorted(v for v in values if v is not None)
    if not known:
        return Benchmark(0, None, None, None)
    if len(known) == 1:
        return Benchmark(1, known[0], known[0], known[0])
    q1, median, q3 = statistics.quantiles(known, n=4, method="inclusive")
    return Benchmark(len(known), round(q1, 4), round(median, 4), round(q3, 4))


def position(value: float | None, bench: Benchmark, higher_is_better: bool = True) -> str:
    """Where a value stands among its peers, better or worse by the figure's direction:
    'best' (the best quarter), 'better' (better than the median), 'median', 'worse', 'worst'
    (the worst quarter); '' when there is nothing to compare."""
    if value is None or bench.median is None or bench.q1 is None or bench.q3 is None:
        return ""
    if value == bench.median:
        return "median"
    if higher_is_better:
        if value > bench.median:
            return "best" if value >= bench.q3 else "better"
        return "worst" if value < bench.q1 else "worse"
    if value < bench.median:
        return "best" if value <= bench.q1 else "better"
    return "worst" if value > bench.q3 else "worse"


def side(value: float | None, bench: Benchmark) -> str:
    """'above', 'below' or 'at' the peers' median, whatever the direction; '' if unknown."""
    if value is None or bench.median is None:
        return ""
    return "above" if value > bench.median else "below" if value < bench.median else "at"


def value_of(result: dict[str, Any], name: str) -> float | None:
    item = result.get(name)
    return item.get("value") if isinstance(item, dict) else item
