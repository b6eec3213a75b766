"""IPK III figures per BKK and period: computed from the register, chained to the previous
submitted period, stored, frozen on submission, and summed for regencies and provinces.

The office's sums read the stored rows (`PeriodFigures`), never every registration: a BKK
period not yet stored is computed once and stored (unfrozen) when a sum first needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone

from jejak.bkkreports import ipk, ipk_read
from jejak.bkkreports.models import PeriodFigures, PlacementReport
from jejak.bkkreports.periods import Period
from jejak.jobs.models import Placement, Vacancy
from jejak.organisations.models import Bkk, Organisation
from jejak.seekers.models import Registration

Tables = dict[str, list[dict[str, Any]]]
ACCEPTED = (PlacementReport.State.SUBMITTED, PlacementReport.State.ACKNOWLEDGED)


def live_tables(organisation: Organisation, period: Period) -> Tables:
    """The eight tables straight from the register (no chaining)."""
    start, end = period.start, period.end
    return ipk.tables_from_units(
        ipk_read.seeker_units(organisation, start, end),
        ipk_read.vacancy_units(organisation, start, end),
        start, end, ipk_read.bidang_numbers(),
    )  # fmt: skip


def submitted_before(organisation: Organisation, period: Period) -> PeriodFigures | None:
    """The frozen figures of the period just before `period` (same kind), if submitted."""
    previous = period.previous()
    return (
        PeriodFigures.objects.filter(
            organisation=organisation, period_kind=previous.kind, period_start=previous.start
        )
        .exclude(frozen_at=None)
        .first()
    )


def chained_tables(organisation: Organisation, period: Period) -> tuple[Tables, list[dict]]:
    """The tables as the BKK reports them: opening with the previous submitted period's
    closing balance, back-dated changes counted as corrections (see `ipk.chain`). The
    corrections carry, besides the figures that moved, the records changed since that
    submission."""
    tables = live_tables(organisation, period)
    before = submitted_before(organisation, period)
    if before is None:
        return tables, []
    tables, corrections = ipk.chain(tables, before.tables, ipk_read.bidang_numbers())
    # Listed even when the balances net out (one added, one removed): what was sent changed.
    return tables, corrections + changed_records(organisation, before)


def changed_records(organisation: Organisation, before: PeriodFigures) -> list[dict[str, Any]]:
    """Registrations, vacancies and placements touching the submitted period that were
    changed (or recorded) after it was frozen: what explains the corrections."""
    since, end = before.frozen_at, before.period.end
    rows: list[dict[str, Any]] = []
    back_dated = Q(created_at__gt=since, registered_on__lte=end) | Q(
        updated_at__gt=since, ended_on__lte=end
    )
    for registration in Registration.objects.filter(back_dated, organisation=organisation).order_by(
        "registered_on"
    )[:50]:
        rows.append({"record": "registration", "code": registration.code,
                     "date": registration.registered_on.isoformat()})  # fmt: skip
    for vacancy in Vacancy.objects.filter(
        posted_by_org=organisation, registered_on__lte=end, created_at__gt=since
    ).order_by("registered_on")[:50]:
        rows.append({"record": "vacancy", "code": vacancy.code,
                     "date": str(vacancy.registered_on)})  # fmt: skip
    for placement in Placement.objects.filter(
        organisation=organisation, start_date__lte=end, updated_at__gt=since
    ).order_by("start_date")[:50]:
        rows.append({"record": "placement", "code": placement.code,
                     "date": placement.start_date.isoformat()})  # fmt: skip
    return rows


def figures_store(
    organisation: Organisation,
    period: Period,
    tables: Tables,
    corrections: list[dict],
    report: PlacementReport | None = None,
) -> PeriodFigures | None:
    """Store (or replace) a BKK's figures for the period; frozen figures stay as they are
    (None comes back)."""
    existing = PeriodFigures.objects.filter(
        organisation=organisation, period_kind=period.kind, period_start=period.start
    ).first()
    if existing is not None and existing.frozen_at is not None:
        return None
    figures = existing or PeriodFigures(
        organisation=organisation, period_kind=period.kind, period_start=period.start
    )
    figures.tables, figures.corrections, figures.computed_at = tables, corrections, timezone.now()
    figures.report = report or figures.report
    figures.save()
    return figures


def figures_freeze(report: PlacementReport) -> None:
    """The report was submitted: its stored figures no longer change."""
    PeriodFigures.objects.filter(
        organisation=report.organisation, period_kind=report.period_kind,
        period_start=report.period_start,
    ).update(frozen_at=timezone.now(), report=report)  # fmt: skip


def figures_unfreeze(report: PlacementReport) -> None:
    """The office returned the report: a new version may store new figures."""
    PeriodFigures.objects.filter(report=report).update(frozen_at=None)


def stored_figures(organisation: Organisation, period: Period) -> Tables:
    """The BKK's stored figures for the period, computed and stored first if missing."""
    found = PeriodFigures.objects.filter(
        organisation=organisation, period_kind=period.kind, period_start=period.start
    ).first()
    if found is not None:
        return found.tables
    tables, corrections = chained_tables(organisation, period)
    figures_store(organisation, period, tables, corrections)
    return tables


def region_bkks(code: str) -> list[Organisation]:
    """The BKKs of a regency (35.09) or province (35): the organisations on the BKK register
    there, and any other that keeps a job-seeker register."""
    in_region = Q(region_id=code) if "." in code else Q(province_code=code)
    registered = Bkk.objects.values("organisation_id")
    keeping = Registration.objects.values("organisation_id")
    return list(
        Organisation.objects.filter(in_region)
        .filter(Q(pk__in=registered) | Q(pk__in=keeping))
        .order_by("region_id", "name")
    )


def region_tables(code: str, period: Period) -> Tables:
    """A regency's or province's tables: the sum of its BKKs' stored figures."""
    return sum_for(region_bkks(code), period)


def sum_for(organisations: Iterable[Organisation], period: Period) -> Tables:
    organisations = list(organisations)
    stored = {
        f.organisation_id: f.tables
        for f in PeriodFigures.objects.filter(
            organisation__in=organisations, period_kind=period.kind, period_start=period.start
        )
    }
    every = [stored.get(o.pk) or stored_figures(o, period) for o in organisations]
    return ipk.sum_tables(every, ipk_read.bidang_numbers())


def contract(period: Period, tables: Tables) -> dict[str, Any]:
    """The command-line contract: {"period": key, "tables": {"III/1": [ROW, ...], ...}}."""
    return {"period": period.key, "tables": {n: tables[n] for n in ipk.TABLES}}
