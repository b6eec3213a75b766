"""Reads for the BKK register and reports, each starting from the tenant (school or office)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from jejak.accounts.access import OFFICE_READERS, Access
from jejak.bkkreports import ipk
from jejak.bkkreports.generate import program_names
from jejak.bkkreports.models import PersonInCharge, PlacementPlan, PlacementReport
from jejak.bkkreports.periods import Period, PeriodKind, is_overdue, last_closed
from jejak.organisations.models import Bkk, Organisation
from jejak.outcomes.models import OutcomeEvent, Source
from jejak.reference.models import Region

# An old guideline puts a BKK under review after 6 months without a report; offices also
# look at a whole year of silence.
SILENCE_MONTHS = (6, 12)
ACCEPTED = (PlacementReport.State.SUBMITTED, PlacementReport.State.ACKNOWLEDGED)


def bkk_of(organisation: Organisation) -> Bkk:
    """The organisation's BKK entry, or an unsaved blank one (a BLK may have none yet)."""
    return Bkk.objects.filter(organisation=organisation).first() or Bkk(organisation=organisation)


def person_history(organisation: Organisation) -> QuerySet[PersonInCharge]:
    return PersonInCharge.objects.filter(organisation=organisation)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from `earlier` to `later` (7 Jan -> 6 Feb is 0, -> 7 Feb is 1)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def silence_level(last_report: dt.date | None, today: dt.date) -> int:
    """12 or 6 when no report was sent for that many months (never = 12), else 0."""
    if last_report is None:
        return SILENCE_MONTHS[-1]
    months = months_between(last_report, today)
    return max((level for level in SILENCE_MONTHS if months >= level), default=0)


def _visible_reports(access: Access) -> QuerySet[PlacementReport]:
    reports = PlacementReport.objects.filter(organisation=access.organisation)
    if access.roles <= OFFICE_READERS:  # an office sees what was sent, not drafts
        reports = reports.filter(state__in=PlacementReport.SENT)
    return reports


def get_report(access: Access, code: str) -> PlacementReport:
    report = _visible_reports(access).filter(code=code).first()
    if report is None:
        raise Http404
    return report


@dataclass
class PeriodRow:
    period: Period
    report: PlacementReport | None
    overdue: bool


def school_periods(access: Access, today: dt.date) -> list[PeriodRow]:
    """Recent closed periods (6 months, 4 quarters, 2 years) and every period with a report,
    each with its latest version."""
    periods = [
        *last_closed(PeriodKind.MONTH, today, 6),
        *last_closed(PeriodKind.QUARTER, today, 4),
        *last_closed(PeriodKind.YEAR, today, 2),
    ]
    latest: dict[tuple[str, dt.date], PlacementReport] = {}
    for report in _visible_reports(access).order_by("version"):
        latest[(report.period_kind, report.period_start)] = report
    # Older periods that have a report are listed too, so a returned one is never lost.
    periods += [Period(kind, start) for kind, start in latest if Period(kind, start) not in periods]
    order = list(PeriodKind.values)
    periods.sort(key=lambda p: (order.index(p.kind), -p.start.toordinal()))
    rows = []
    for period in periods:
        found = latest.get((period.kind, period.start))
        submitted = found is not None and found.state in ACCEPTED
        rows.append(PeriodRow(period, found, is_overdue(period, today=today, submitted=submitted)))
    return rows


def area_bkks(office: Organisation) -> QuerySet[Bkk]:
    """Every BKK in the office's area, with its last report date and person in charge."""
    last_sent = (
        PlacementReport.objects.filter(organisation=OuterRef("organisation"))
        .exclude(submitted_at=None)
        .order_by("-submitted_at")
        .values("submitted_at")[:1]
    )
    person = PersonInCharge.objects.filter(
        organisation=OuterRef("organisation"), end_date=None
    ).values("name")[:1]
    return (
        Bkk.objects.filter(organisation__region_id__in=office.area_regency_codes())
        .select_related("organisation__region", "registration_office")
        .annotate(last_report_at=Subquery(last_sent), person_in_charge=Subquery(person))
        .order_by("organisation__region_id", "organisation__name")
    )


@dataclass
class RegisterRow:
    bkk: Bkk
    last_report: dt.date | None
    silence: int


