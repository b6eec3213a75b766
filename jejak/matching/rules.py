"""The hard conditions: a person who fails one never appears, whatever the score.

Each condition exists twice, kept side by side: as a database filter (so only survivors are
loaded; see `selectors`) and as a check on loaded facts that names the failure (for "why not
this one?" and as the final guard). Conditions:

- education: at least the level asked; SMA and SMK rank alike but a vacancy for SMK wants a
  vocational graduate, so SMA does not fit it (an SMK graduate fits an SMA vacancy);
- majors: the person's major lies under one the vacancy accepts (konsentrasi, program or
  bidang); a vacancy naming no major takes every major;
- age and sex: only where the vacancy asks them (sex: when every position is for one sex);
  an unknown birth date cannot show an asked age, so it does not fit;
- work abroad (AKAN) is never matched; a vacancy in another province (AKAD) reaches people
  wherever they live, so domicile is a soft factor, never a condition.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from jejak.matching.facts import Job, Seeker
from jejak.matching.majors import MajorTree
from jejak.matching.reasons import Item, item
from jejak.reference.models import EducationLevel as Level
from jejak.seekers.models import age_on

RANK = {Level.SD: 1, Level.SMP: 2, Level.SMA: 3, Level.SMK: 3, Level.D1: 4, Level.D2: 5,
        Level.D3: 6, Level.D4_S1: 7, Level.S2: 8, Level.S3: 9}  # fmt: skip


def education_fits(person: str, wanted: str) -> bool:
    if person not in RANK or wanted not in RANK:
        return False
    if wanted == Level.SMK and person == Level.SMA:
        return False
    return RANK[Level(person)] >= RANK[Level(wanted)]


def levels_accepted(wanted: str) -> list[str]:
    """The person levels a vacancy asking `wanted` takes."""
    return [level.value for level in RANK if education_fits(level, wanted)]


def levels_served(person: str) -> list[str]:
    """The vacancy levels a person of level `person` fits."""
    return [level.value for level in RANK if education_fits(person, level)]


def birth_range(job: Job, today: dt.date) -> Q:
    """The age asked, as a condition on `birth_date` (empty Q when no age is asked)."""
    condition = Q()
    if job.age_min is not None:  # at least age_min today: born on or before this day
        condition &= Q(birth_date__lte=_years_before(today, job.age_min))
    if job.age_max is not None:  # at most age_max today: born after age_max + 1 years ago
        condition &= Q(birth_date__gt=_years_before(today, job.age_max + 1))
    return condition


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_range_text(job: Job) -> str:
    low = job.age_min if job.age_min is not None else ""
    high = job.age_max if job.age_max is not None else ""
    return f"{low}-{high}"


def failures(seeker: Seeker, job: Job, tree: MajorTree, today: dt.date) -> list[Item]:
    """Every hard condition the pair fails, named; empty when they fit."""
    failed = []
    if job.work_country:
        failed.append(item("not_abroad"))
    if not education_fits(seeker.education, job.education):
        failed.append(item("not_education", level=job.education))
    if tree.relation(seeker.major_id, job.majors) is None:
        names = ", ".join(sorted(tree.name(pk) for pk in job.majors))
        failed.append(item("not_major", majors=names))
    if job.age_min is not None or job.age_max is not None:
        age = age_on(seeker.birth_date, today)
        if age is None:
            failed.append(item("not_age_unknown", range=age_range_text(job)))
        elif not ((job.age_min or 0) <= age <= (job.age_max if job.age_max is not None else 200)):
            failed.append(item("not_age", range=age_range_text(job)))
    if job.sex and seeker.sex != job.sex:
        failed.append(item("not_sex", sex=_sex_text(job.sex)))
    return failed


def _sex_text(sex: str) -> str:
    from jejak.jobs.models import Vacancy

    return str(Vacancy.Sex(sex).label)
