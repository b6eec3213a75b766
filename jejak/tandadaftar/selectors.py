"""Reads for tanda daftar: the BKK's own applications, an office's queue and its area's
schools without a valid tanda daftar, and the public verification of a certificate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejak.bkkreports.models import PlacementPlan
from jejak.organisations.models import Bkk, Organisation
from jejak.tandadaftar.models import Application, Attachment


def labour_offices_for(school: Organisation) -> QuerySet[Organisation]:
    """Labour offices whose area covers the school's regency or province."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.LABOUR_OFFICE,
        area__in=[school.region_id, school.province_code],
    ).distinct()


def applications_of(school: Organisation) -> QuerySet[Application]:
    return Application.objects.filter(organisation=school).select_related("office")


def open_application(school: Organisation) -> Application | None:
    return applications_of(school).filter(state__in=Application.OPEN).first()


def current_certificate(school: Organisation) -> Application | None:
    """The latest issued application: the certificate in force (or the last one)."""
    return (
        applications_of(school)
        .filter(state=Application.State.ISSUED)
        .order_by("-issued_on", "-id")
        .first()
    )


def get_own_application(school: Organisation, code: str) -> Application:
    found = applications_of(school).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def get_area_application(office: Organisation, code: str) -> Application:
    """An application sent to this office by a school of its area; drafts stay the BKK's."""
    found = (
        Application.objects.filter(
            code=code, office=office, organisation__region_id__in=office.area_regency_codes()
        )
        .exclude(state=Application.State.DRAFT)
        .select_related("organisation__region")
        .first()
    )
    if found is None:
        raise Http404
    return found


def get_attachment(application: Application, code: str) -> Attachment:
    found = application.attachments.filter(code=code).first()
    if found is None:
        raise Http404
    return found


def office_queue(office: Organisation, state: str) -> QuerySet[Application]:
    """Applications sent to the office, in one state (default: waiting), oldest first."""
    states = [state] if state in Application.State.values else [Application.State.SUBMITTED]
    return (
        Application.objects.filter(
            office=office,
            state__in=states,
            organisation__region_id__in=office.area_regency_codes(),
        )
        .exclude(state=Application.State.DRAFT)
        .select_related("organisation__region")
        .order_by("submitted_at", "id")
    )


@dataclass
class ChecklistItem:
    kind: str
    label: Promise
    attachment: Attachment | None
    note: str  # how the item is met without an attachment (the plan in the BKK register)

    @property
    def met(self) -> bool:
        return self.attachment is not None or bool(self.note)


def checklist(application: Application) -> list[ChecklistItem]:
    """The three documents every application carries, each met or not. The placement plan is
    also met by the BKK register's plan for `plan_year`."""
    attached = {a.kind: a for a in application.attachments.all()}
    plans = PlacementPlan.objects.filter(
        organisation=application.organisation, year=application.plan_year or 0, target__gt=0
    )
    plan_note = ""
    if application.plan_year and plans.exists():
        total = sum(p.target for p in plans if p.major_id is None) or sum(p.target for p in plans)
        plan_note = str(
            _("Rencana penempatan %(year)s di register BKK: target %(target)s orang")
            % {"year": application.plan_year, "target": total}
        )
    return [
        ChecklistItem(kind, label, attached.get(kind), plan_note if kind == "rencana_penempatan"
                      else "")
        for kind, label in Attachment.Kind.choices
    ]  # fmt: skip


# Why a school of an office's area has no valid tanda daftar.
MISSING = "none"
EXPIRED = "expired"
DEACTIVATED = "deactivated"
REASONS = {
    MISSING: _("Belum punya tanda daftar"),
    EXPIRED: _("Tanda daftar kedaluwarsa"),
    DEACTIVATED: _("Dinonaktifkan"),
}


def registration_problem(bkk: Bkk | None, today: dt.date) -> str:
    """ "" when the BKK holds a valid tanda daftar, else MISSING, EXPIRED or DEACTIVATED."""
    if bkk is None or not bkk.registration_number:
        return MISSING
    if not bkk.active:
        return DEACTIVATED
    if bkk.registration_valid_until is not None and bkk.registration_valid_until < today:
        return EXPIRED
    return ""


@dataclass
class MissingRow:
    school: Organisation
    bkk: Bkk | None
    problem: str

    @property
    def reason(self) -> Promise:
        return REASONS[self.problem]


def schools_without_registration(office: Organisation, today: dt.date) -> list[MissingRow]:
    """The area's SMKs with no tanda daftar, or an expired or deactivated one."""
    schools = (
        Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, region_id__in=office.area_regency_codes()
        )
        .select_related("region", "bkk")
        .order_by("region_id", "name")
    )
    rows = []
    for school in schools:
        bkk = getattr(school, "bkk", None)
        problem = registration_problem(bkk, today)
        if problem:
            rows.append(MissingRow(school, bkk, problem))
    return rows


@dataclass
class Verification:
    valid: bool
    application: Application | None
    reason: Promise


def verify(token: str, today: dt.date) -> Verification:
    """What the public page says of a certificate: valid only while it is the BKK's latest,
    the BKK is active and the validity has not passed."""
    found = (
        Application.objects.filter(verify_token=token, state=Application.State.ISSUED)
        .select_related("organisation__bkk", "office")
        .first()
    )
    if found is None or not token:
        return Verification(False, None, _("Tanda daftar tidak dikenal."))
    latest = current_certificate(found.organisation)
    bkk = getattr(found.organisation, "bkk", None)
    if latest is not None and latest.pk != found.pk:
        return Verification(False, found, _("Sudah diganti dengan tanda daftar yang lebih baru."))
    if bkk is None or not bkk.active:
        return Verification(False, found, _("BKK dinonaktifkan oleh dinas tenaga kerja."))
    if found.valid_until is not None and found.valid_until < today:
        return Verification(False, found, _("Masa berlaku sudah habis."))
    return Verification(True, found, _("Tanda daftar berlaku."))
