"""Changes to the BKK register and to placement reports. Each is atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.audit.services import log_action
from jejak.bkkreports.figures import figures_freeze, figures_unfreeze
from jejak.bkkreports.models import PersonInCharge, PlacementPlan, PlacementReport
from jejak.bkkreports.periods import Period
from jejak.organisations.models import Bkk, Organisation
from jejak.organisations.selectors import bkk_deactivated
from jejak.reference.models import Major

REGISTER_FIELDS = [
    "name", "registration_number", "registration_date", "registration_office",
    "decree_number", "decree_date",
]  # fmt: skip


class ReportError(ValueError):
    """A report action that its state does not allow; the message is for the user."""


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | bool | type(None)) else str(value)


@transaction.atomic
def bkk_register_update(*, bkk: Bkk, actor: Any, data: dict[str, Any]) -> Bkk:
    """Save the BKK's own register entry; the audit row records old and new values."""
    # Compare with the stored row: a bound ModelForm has already copied its data onto `bkk`.
    if bkk.pk is not None:
        bkk = Bkk.objects.select_for_update().get(pk=bkk.pk)
    changes = {}
    for name in REGISTER_FIELDS:
        if name in data and getattr(bkk, name) != data[name]:
            changes[name] = [_plain(getattr(bkk, name)), _plain(data[name])]
            setattr(bkk, name, data[name])
    if changes or bkk.pk is None:
        bkk.save()
        log_action(actor=actor, action="bkk.register_updated", obj=bkk,
                   organisation=bkk.organisation, changes=changes)  # fmt: skip
    return bkk


@transaction.atomic
def person_in_charge_change(
    *, bkk: Bkk, actor: Any, name: str, phone: str, position: str, start_date: dt.date
) -> PersonInCharge:
    """Record a new person in charge from `start_date`, closing the current entry the day
    before. A change on a registered BKK asks the labour office to reissue its tanda daftar."""
    organisation = bkk.organisation
    current = (
        PersonInCharge.objects.select_for_update()
        .filter(organisation=organisation, end_date=None)
        .first()
    )
    if current is not None:
        if start_date <= current.start_date:
            raise ReportError(_("Tanggal mulai harus sesudah tanggal mulai penanggung jawab lama."))
        current.end_date = start_date - dt.timedelta(days=1)
        current.save(update_fields=["end_date"])
    person = PersonInCharge.objects.create(
        organisation=organisation, name=name, phone=phone, position=position,
        start_date=start_date,
    )  # fmt: skip
    if current is not None and bkk.registration_number:
        bkk.reissue_needed_since = start_date
        bkk.save(update_fields=["reissue_needed_since"])
    log_action(actor=actor, action="bkk.person_in_charge_changed", obj=bkk,
               organisation=organisation,
               changes={"person_in_charge": [current.name if current else None, name],
                        "start_date": start_date.isoformat()})  # fmt: skip
    return person


@transaction.atomic
def registration_reissue(
    *, bkk: Bkk, office: Organisation, actor: Any, number: str, date: dt.date
) -> Bkk:
    """The labour office issues a new tanda daftar; the reissue flag is cleared."""
    changes = {"registration_number": [bkk.registration_number, number],
               "registration_date": [_plain(bkk.registration_date), date.isoformat()]}  # fmt: skip
    bkk.registration_number, bkk.registration_date = number, date
    bkk.registration_office = office
    bkk.reissue_needed_since = None
    bkk.save()
    for organisation in (bkk.organisation, office):
        log_action(actor=actor, action="bkk.registration_reissued", obj=bkk,
                   organisation=organisation, changes=changes)  # fmt: skip
    return bkk


@transaction.atomic
def plan_set(
    *, organisation: Organisation, actor: Any, year: int, major: Major | None, target: int
) -> PlacementPlan:
    plan, _created = PlacementPlan.objects.update_or_create(
        organisation=organisation, province_code=organisation.province_code, year=year,
        major=major, defaults={"target": target},
    )  # fmt: skip
    log_action(actor=actor, action="bkk.plan_set", obj=organisation, organisation=organisation,
               changes={"year": year, "major": str(major or ""), "target": target})  # fmt: skip
    return plan


