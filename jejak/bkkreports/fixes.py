"""What a BKK must fix before resubmitting a returned IPK III report, computed from the register:
each record of the period that falls into a "?" row, or whose placement has no work region,
with a link to the page where it is corrected."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from jejak.bkkreports.periods import Period
from jejak.jobs.models import Placement, Vacancy
from jejak.organisations.models import Organisation
from jejak.reference.models import EducationLevel
from jejak.seekers.models import EndReason, Registration

LIMIT = 200  # per kind of problem: enough to work through, not a page of thousands


@dataclass(frozen=True)
class Fix:
    text: str
    url: str


def _url(name: str, **kwargs: str) -> str:
    return reverse(name, kwargs=kwargs)


def registration_fixes(organisation: Organisation, period: Period) -> list[Fix]:
    org = organisation.code
    registrations = (
        Registration.objects.filter(organisation=organisation, registered_on__lte=period.end)
        .filter(Q(ended_on=None) | Q(ended_on__gte=period.start))
        .select_related("alumnus")
        .annotate(
            sought=Count("occupations_sought"),
            recorded=Exists(
                Placement.objects.filter(
                    organisation=organisation,
                    alumnus=OuterRef("alumnus"),
                    start_date=OuterRef("ended_on"),
                )
            ),
        )
        .order_by("alumnus__name")
    )
    fixes = []
    for registration in registrations[: LIMIT * 3]:
        person = registration.alumnus
        page = _url("seekers:detail", org=org, registration=registration.code)
        name = f"{person.name} ({registration.code})"
        if not registration.sought:
            fixes.append(Fix(_("Pencari kerja %(name)s: jabatan yang dicari (KBJI) belum diisi.")
                             % {"name": name}, page))  # fmt: skip
        if registration.education == EducationLevel.SMK and registration.major_id is None:
            fixes.append(Fix(_("Pencari kerja %(name)s: jurusan SMK belum diisi.")
                             % {"name": name}, page))  # fmt: skip
        placed_here = period.start <= (registration.ended_on or period.start) <= period.end
        if (registration.end_reason == EndReason.PLACED and placed_here
                and registration.placement_id is None and not registration.recorded):  # fmt: skip
            fixes.append(Fix(_("Pencari kerja %(name)s: ditempatkan tanpa catatan penempatan "
                               "(III/8 menghitungnya AKL).") % {"name": name}, page))  # fmt: skip
        if person.birth_date is None:
            text = _("Alumni %(name)s: tanggal lahir belum diisi (kelompok umur III/1).")
            edit = _url("alumni:edit", org=org, code=person.code)
            fixes.append(Fix(text % {"name": person.name}, edit))
    return fixes[:LIMIT]


def vacancy_fixes(organisation: Organisation, period: Period) -> list[Fix]:
    vacancies = Vacancy.objects.filter(
        Q(occupation=None) | (Q(industry=None) & Q(kbli="")),
        posted_by_org=organisation, registered_on__lte=period.end, closes_on__gte=period.start,
    ).order_by("registered_on")[:LIMIT]  # fmt: skip
    fixes = []
    for vacancy in vacancies:
        missing = [label for label, gone in ((_("KBJI"), vacancy.occupation_id is None),
                                             (_("KBLI"), not (vacancy.industry_id or vacancy.kbli)))
                   if gone]  # fmt: skip
        fixes.append(Fix(
            _("Lowongan %(title)s (%(code)s): %(missing)s belum diisi.")
            % {"title": vacancy.title, "code": vacancy.code, "missing": " dan ".join(missing)},
            _url("jobs:edit", org=organisation.code, vacancy=vacancy.code),
        ))  # fmt: skip
    return fixes


def placement_fixes(organisation: Organisation, period: Period) -> list[Fix]:
    placements = Placement.objects.filter(
        Q(occupation=None) | (Q(industry=None) & Q(kbli="")) | Q(work_region=None),
        organisation=organisation, start_date__gte=period.start, start_date__lte=period.end,
    ).select_related("alumnus").order_by("start_date")[:LIMIT]  # fmt: skip
    fixes = []
    for placement in placements:
        missing = [label for label, gone in (
            (_("KBJI"), placement.occupation_id is None),
            (_("KBLI"), not (placement.industry_id or placement.kbli)),
            (_("wilayah kerja"), placement.work_region_id is None),
        ) if gone]  # fmt: skip
        page = _url("jobs:placement_edit", org=organisation.code, placement=placement.code)
        fixes.append(Fix(
            _("Penempatan %(name)s di %(employer)s (%(day)s): %(missing)s belum diisi.")
            % {"name": placement.alumnus.name, "employer": placement.employer,
               "day": placement.start_date.isoformat(), "missing": ", ".join(missing)},
            page,
        ))  # fmt: skip
    return fixes


def report_fixes(organisation: Organisation, period: Period) -> list[Fix]:
    """Everything in the period's records that the labour office would send back."""
    return [
        *registration_fixes(organisation, period),
        *vacancy_fixes(organisation, period),
        *placement_fixes(organisation, period),
    ]
