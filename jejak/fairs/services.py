"""Changes to fairs. Each writes its audit event; refusals raise FairRefused with a message
for the person, and save nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.fairs.models import Fair, FairCompany, FairHire, FairRegistration
from jejak.fairs.rules import alumnus_refusal
from jejak.jobs.services import placement_record
from jejak.organisations.models import Organisation

FAIR_FIELDS = [
    "kind", "title", "starts_at", "ends_at", "venue", "region", "description", "audience",
    "capacity",
]  # fmt: skip


class FairRefused(Exception):
    """A rule said no; str(error) is the message for the person."""


@transaction.atomic
def fair_schedule(*, organiser: Organisation, actor: Any, data: dict[str, Any]) -> Fair:
    fair = Fair(organiser=organiser, created_by=actor, **{k: data[k] for k in FAIR_FIELDS})
    if organiser.is_office:
        fair.audience = Fair.Audience.REGION  # an office has no alumni of its own
    fair.save()
    log_action(actor=actor, action="fair.scheduled", obj=fair, organisation=organiser,
               changes={"title": fair.title, "starts_at": fair.starts_at.isoformat()})  # fmt: skip
    return fair


@transaction.atomic
def fair_update(*, fair: Fair, actor: Any, data: dict[str, Any]) -> Fair:
    changes = {}
    for name in FAIR_FIELDS:
        old, new = getattr(fair, name), data[name]
        if old != new:
            changes[name] = [str(old), str(new)]
            setattr(fair, name, new)
    if fair.organiser.is_office:
        fair.audience = Fair.Audience.REGION
    if changes:
        fair.save()
        log_action(actor=actor, action="fair.updated", obj=fair, organisation=fair.organiser,
                   changes=changes)  # fmt: skip
    return fair


@transaction.atomic
def fair_company_register(*, fair: Fair, company: Organisation, actor: Any) -> FairCompany:
    """A company takes part (its recruiter signs it up, or the organiser adds it)."""
    if company.kind != Organisation.Kind.COMPANY:
        raise FairRefused(_("Hanya perusahaan yang bisa didaftarkan."))
    if fair.is_over:
        raise FairRefused(_("Acara ini sudah selesai."))
    entry, created = FairCompany.objects.get_or_create(
        fair=fair, company=company, defaults={"registered_by": actor}
    )
    if not created:
        raise FairRefused(_("%(company)s sudah terdaftar.") % {"company": company.name})
    log_action(actor=actor, action="fair.company_registered", obj=fair,
               organisation=fair.organiser, changes={"company": company.name})  # fmt: skip
    return entry


@transaction.atomic
def fair_company_withdraw(*, fair: Fair, company: Organisation, actor: Any) -> None:
    entry = FairCompany.objects.filter(fair=fair, company=company).first()
    if entry is None:
        return
    if entry.attended_at or FairHire.objects.filter(fair=fair, company=company).exists():
        raise FairRefused(_("Kehadiran atau perekrutan sudah dicatat; tidak bisa dibatalkan."))
    entry.delete()
    log_action(actor=actor, action="fair.company_withdrawn", obj=fair,
               organisation=fair.organiser, changes={"company": company.name})  # fmt: skip


@transaction.atomic
def fair_alumnus_register(*, fair: Fair, alumnus: Alumnus, actor: Any) -> FairRegistration:
    """Register an alumnus, if the fair is open to them and has room."""
    # Lock the fair so two last-minute registrations cannot both take the last seat.
    fair = Fair.objects.select_for_update().select_related("organiser", "region").get(pk=fair.pk)
    refusal = alumnus_refusal(fair, alumnus)
    if refusal:
        raise FairRefused(refusal)
    if FairRegistration.objects.filter(fair=fair, alumnus=alumnus).exists():
        raise FairRefused(_("Anda sudah terdaftar di acara ini."))
    if fair.capacity is not None and fair.registrations.count() >= fair.capacity:
        raise FairRefused(_("Kuota peserta acara ini sudah penuh."))
    try:
        with transaction.atomic():
            registration = FairRegistration.objects.create(fair=fair, alumnus=alumnus)
    except IntegrityError as error:  # a double tap that raced past the check above
        raise FairRefused(_("Anda sudah terdaftar di acara ini.")) from error
    log_action(actor=actor, action="fair.alumnus_registered", obj=alumnus,
               changes={"fair": fair.code, "title": fair.title})  # fmt: skip
    return registration


@transaction.atomic
def fair_alumnus_cancel(*, fair: Fair, alumnus: Alumnus, actor: Any) -> None:
    registration = FairRegistration.objects.filter(fair=fair, alumnus=alumnus).first()
    if registration is None:
        return
    if registration.attended_at:
        raise FairRefused(_("Kehadiran Anda sudah dicatat; pendaftaran tidak bisa dibatalkan."))
    registration.delete()
    log_action(actor=actor, action="fair.alumnus_cancelled", obj=alumnus,
               changes={"fair": fair.code, "title": fair.title})  # fmt: skip


def _check_attendance_day(fair: Fair) -> None:
    if timezone.localdate(fair.starts_at) > timezone.localdate():
        raise FairRefused(_("Kehadiran baru bisa dicatat mulai hari acara."))


@transaction.atomic
def attendance_set(
    *, fair: Fair, actor: Any, present: bool,
    registration: FairRegistration | None = None, company: FairCompany | None = None,
) -> None:  # fmt: skip
    """Mark an alumnus (their registration) or a company as present, or not."""
    _check_attendance_day(fair)
    target: FairRegistration | FairCompany
    if registration is not None:
        target, who = registration, registration.alumnus.name
        hires = FairHire.objects.filter(fair=fair, alumnus_id=registration.alumnus_id)
    elif company is not None:
        target, who = company, company.company.name
        hires = FairHire.objects.filter(fair=fair, company_id=company.company_id)
    else:
        raise ValueError("attendance_set needs a registration or a company")
    if target.fair_id != fair.pk:
        raise ValueError("not this fair's")
    if not present and hires.exists():
        raise FairRefused(_("Sudah ada perekrutan yang dicatat; kehadiran tetap tercatat."))
    target.attended_at = timezone.now() if present else None
    target.save(update_fields=["attended_at"])
    log_action(actor=actor, action="fair.attendance_set", obj=fair, organisation=fair.organiser,
               changes={"who": who, "present": present})  # fmt: skip


@transaction.atomic
def fair_hire_record(
    *,
    fair: Fair,
    alumnus: Alumnus,
    company: Organisation,
    job_title: str,
    start_date: dt.date,
    actor: Any,
) -> FairHire:
    """Record that `company` hired `alumnus` at `fair`, and the placement it is in the
    school's register (with its outcome event). The alumnus must have attended and the
    company must take part; a placement the register refuses undoes the whole hire."""
    registration = FairRegistration.objects.filter(fair=fair, alumnus=alumnus).first()
    if registration is None or registration.attended_at is None:
        raise FairRefused(_("Alumni ini tidak tercatat hadir di acara ini."))
    if not FairCompany.objects.filter(fair=fair, company=company).exists():
        raise FairRefused(_("Perusahaan ini tidak terdaftar di acara ini."))
    if start_date < timezone.localdate(fair.starts_at):
        raise FairRefused(_("Tanggal mulai kerja tidak boleh sebelum tanggal acara."))
    if FairHire.objects.filter(fair=fair, alumnus=alumnus, company=company).exists():
        raise FairRefused(_("Perekrutan ini sudah dicatat."))
    hire = FairHire.objects.create(
        fair=fair, alumnus=alumnus, company=company, job_title=job_title,
        start_date=start_date, recorded_by=actor,
    )  # fmt: skip
    log_action(
        actor=actor, action="fair.hire_recorded", obj=alumnus,
        changes={"fair": fair.code, "company": company.name, "job_title": job_title,
                 "start_date": start_date.isoformat()},
    )  # fmt: skip
    # A hire at a fair is a placement like any other: by name, with its outcome event.
    placement_record(
        school=alumnus.organisation, alumnus=alumnus, actor=actor, recorded_by_org=fair.organiser,
        employer=company.name, start_date=start_date, work_region=company.region,
        job_title=job_title,
    )  # fmt: skip
    return hire
