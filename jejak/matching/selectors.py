"""Reads for matching: the candidate pool of a vacancy and the open vacancies of a seeker.

The hard conditions run in the database (`rules`), so only the survivors are loaded and scored
in Python; nothing here walks every alumnus of a province.

Who may be matched (the agreement): an alumnus with an open registration at a BKK the vacancy
reaches (registering is the agreement for the BKK's own and shared vacancies), or an alumnus of
such a school whose latest outcome is looking for work (or working part-time) and who gave
consent. Someone who refused or withdrew consent is never matched, registered or not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, DateField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from jejak.alumni.models import Alumnus, Consent
from jejak.companies.selectors import trusted_company_ids
from jejak.jobs.models import Placement, Vacancy, VacancyTarget
from jejak.jobs.selectors import live, schools_reached
from jejak.matching import rules
from jejak.matching.facts import Job, Seeker, public_code
from jejak.matching.majors import MajorTree
from jejak.matching.scoring import RETENTION_DAYS, Context, Record
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent
from jejak.reference.models import EducationLevel, Occupation
from jejak.seekers.models import Registration, age_on

NEVER = [Consent.REFUSED, Consent.WITHDRAWN]
AGREED = [Consent.GIVEN, Consent.PARENT_GIVEN]
# BPS: working under 35 hours a week is part-time (setengah penganggur when looking for more).
PART_TIME_HOURS = 35

JOB_FIELDS = ("pk", "code", "external_code", "title", "company__name", "education", "age_min",
              "age_max", "sex", "occupation_id", "work_region_id", "work_country",
              "disability_friendly", "skills", "experience", "closes_on")  # fmt: skip


# --- vacancies ------------------------------------------------------------------------------


def jobs(vacancies: QuerySet[Vacancy]) -> list[Job]:
    """Vacancies as matching reads them, in two queries."""
    rows = list(vacancies.values(*JOB_FIELDS))
    majors: dict[int, set[int]] = {row["pk"]: set() for row in rows}
    through = Vacancy.majors.through.objects.filter(vacancy_id__in=list(majors))
    for vacancy_id, major_id in through.values_list("vacancy_id", "major_id"):
        majors[vacancy_id].add(major_id)
    return [_job(row, majors[row["pk"]]) for row in rows]


def _job(row: dict[str, Any], majors: set[int]) -> Job:
    return Job(
        pk=row["pk"], code=public_code(row["external_code"], row["code"]), title=row["title"],
        company=row["company__name"], education=row["education"], majors=majors,
        age_min=row["age_min"], age_max=row["age_max"], sex=row["sex"],
        occupation=row["occupation_id"] or "", work_region=row["work_region_id"] or "",
        work_country=row["work_country"], disability_friendly=row["disability_friendly"],
        skills=row["skills"], experience=row["experience"], closes_on=row["closes_on"],
        jejak_code=row["code"],
    )  # fmt: skip


def vacancy_by_code(code: str, bkk: Organisation | None = None) -> list[Vacancy]:
    """Vacancies a BKK's code (or Jejak's own) names; several when BKKs reuse a code."""
    found = Vacancy.objects.filter(Q(external_code=code) | Q(code=code))
    if bkk is not None:
        found = found.filter(posted_by_org=bkk)
    return list(found.select_related("company")[:5])


def reach_of_vacancy(vacancy: Vacancy) -> set[int]:
    """The BKKs whose seekers a vacancy reaches: the one that posted it and those it was
    shared with (its targets, where the company is trusted, as on the boards)."""
    return {vacancy.posted_by_org_id, *schools_reached(vacancy).values_list("pk", flat=True)}


def vacancies_reaching(bkk_ids: Iterable[int]) -> QuerySet[Vacancy]:
    """Vacancies the BKKs posted, or that were shared with them by a company they trust."""
    bkks = list(Organisation.objects.filter(pk__in=list(bkk_ids)))
    reach = Q(posted_by_org_id__in=[org.pk for org in bkks])
    for org in bkks:
        targets = VacancyTarget.objects.filter(
            Q(school=org) | Q(region_id__in=[org.region_id, org.province_code])
        )
        reach |= Q(pk__in=targets.values("vacancy_id")) & Q(
            company_id__in=trusted_company_ids(org.province_code)
        )
    return Vacancy.objects.filter(reach)


def open_vacancies_for(seeker: Seeker, tree: MajorTree, today: dt.date) -> list[Job]:
    """Open vacancies reaching the seeker that pass the hard conditions (database side)."""
    found = live(vacancies_reaching(seeker.bkk_ids), today).filter(
        work_country="",
        education__in=rules.levels_served(seeker.education),
        sex__in=["", seeker.sex],
    )
    age = age_on(seeker.birth_date, today)
    if age is None:
        found = found.filter(age_min=None, age_max=None)
    else:
        found = found.filter(Q(age_min=None) | Q(age_min__lte=age))
        found = found.filter(Q(age_max=None) | Q(age_max__gte=age))
    with_major = Vacancy.majors.through.objects.filter(vacancy_id=OuterRef("pk"))
    fitting = with_major.filter(major_id__in=tree.ancestors(seeker.major_id))
    found = found.filter(~Exists(with_major) | Exists(fitting))
    return jobs(found.select_related(None))


# --- seekers --------------------------------------------------------------------------------


def looking_alumni(bkk_ids: Iterable[int], today: dt.date) -> QuerySet[OutcomeEvent, Any]:
    """Alumnus ids of the schools whose latest report (begun by `today`) says looking for
    work or working part-time."""
    events = OutcomeEvent.objects.filter(alongside=None, start_date__lte=today)
    later = events.filter(alumnus_id=OuterRef("alumnus_id")).filter(
        Q(reported_at__gt=OuterRef("reported_at"))
        | Q(reported_at=OuterRef("reported_at"), start_date__gt=OuterRef("start_date"))
        | Q(reported_at=OuterRef("reported_at"), start_date=OuterRef("start_date"),
            recorded_at__gt=OuterRef("recorded_at"))
    )  # fmt: skip
    looking = Q(activity=Activity.LOOKING) | Q(
        activity=Activity.WORKING, hours_per_week__lt=PART_TIME_HOURS
    )
    return (
        events.filter(looking, organisation_id__in=list(bkk_ids))
        .exclude(Exists(later))
        .values("alumnus_id")
    )


SEEKER_FIELDS = ("code", "nisn", "name", "sex", "birth_date", "cohort", "organisation_id",
                 "organisation__region_id", "region_id", "consent", "major_id",
                 "disability")  # fmt: skip


def candidates(
    job: Job, bkk_ids: set[int], tree: MajorTree, today: dt.date, *, among: Q | None = None
) -> list[Seeker]:
    """The people a vacancy may be offered to, hard conditions applied in the database
    (`among`: a further condition on Alumnus, such as "has an email", for the caller)."""
    if job.work_country:
        return []  # AKAN is the labour office's, never a BKK's match (Permenaker 39/2016)
    accepted = tree.accepted(job.majors) if job.majors else None
    person = ~Q(consent__in=NEVER) & rules.birth_range(job, today)
    if among is not None:
        person &= among
    if job.sex:
        person &= Q(sex=job.sex)
    registered = _registered(job, bkk_ids, accepted, person)
    seekers = {seeker.alumnus_id: seeker for seeker in registered}
    if EducationLevel.SMK in rules.levels_accepted(job.education):
        # The looking events as a subquery: the database joins them to the records with
        # every person condition, so only eligible people come back (never a list of every
        # looking id, which grows with the province and overflows SQLite's parameter limit).
        others = Alumnus.objects.filter(
            person, pk__in=looking_alumni(bkk_ids, today), consent__in=AGREED,
            organisation__kind=Organisation.Kind.SCHOOL,
        )  # fmt: skip
        if accepted is not None:
            others = others.filter(major_id__in=accepted)
        for row in others.values("pk", *SEEKER_FIELDS):
            if row["pk"] not in seekers:  # registered: their registration speaks for them
                seekers[row["pk"]] = _seeker(row, registered=False, education=EducationLevel.SMK)
    return list(seekers.values())


def _prefixed(condition: Q, prefix: str) -> Q:
    """A Q on Alumnus fields, rewritten for a query that reaches the alumnus by `prefix`."""
    moved = Q(*[_move(child, prefix) for child in condition.children])
    moved.connector, moved.negated = condition.connector, condition.negated
    return moved


def _move(child: Any, prefix: str) -> Any:
    if isinstance(child, Q):
        return _prefixed(child, prefix)
    return (f"{prefix}{child[0]}", child[1])


def _registered(job: Job, bkk_ids: set[int], accepted: set[int] | None, person: Q) -> list[Seeker]:
    found = Registration.objects.filter(
        _prefixed(person, "alumnus__"), organisation_id__in=list(bkk_ids), ended_on=None,
        education__in=rules.levels_accepted(job.education),
    )  # fmt: skip
    if accepted is None:
        return registrations_as_seekers(found)
    # Two queries, not one OR: each can use the index of open registrations by major
    # (seekers.Registration "registration_open_major"), so the cost follows the majors asked,
    # not the size of the register.
    by_own_major = registrations_as_seekers(found.filter(major_id__in=accepted))
    by_record = registrations_as_seekers(found.filter(major=None, alumnus__major_id__in=accepted))
    return _one_per_person([*by_own_major, *by_record])


def _one_per_person(seekers: list[Seeker]) -> list[Seeker]:
    found: dict[int, Seeker] = {}
    for seeker in seekers:
        if seeker.alumnus_id in found:
            found[seeker.alumnus_id].bkk_ids.extend(seeker.bkk_ids)
        else:
            found[seeker.alumnus_id] = seeker
    return list(found.values())


REGISTRATION_FIELDS = ("pk", "organisation_id", "education", "major_id", "skills",
                       "certificates", "willing_to_relocate", "disability_category",
                       "disability_consent", "alumnus_id",
                       *[f"alumnus__{name}" for name in SEEKER_FIELDS])  # fmt: skip


def registrations_as_seekers(registrations: QuerySet[Registration]) -> list[Seeker]:
    """One seeker per alumnus (their latest open registration), with what they seek."""
    rows = list(registrations.order_by("alumnus_id", "-registered_on", "-pk")
                .values(*REGISTRATION_FIELDS))  # fmt: skip
    seekers: dict[int, Seeker] = {}
    by_registration: dict[int, Seeker] = {}
    for row in rows:
        if row["alumnus_id"] in seekers:
            seekers[row["alumnus_id"]].bkk_ids.append(row["organisation_id"])
            continue
        person = {name: row[f"alumnus__{name}"] for name in SEEKER_FIELDS}
        seeker = _seeker({"pk": row["alumnus_id"], **person}, registered=True,
                         education=row["education"])  # fmt: skip
        seeker.major_id = row["major_id"] or seeker.major_id
        seeker.skills, seeker.certificates = row["skills"], row["certificates"]
        seeker.willing_to_relocate = row["willing_to_relocate"]
        seeker.disability = row["disability_category"] if row["disability_consent"] else ""
        seeker.bkk_ids.append(row["organisation_id"])
        seekers[row["alumnus_id"]] = by_registration[row["pk"]] = seeker
    _load_sought(by_registration, registrations)
    return list(seekers.values())


def _load_sought(by_registration: dict[int, Seeker], registrations: QuerySet[Registration]) -> None:
    """The occupations and regions each registration seeks. The registrations go in as a
    subquery, not a list of ids: a vacancy open to every major reaches a province's seekers,
    more than SQLite takes as parameters."""
    ids = registrations.order_by().values("pk")
    occupations = Registration.occupations_sought.through.objects.filter(
        registration_id__in=ids
    ).values_list("registration_id", "occupation_id")
    for registration_id, code in occupations:
        if (seeker := by_registration.get(registration_id)) is not None:
            seeker.occupations.append(code)
    regions = Registration.regions_sought.through.objects.filter(
        registration_id__in=ids
    ).values_list("registration_id", "region_id")
    for registration_id, region in regions:
        if (seeker := by_registration.get(registration_id)) is not None:
            seeker.regions_sought.append(region)


def _seeker(row: dict[str, Any], *, registered: bool, education: str) -> Seeker:
    school_region = row["organisation__region_id"] or ""
    return Seeker(
        alumnus_id=row["pk"], code=row["code"], nisn=row["nisn"], name=row["name"],
        sex=row["sex"], birth_date=row["birth_date"], cohort=row["cohort"],
        school_id=row["organisation_id"], school_region=school_region,
        region=row["region_id"] or school_region, consent=row["consent"],
        education=education, major_id=row["major_id"], registered=registered,
        bkk_ids=[] if registered else [row["organisation_id"]],
    )  # fmt: skip


def seeker_for(alumni: QuerySet[Alumnus], today: dt.date) -> Seeker | None:
    """The seeker an alumnus record (or the records of one NISN) makes, or None when they are
    not looking or did not agree to be matched."""
    ids = list(alumni.values_list("pk", flat=True))
    if not ids or alumni.filter(consent__in=NEVER).exists():
        return None
    registered = registrations_as_seekers(
        Registration.objects.filter(alumnus_id__in=ids, ended_on=None)
    )
    if registered:
        seeker = registered[0]
        seeker.bkk_ids = sorted({*seeker.bkk_ids, seeker.school_id})
        return seeker
    schools = alumni.values_list("organisation_id", flat=True)
    looking = alumni.filter(
        consent__in=AGREED, organisation__kind=Organisation.Kind.SCHOOL,
        pk__in=looking_alumni(list(schools), today),
    ).values("pk", *SEEKER_FIELDS)  # fmt: skip
    row = looking.first()
    return _seeker(row, registered=False, education=EducationLevel.SMK) if row else None


def seeker_facts(alumnus: Alumnus) -> Seeker:
    """The facts of any alumnus (looking or not), for "why not this one?"."""
    row = Alumnus.objects.filter(pk=alumnus.pk).values("pk", *SEEKER_FIELDS).get()
    return _seeker(row, registered=False, education=EducationLevel.SMK)


# --- context --------------------------------------------------------------------------------


def context(
    tree: MajorTree, today: dt.date, school_ids: Iterable[int], groups: Iterable[str] | None = None
) -> Context:
    """Names of occupations and the schools' track records by KBJI major group (only
    `groups` when given: one vacancy needs its own group only)."""
    history = track_records(set(school_ids), None if groups is None else set(groups), today)
    names = dict(Occupation.objects.values_list("code", "name"))
    return Context(tree=tree, today=today, occupation_names=names, history=history)


JOB_ACTIVITIES = [Activity.WORKING, Activity.SELF_EMPLOYED]


def track_records(
    school_ids: set[int], groups: set[str] | None, today: dt.date
) -> dict[tuple[int, str], Record]:
    """Per (school, KBJI major group): the school's placements into the group, how many have
    a keselarasan answer and how many are aligned, how many began RETENTION_DAYS ago or more
    and how many of those left work within that time (scoring's `history`). One grouped
    query, whatever the number of people or placements."""
    if not school_ids or groups == set():
        return {}
    placed = Placement.objects.filter(
        organisation_id__in=list(school_ids), occupation__isnull=False, start_date__lte=today
    )
    if groups is not None:
        one_of = Q()
        for group in groups:
            one_of |= Q(occupation__code__startswith=group)
        placed = placed.filter(one_of)
    window_end = ExpressionWrapper(
        OuterRef("start_date") + dt.timedelta(days=RETENTION_DAYS), output_field=DateField()
    )
    after_start = Q(start_date__gt=OuterRef("start_date"), start_date__lte=window_end)
    left = OutcomeEvent.objects.filter(
        after_start, alumnus_id=OuterRef("alumnus_id"), alongside=None
    ).exclude(activity__in=JOB_ACTIVITIES)
    due = Q(start_date__lte=today - dt.timedelta(days=RETENTION_DAYS))
    rows = (
        placed.annotate(group=Substr("occupation_id", 1, 1))
        .values("organisation_id", "group")
        .annotate(
            placed=Count("pk"),
            answered=Count("pk", filter=Q(outcome_event__alignment__isnull=False)),
            aligned=Count("pk", filter=Q(outcome_event__alignment__gte=3)),
            due=Count("pk", filter=due),
            left=Count("pk", filter=due & Q(Exists(left))),
        )
        .order_by()
    )
    return {
        (row["organisation_id"], row["group"]): Record(
            row["placed"], row["answered"], row["aligned"], row["due"], row["left"]
        )
        for row in rows
    }


def today() -> dt.date:
    return timezone.localdate()
