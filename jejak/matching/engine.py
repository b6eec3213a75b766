"""Matching both ways: who fits a vacancy, which vacancies fit a seeker, and why (not).

Results are best first: by score, then (for equal scores) by NISN or by closing date, so the
order is stable. `limit` None lists every eligible result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jejak.alumni.models import Alumnus
from jejak.jobs.models import Vacancy
from jejak.matching import rules, selectors
from jejak.matching.facts import Job, Seeker
from jejak.matching.majors import MajorTree
from jejak.matching.reasons import Item, item
from jejak.matching.scoring import Scored, score


@dataclass
class Candidate:
    seeker: Seeker
    result: Scored


@dataclass
class Fit:
    job: Job
    result: Scored


@dataclass
class Matches:
    eligible: int
    results: list[Any]


def match_vacancy(
    vacancy: Vacancy, *, limit: int | None = None, today: dt.date | None = None
) -> Matches:
    """The people the vacancy fits, best first (`eligible` counts them all)."""
    today = today or selectors.today()
    tree = MajorTree.load()
    (job,) = selectors.jobs(Vacancy.objects.filter(pk=vacancy.pk))
    pool = selectors.candidates(job, selectors.reach_of_vacancy(vacancy), tree, today)
    survivors = [s for s in pool if not rules.failures(s, job, tree, today)]
    ctx = selectors.context(tree, today, {s.school_id for s in survivors})
    found = [Candidate(s, score(s, job, ctx)) for s in survivors]
    found.sort(key=lambda c: (-c.result.score, c.seeker.nisn, c.seeker.alumnus_id))
    return Matches(len(found), found[:limit] if limit is not None else found)


def match_seeker(
    seeker: Seeker, *, limit: int | None = None, today: dt.date | None = None
) -> Matches:
    """The open vacancies that fit the seeker, best first."""
    today = today or selectors.today()
    tree = MajorTree.load()
    jobs = selectors.open_vacancies_for(seeker, tree, today)
    survivors = [j for j in jobs if not rules.failures(seeker, j, tree, today)]
    ctx = selectors.context(tree, today, [seeker.school_id])
    found = [Fit(j, score(seeker, j, ctx)) for j in survivors]
    found.sort(key=lambda f: (-f.result.score, f.job.closes_on or dt.date.max, f.job.code))
    return Matches(len(found), found[:limit] if limit is not None else found)


def why_not(alumnus: Alumnus, vacancy: Vacancy, *, today: dt.date | None = None) -> list[Item]:
    """Why a vacancy is not among the alumnus's matches: every condition it fails (empty when
    it fits)."""
    today = today or selectors.today()
    tree = MajorTree.load()
    (job,) = selectors.jobs(Vacancy.objects.filter(pk=vacancy.pk))
    seeker = selectors.seeker_for(Alumnus.objects.filter(pk=alumnus.pk), today)
    failed: list[Item] = []
    if seeker is None:
        refused = Alumnus.objects.filter(pk=alumnus.pk, consent__in=selectors.NEVER).exists()
        failed.append(item("not_consent" if refused else "not_looking"))
        seeker = selectors.seeker_facts(alumnus)
    if not vacancy.is_open_on(today):
        failed.append(item("not_open"))
    elif not selectors.vacancies_reaching(seeker.bkk_ids).filter(pk=vacancy.pk).exists():
        failed.append(item("not_reached"))
    return failed + rules.failures(seeker, job, tree, today)


def explain_for(alumnus: Alumnus, vacancy: Vacancy) -> tuple[Scored | None, list[Item]]:
    """For the alumnus's own page of one vacancy: (its score with reasons and gaps, []) when
    it fits them, else (None, why not)."""
    failed = why_not(alumnus, vacancy)
    if failed:
        return None, failed
    today = selectors.today()
    seeker = selectors.seeker_for(Alumnus.objects.filter(pk=alumnus.pk), today)
    if seeker is None:  # pragma: no cover - why_not names this case
        return None, [item("not_looking")]
    tree = MajorTree.load()
    (job,) = selectors.jobs(Vacancy.objects.filter(pk=vacancy.pk))
    return score(seeker, job, selectors.context(tree, today, [seeker.school_id])), []
