"""Reads for the job exchange, always from the viewer: a school, a company, an office, an
alumnus, or the public boards (which only ever show live vacancies of trusted companies)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jejak.accounts.access import Access
from jejak.companies.selectors import trusted_company_ids
from jejak.jobs.models import Application, Placement, Vacancy, VacancyTarget
from jejak.organisations.models import Organisation
from jejak.reference.models import Region

VACANCY_RELATED = ("company", "work_region", "posted_by_org")
KEEPS_ALUMNI = [Organisation.Kind.SCHOOL, Organisation.Kind.TRAINING_CENTRE]


def live(vacancies: QuerySet[Vacancy], day: dt.date | None = None) -> QuerySet[Vacancy]:
    """Open, and today inside its validity period."""
    day = day or timezone.localdate()
    return vacancies.filter(state=Vacancy.State.OPEN, opens_on__lte=day, closes_on__gte=day)


def targeted_at_school(school: Organisation) -> QuerySet[Vacancy]:
    """Vacancies posted to the school itself, its regency or its province."""
    targets = VacancyTarget.objects.filter(
        Q(school=school) | Q(region_id__in=[school.region_id, school.province_code])
    )
    return Vacancy.objects.filter(pk__in=targets.values("vacancy_id"))


def targeted_in_region(region: Region) -> QuerySet[Vacancy]:
    """Vacancies posted anywhere a school of `region` would see them."""
    if region.level == Region.Level.PROVINCE:
        targets = VacancyTarget.objects.filter(province_code=region.code)
    else:
        targets = VacancyTarget.objects.filter(
            Q(region_id__in=[region.code, region.province_code]) | Q(school__region=region)
        )
    return Vacancy.objects.filter(pk__in=targets.values("vacancy_id"))


def board_for_school(school: Organisation) -> QuerySet[Vacancy]:
    """A school's public board: live vacancies of companies trusted in its province."""
    return (
        live(targeted_at_school(school))
        .filter(company_id__in=trusted_company_ids(school.province_code))
        .select_related(*VACANCY_RELATED)
        .order_by("closes_on", "title")
    )


def board_for_region(region: Region) -> QuerySet[Vacancy]:
    return (
        live(targeted_in_region(region))
        .filter(company_id__in=trusted_company_ids(region.province_code))
        .select_related(*VACANCY_RELATED)
        .order_by("closes_on", "title")
    )


def shown_provinces(vacancy: Vacancy) -> set[str]:
    """Provinces whose boards show the vacancy (its targets', where the company is trusted)."""
    provinces = set(vacancy.targets.values_list("province_code", flat=True))
    return {p for p in provinces if trusted_company_ids(p).filter(company_id=vacancy.company_id)}


def public_vacancy(code: str) -> Vacancy:
    """A vacancy as the public sees it: 404 unless some board shows (or showed) it."""
    vacancy = Vacancy.objects.select_related(*VACANCY_RELATED).filter(code=code).first()
    if vacancy is None or not shown_provinces(vacancy):
        raise Http404
    return vacancy


def company_vacancies(company: Organisation) -> QuerySet[Vacancy]:
    return Vacancy.objects.filter(company=company).select_related(*VACANCY_RELATED)


def area_vacancies(office: Organisation) -> QuerySet[Vacancy]:
    """An office's area: vacancies working there or posted to its schools or regions."""
    regencies = office.area_regency_codes()
    provinces = {code[:2] for code in regencies}
    targets = VacancyTarget.objects.filter(
        Q(region_id__in=[*regencies, *provinces]) | Q(school__region_id__in=regencies)
    )
    return Vacancy.objects.filter(
        Q(work_region_id__in=regencies) | Q(pk__in=targets.values("vacancy_id"))
    )


def visible_vacancies(access: Access) -> QuerySet[Vacancy]:
    """What the organisation's job pages list: its own (company), its area's (office), or
    those posted to or by the school."""
    org = access.organisation
    if org.kind == Organisation.Kind.COMPANY:
        vacancies = Vacancy.objects.filter(company=org)
    elif org.is_office:
        vacancies = area_vacancies(org)
    else:
        vacancies = Vacancy.objects.filter(
            Q(pk__in=targeted_at_school(org).values("pk")) | Q(posted_by_org=org)
        )
    return vacancies.select_related(*VACANCY_RELATED)


def get_vacancy(access: Access, code: str) -> Vacancy:
    vacancy = visible_vacancies(access).filter(code=code).first()
    if vacancy is None:
        raise Http404
    return vacancy


def visible_applications(access: Access) -> QuerySet[Application]:
    """A company sees applications to its own vacancies; a school, its own alumni's."""
    org = access.organisation
    if org.kind == Organisation.Kind.COMPANY:
        found = Application.objects.filter(vacancy__company=org)
    elif org.keeps_alumni:
        found = Application.objects.filter(organisation=org)
    else:
        found = Application.objects.none()
    return found.select_related(
        "alumnus__major", "alumnus__organisation", "vacancy__company", "vacancy__work_region",
        "placement",
    )  # fmt: skip


def get_application(access: Access, code: str) -> Application:
    found = visible_applications(access).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def applicant_view(application: Application) -> dict[str, Any]:
    """What a company may see of an applicant. The one place to add the profile fields the
    alumnus chose to share."""
    alumnus = application.alumnus
    return {
        "name": alumnus.name,
        "school": alumnus.organisation.name,
        "major": str(alumnus.major or ""),
        "cohort": alumnus.cohort,
        "cover_note": application.cover_note,
        # The CV itself is one link away (profiles:alumnus_cv), showing a company only the
        # sections the alumnus chose to share; reading it here would cost queries per row.
        "alumnus_code": alumnus.code,
    }


# A disability-friendly vacancy reaches the registered job seekers with a disability first (the
# labour-office issue, after UU 8/2016 Pasal 53): for this long, its alerts go only to them.
DISABILITY_HEAD_START = dt.timedelta(days=2)


def alerted_now(vacancy: Vacancy, now: dt.datetime) -> Q:
    """Who a fitting vacancy's alert may go to at `now`, as a condition on Alumnus: during a
    disability-friendly vacancy's head start, only open registrations with a disability
    recorded with the person's consent; otherwise everyone it fits."""
    if not vacancy.disability_friendly or now - vacancy.created_at >= DISABILITY_HEAD_START:
        return Q()
    from jejak.seekers.models import Registration

    first = Registration.objects.filter(ended_on=None, disability_consent=True).exclude(
        disability_category=""
    )
    return Q(pk__in=first.values("alumnus_id"))


def schools_reached(vacancy: Vacancy) -> QuerySet[Organisation]:
    """Schools whose boards show the vacancy (by target and the company's trust there)."""
    direct, regions = [], []
    for school_id, region_id in vacancy.targets.values_list("school_id", "region_id"):
        if school_id:
            direct.append(school_id)
        else:
            regions.append(region_id)
    condition = Q(pk__in=direct) | Q(region_id__in=regions) | Q(province_code__in=regions)
    provinces = shown_provinces(vacancy)
    return Organisation.objects.filter(
        condition, kind__in=KEEPS_ALUMNI, province_code__in=provinces
    )


def school_placements(school: Organisation) -> QuerySet[Placement]:
    return Placement.objects.filter(organisation=school).select_related(
        "alumnus__major", "industry", "occupation", "work_region"
    )


def get_placement(access: Access, code: str) -> Placement:
    """A placement of the school's own register; another's answers 404 like a missing one."""
    found = school_placements(access.organisation).filter(code=code).first()
    if found is None:
        raise Http404
    return found
