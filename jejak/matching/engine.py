"""Matching both ways: who fits a vacancy, which vacancies fit a seeker, and why (not).

Results are best first: by score, then (for equal scores) by NISN or by closing date, so the
order is stable. `limit` None lists every eligible result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

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
    vacancy: Vacancy,
    *,
    limit: int | None = None,
    today: dt.date | None = None,
    among: Q | None = None,
    tree: MajorTree | None = None,
) -> Matches:
    """The people the vacancy fits, best first (`eligible` counts them all).

    `among`, a condition on Alumnus, narrows the pool in the database (job alerts: only
    people with an email who did not switch alerts off and did not get this vacancy yet);
    `tree` lets a caller matching many vacancies load the majors once."""
    today = today or selectors.today()
    tree = tree or MajorTree.load()
    (job,) = selectors.jobs(Vacancy.objects.filter(pk=vacancy.pk))
    reach = selectors.reach_of_vacancy(vacancy)
    pool = selectors.candidates(job, reach, tree, today, among=among)
    survivors = [s for s in pool if not rules.failures(s, job, tree, today)]
    groups = [job.occupation[:1]] if job.occupation else []
    ctx = selectors.context(tree, today, {s.school_id for s in survivors}, groups)
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


def fitting_vacancies(
    alumnus: Alumnus,
    vacancies: QuerySet[Vacancy],
    *,
    seeker: Seeker | None = None,
    today: dt.date | None = None,
) -> set[int]:
    """Of `vacancies` (a board the alumnus reads), those that pass every hard condition for
    the alumnus: the "for you" filter of their own board, by the same rules as matching (the
    facts of `seeker`, their open registration's, where they have one, else of their record)."""
    today = today or selectors.today()
    tree = MajorTree.load()
    seeker = seeker or selectors.seeker_facts(alumnus)
    found = selectors.jobs(vacancies.select_related(None))
    return {job.pk for job in found if not rules.failures(seeker, job, tree, today)}


def as_seeker(alumnus: Alumnus, *, today: dt.date | None = None) -> Seeker | None:
    """The alumnus as matching sees them: None when they are not looking or did not agree to
    be matched (then no alert and no BKK list holds them)."""
    return selectors.seeker_for(Alumnus.objects.filter(pk=alumnus.pk), today or selectors.today())


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
    groups = [job.occupation[:1]] if job.occupation else []
    return score(seeker, job, selectors.context(tree, today, [seeker.school_id], groups)), []
