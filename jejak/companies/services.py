"""Changes to companies and their trust record. Each writes its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jejak.accounts.models import Invitation, Role
from jejak.accounts.services import invitation_create
from jejak.audit.services import log_action
from jejak.companies.models import CompanyInfo, Flag, Partnership, Vetting
from jejak.organisations.models import Organisation
from jejak.reference.models import Region

# Mail services whose domain says nothing about the company that uses them.
FREE_MAIL = {"gmail.com", "yahoo.com", "yahoo.co.id", "hotmail.com", "outlook.com", "ymail.com"}


def email_domain(email: str) -> str:
    domain = email.rpartition("@")[2].lower().strip()
    return "" if domain in FREE_MAIL else domain


@transaction.atomic
def company_create(
    *,
    name: str,
    region: Region,
    actor: Any,
    address: str = "",
    nib: str = "",
    website: str = "",
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    registered_by: Organisation | None = None,
) -> Organisation:
    """A company organisation with its details; `registered_by` is the school that added it."""
    company = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY,
        name=name,
        region=region,
        address=address,
        parent_office=registered_by,
    )
    CompanyInfo.objects.create(
        organisation=company,
        nib=nib,
        email_domain=email_domain(contact_email),
        website=website,
        contact_name=contact_name,
        contact_email=contact_email.lower(),
        contact_phone=contact_phone,
        source=CompanyInfo.Source.SCHOOL if registered_by else CompanyInfo.Source.SELF,
    )
    log_action(
        actor=actor,
        action="company.registered",
        obj=company,
        organisation=registered_by or company,
        changes={"nib": nib, "by": registered_by.name if registered_by else "self"},
    )
    return company


@transaction.atomic
def company_signup(
    *,
    name: str,
    region: Region,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    address: str = "",
    nib: str = "",
    website: str = "",
) -> tuple[Organisation, str]:
    """A company registers itself: the organisation plus an invitation for its first
    recruiter, emailed to the contact address (its one-time token is also returned)."""
    company = company_create(
        name=name, region=region, actor=None, address=address, nib=nib, website=website,
        contact_name=contact_name, contact_email=contact_email, contact_phone=contact_phone,
    )  # fmt: skip
    _invitation, token = recruiter_invite(
        company=company, name=contact_name, email=contact_email, phone=contact_phone, actor=None
    )
    return company, token


def recruiter_invite(
    *, company: Organisation, name: str, email: str, phone: str, actor: Any
) -> tuple[Invitation, str]:
    return invitation_create(
        organisation=company, role=Role.RECRUITER, name=name, email=email, phone=phone,
        invited_by=actor,
    )  # fmt: skip


def _vacancies_may_go_live() -> None:
    """Vacancies of a newly trusted company reach the boards: alert the matching alumni."""
    from jejak.jobs.tasks import send_alert_digests

    transaction.on_commit(lambda: send_alert_digests.enqueue())


@transaction.atomic
def company_vet(
    *,
    company: Organisation,
    school: Organisation,
    actor: Any,
    nib: str = "",
    email_domain: str = "",
    visited_on: dt.date | None = None,
    note: str = "",
) -> Vetting:
    """Record that `school` checked `company` and on what evidence (at least one piece)."""
    if not (nib or email_domain or visited_on):
        raise ValueError("Vetting needs evidence: an NIB, an email domain or a visit")
    vetting = Vetting.objects.create(
        company=company, organisation=school, nib=nib, email_domain=email_domain.lower(),
        visited_on=visited_on, note=note, vetted_by=actor,
    )  # fmt: skip
    log_action(
        actor=actor, action="company.vetted", obj=company, organisation=school,
        changes={"nib": nib, "email_domain": email_domain,
                 "visited_on": visited_on.isoformat() if visited_on else "", "note": note},
    )  # fmt: skip
    _vacancies_may_go_live()
    return vetting


@transaction.atomic
def company_flag(*, company: Organisation, school: Organisation, actor: Any, reason: str) -> Flag:
    """Warn every school of the province about `company`; its vacancies leave their boards."""
    flag = Flag.objects.create(company=company, organisation=school, reason=reason, raised_by=actor)
    log_action(
        actor=actor, action="company.flagged", obj=company, organisation=school,
        changes={"reason": reason},
    )  # fmt: skip
    return flag


@transaction.atomic
def flag_resolve(*, flag: Flag, school: Organisation, actor: Any, resolution: str) -> None:
    """Any school of the flag's province may close it, saying why."""
    if flag.province_code != school.province_code:
        raise PermissionError("Only a school of the same province can resolve this flag")
    flag.resolved_at, flag.resolved_by, flag.resolution = timezone.now(), actor, resolution
    flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    log_action(
        actor=actor, action="company.flag_resolved", obj=flag.company, organisation=school,
        changes={"reason": flag.reason, "resolution": resolution},
    )  # fmt: skip
    _vacancies_may_go_live()


@transaction.atomic
def partnership_record(
    *,
    company: Organisation,
    school: Organisation,
    actor: Any,
    starts_on: dt.date,
    scope: str,
    ends_on: dt.date | None = None,
    number: str = "",
) -> Partnership:
    if ends_on and ends_on < starts_on:
        raise ValueError("A partnership must end after it starts")
    partnership = Partnership.objects.create(
        organisation=school, company=company, number=number, starts_on=starts_on,
        ends_on=ends_on, scope=scope, created_by=actor,
    )  # fmt: skip
    log_action(
        actor=actor, action="company.partnership_recorded", obj=company, organisation=school,
        changes={"number": number, "starts_on": starts_on.isoformat(),
                 "ends_on": ends_on.isoformat() if ends_on else "", "scope": scope},
    )  # fmt: skip
    return partnership


# Evidence a BKK checked when vetting: once vetted, the company cannot change it itself.
VETTED_EVIDENCE = ("nib",)


# What the company reports of its workforce (the UU 8/2016 disability quota).
WORKFORCE = ("ownership", "headcount", "disabled_workers")


@transaction.atomic
def company_update(*, company: Organisation, actor: Any, data: dict[str, Any]) -> list[str]:
    """The company corrects its own details; returns the names of the fields that changed.

    The NIB is evidence a BKK checked: after vetting, a change must go through a BKK."""
    info, _ = CompanyInfo.objects.get_or_create(organisation=company)
    vetted = company.vettings.exists()
    changes: dict[str, list[str]] = {}
    for target, name in [(company, "name"), (company, "address"), (company, "region"),
                         (info, "nib"), (info, "website"), (info, "contact_name"),
                         (info, "contact_email"), (info, "contact_phone"),
                         (info, "ownership"), (info, "headcount"),
                         (info, "disabled_workers")]:  # fmt: skip
        if name not in data or (vetted and name in VETTED_EVIDENCE):
            continue
        if getattr(target, name) != data[name]:
            changes[name] = [str(getattr(target, name) or ""), str(data[name] or "")]
            setattr(target, name, data[name])
    if "contact_email" in changes:
        info.email_domain = email_domain(info.contact_email)
    if changes.keys() & set(WORKFORCE):
        info.workforce_reported_on = timezone.localdate()
    company.save()
    info.save()
    log_action(actor=actor, action="company.updated", obj=company, organisation=company,
               changes=changes)  # fmt: skip
    return list(changes)