def _refuse_deactivated(organisation: Organisation) -> None:
    if bkk_deactivated(organisation):
        raise ReportError(_("BKK ini dinonaktifkan dinas tenaga kerja dan tidak bisa menyusun "
                            "atau mengirim laporan sampai tanda daftar baru terbit."))  # fmt: skip


@transaction.atomic
def report_generate(*, organisation: Organisation, period: Period, actor: Any) -> PlacementReport:
    """Queue the report's (re)generation. A draft is rebuilt in place; after a return a new
    version starts; a report under review or acknowledged cannot be regenerated."""
    _refuse_deactivated(organisation)
    versions = PlacementReport.objects.select_for_update().filter(
        organisation=organisation, period_kind=period.kind, period_start=period.start
    )
    latest = versions.order_by("-version").first()
    if latest is not None and latest.state in {latest.State.SUBMITTED, latest.State.ACKNOWLEDGED}:
        raise ReportError(_("Laporan periode ini sudah dikirim dan tidak dapat disusun ulang."))
    if latest is not None and not latest.sent:
        report = latest
        report.state, report.done_steps, report.total_steps = report.State.QUEUED, 0, 0
        report.data, report.message, report.created_by = {}, "", actor
        report.save()
    else:
        number = (versions.aggregate(top=Max("version"))["top"] or 0) + 1
        report = PlacementReport.objects.create(
            organisation=organisation, period_kind=period.kind, period_start=period.start,
            version=number, created_by=actor,
        )  # fmt: skip
    log_action(actor=actor, action="bkk_report.generated", obj=report, organisation=organisation,
               changes={"period": period.key, "version": report.version})  # fmt: skip
    from jejak.bkkreports.tasks import run_report

    run_report.enqueue(report.code)
    return report


@transaction.atomic
def report_submit(*, report: PlacementReport, actor: Any) -> PlacementReport:
    """Send a reviewed report to the labour office; its JSON is frozen from here on."""
    report = PlacementReport.objects.select_for_update().get(pk=report.pk)
    _refuse_deactivated(report.organisation)
    if report.state != report.State.READY:
        raise ReportError(_("Hanya laporan yang sudah selesai disusun yang dapat dikirim."))
    report.state, report.submitted_by, report.submitted_at = (
        report.State.SUBMITTED, actor, timezone.now(),
    )  # fmt: skip
    report.save()
    figures_freeze(report)
    log_action(actor=actor, action="bkk_report.submitted", obj=report,
               changes={"period": report.period.key, "version": report.version})  # fmt: skip
    return report


@transaction.atomic
def report_review(
    *, report: PlacementReport, office: Organisation, actor: Any, accept: bool, comment: str
) -> PlacementReport:
    """The labour office acknowledges a submitted report, or returns it with a comment."""
    report = PlacementReport.objects.select_for_update().get(pk=report.pk)
    if report.state != report.State.SUBMITTED:
        raise ReportError(_("Laporan ini tidak sedang menunggu pemeriksaan."))
    if not accept and not comment.strip():
        raise ReportError(_("Tulis alasan pengembalian di kolom catatan."))
    report.state = report.State.ACKNOWLEDGED if accept else report.State.RETURNED
    report.review_office, report.reviewed_by, report.reviewed_at = office, actor, timezone.now()
    report.review_comment = comment.strip()
    report.save()
    if not accept:
        figures_unfreeze(report)
    action = "bkk_report.acknowledged" if accept else "bkk_report.returned"
    for organisation in (report.organisation, office):
        log_action(actor=actor, action=action, obj=report, organisation=organisation,
                   changes={"comment": report.review_comment})  # fmt: skip
    return report
