"""How the job exchange plugs into the IPK III reports, which are built without knowing of
vacancies: IPK III/4 counts the vacancies posted to a BKK, by the sex they ask for, through
the source this module registers when the app starts (JobsConfig.ready).

(Profiles and fairs call the job exchange directly: `profiles.access.company_may_see` and
`fairs.services.fair_hire_record`.)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, Q

from jejak.jobs.models import Vacancy
from jejak.jobs.selectors import targeted_at_school
from jejak.organisations.models import Organisation


# The sex a vacancy asks for, as IPK III/4 groups it: L, P, or LP (either).
def _sex_group(vacancy: Vacancy) -> str:
    return vacancy.sex if vacancy.sex in {"L", "P"} else "LP"


def vacancy_counts(organisation: Organisation, period: Any) -> dict[str, dict[str, int]]:
    """Openings posted to the BKK's school: left at the start, newly posted, filled by its
    placements, removed (expired or closed unfilled) and left at the end, per sex wanted.

    An opening stays until it is filled by a placement or the vacancy closes (its deadline
    passes or it is marked filled); `removed` is what closed unfilled, so the balance always
    holds: start + registered - placed - removed = end. Only this school's placements count:
    a vacancy posted to a whole regency is a vacancy registered at each of its BKKs.
    """
    own = Q(placements__organisation=organisation)
    vacancies = (
        targeted_at_school(organisation)
        .filter(opens_on__lte=period.end, closes_on__gte=period.start)
        .annotate(
            placed_before=Count(
                "placements", filter=own & Q(placements__start_date__lt=period.start)
            ),
            placed_within=Count(
                "placements",
                filter=own
                & Q(
                    placements__start_date__gte=period.start, placements__start_date__lte=period.end
                ),
            ),
        )
    )
    counts: Counter[tuple[str, str]] = Counter()
    for vacancy in vacancies:
        group = _sex_group(vacancy)
        open_at_start = vacancy.opens_on < period.start and _open_on(vacancy, period.start)
        left_before = max(vacancy.openings - vacancy.placed_before, 0) if open_at_start else 0
        posted = vacancy.openings if vacancy.opens_on >= period.start else 0
        available = left_before + posted
        placed = min(vacancy.placed_within, available)
        # What is left is carried over only if the vacancy still takes people the day after.
        end = available - placed if _open_on(vacancy, period.end + dt.timedelta(days=1)) else 0
        counts[(group, "start")] += left_before
        counts[(group, "registered")] += posted
        counts[(group, "placed")] += placed
        counts[(group, "removed")] += available - placed - end
        counts[(group, "end")] += end
    return {
        group: {m: counts[(group, m)] for m in ("start", "registered", "placed", "removed", "end")}
        for group in ("L", "P", "LP")
    }


def _open_on(vacancy: Vacancy, day: Any) -> bool:
    """Still taking people on `day`: before its deadline and not yet marked filled."""
    return vacancy.closes_on >= day and (vacancy.filled_on is None or vacancy.filled_on > day)


def connect() -> None:
    from jejak.bkkreports.ipk import register_vacancy_source

    register_vacancy_source(vacancy_counts)