def register_rows(office: Organisation, today: dt.date) -> list[RegisterRow]:
    """The area's BKKs, those that need the office's attention first: a tanda daftar to
    reissue, then the longest silent, then by regency and name."""
    rows = []
    for bkk in area_bkks(office):
        sent = getattr(bkk, "last_report_at", None)  # annotated by area_bkks
        last = timezone.localtime(sent).date() if sent else None
        rows.append(RegisterRow(bkk, last, silence_level(last, today)))
    rows.sort(key=lambda r: (r.bkk.reissue_needed_since is None, -r.silence))  # stable
    return rows


REGISTER_FLAGS = {
    "active": lambda r: r.bkk.active,
    "inactive": lambda r: not r.bkk.active,
    "silent6": lambda r: r.silence >= SILENCE_MONTHS[0],
    "silent12": lambda r: r.silence >= SILENCE_MONTHS[-1],
    "reissue": lambda r: r.bkk.reissue_needed_since is not None,
}


def plan_progress(organisation: Organisation, year: int) -> tuple[int | None, int]:
    """The year's whole-BKK target (None if unset) and the placements recorded so far."""
    target = (
        PlacementPlan.objects.filter(organisation=organisation, year=year, major=None)
        .values_list("target", flat=True)
        .first()
    )
    placed = OutcomeEvent.objects.filter(
        organisation=organisation, source=Source.PLACEMENT, start_date__year=year
    ).count()
    return target, placed


def get_area_bkk(office: Organisation, school_code: str) -> Bkk:
    bkk = area_bkks(office).filter(organisation__code=school_code).first()
    if bkk is None:
        raise Http404
    return bkk


@dataclass
class SubmissionRow:
    school: Organisation
    report: PlacementReport | None
    overdue: bool


def area_submissions(office: Organisation, period: Period, today: dt.date) -> list[SubmissionRow]:
    """Each BKK in the area with its latest sent version of the period's report."""
    bkks = list(area_bkks(office))
    latest: dict[int, PlacementReport] = {}
    for report in PlacementReport.objects.filter(
        organisation__in=[b.organisation for b in bkks],
        period_kind=period.kind,
        period_start=period.start,
        state__in=PlacementReport.SENT,
    ).order_by("version"):
        latest[report.organisation_id] = report
    rows = []
    for bkk in bkks:
        found = latest.get(bkk.organisation_id)
        submitted = found is not None and found.state in ACCEPTED
        overdue = is_overdue(period, today=today, submitted=submitted)
        rows.append(SubmissionRow(bkk.organisation, found, overdue))
    return rows


def get_area_report(office: Organisation, code: str) -> PlacementReport:
    report = (
        PlacementReport.objects.filter(
            code=code,
            state__in=PlacementReport.SENT,
            organisation__region_id__in=office.area_regency_codes(),
        )
        .select_related("organisation", "submitted_by", "reviewed_by")
        .first()
    )
    if report is None:
        raise Http404
    return report


AREA_PLACED_COLUMNS = [
    "sekolah", "npsn", "nama", "nisn", "jenis_kelamin", "jurusan", "alamat", "tempat_kerja",
    "kbli", "kbji", "wilayah_kerja", "akl_akad_akan", "tanggal_mulai", "upah",
]  # fmt: skip


def area_placed_rows(office: Organisation) -> Iterator[list[Any]]:
    """Every placement of every school in the area, streamed from the database in chunks."""
    programs = program_names()
    events = (
        OutcomeEvent.objects.filter(
            source=Source.PLACEMENT,
            organisation__region_id__in=office.area_regency_codes(),
        )
        .select_related("organisation", "alumnus", "work_region")
        .order_by("organisation__name", "start_date", "pk")
        .iterator(chunk_size=2000)
    )
    for event in events:
        school, alumnus = event.organisation, event.alumnus
        yield [
            school.name, school.npsn, alumnus.name, alumnus.nisn, alumnus.sex,
            programs.get(alumnus.major_id or 0, ""), alumnus.address, event.employer,
            event.industry_id or "", (event.occupation_id or "")[:1],
            event.work_region.name if event.work_region else event.work_country,
            ipk.akl_kind(school.province_code, event.work_region_id, event.work_country),
            event.start_date.isoformat(), event.income,
        ]  # fmt: skip


def office_ipk_regions(office: Organisation) -> list[Region]:
    """The regions an office may sum IPK III over: each regency of its area, and its province
    when the area covers a whole province."""
    regencies = list(Region.objects.filter(code__in=office.area_regency_codes()).order_by("code"))
    provinces = list(office.area.filter(level=Region.Level.PROVINCE).order_by("code"))
    return [*provinces, *regencies]
