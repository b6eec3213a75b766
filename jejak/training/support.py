"""After training, for trainees who start a business (issue 13 item 5): the business start
as an outcome, mentoring, referrals to partners, and the alumni network a trainee joins.

Each function is one atomic change that writes its audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.outcomes.models import Activity, OutcomeEvent, Source
from jejak.reference.models import Industry
from jejak.training.models import Enrolment, Mentoring, NetworkMember, Referral


@transaction.atomic
def business_start_record(
    *, enrolment: Enrolment, actor: Any, start: dt.date, name: str,
    industry: Industry | None = None, has_workers: bool | None = None,
) -> OutcomeEvent:  # fmt: skip
    """The trainee started a business on `start`: a wirausaha event in the outcome history
    (recorded by BLK staff), which the BLK indicators read. `has_workers` is the Sakernas
    status: helped by paid workers or not."""
    status = "" if has_workers is None else "dibantu_tetap" if has_workers else "berusaha_sendiri"
    event = OutcomeEvent.objects.create(
        organisation=enrolment.organisation, alumnus=enrolment.alumnus,
        activity=Activity.SELF_EMPLOYED, start_date=start, source=Source.BKK, employer=name,
        industry=industry, employment_status=status, recorded_by=actor,
    )  # fmt: skip
    log_action(
        actor=actor, action="training.business_started", obj=event,
        organisation=enrolment.organisation,
        changes={"alumnus": enrolment.alumnus.code, "start": start.isoformat(), "name": name},
    )  # fmt: skip
    return event


@transaction.atomic
def mentoring_record(*, alumnus: Alumnus, actor: Any, data: dict[str, Any]) -> Mentoring:
    mentoring = Mentoring.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, recorded_by=actor, **data
    )
    log_action(
        actor=actor, action="training.mentoring_recorded", obj=mentoring,
        organisation=alumnus.organisation,
        changes={"alumnus": alumnus.code, "topic": mentoring.topic,
                 "date": mentoring.date.isoformat()},
    )  # fmt: skip
    return mentoring


@transaction.atomic
def referral_record(*, alumnus: Alumnus, actor: Any, data: dict[str, Any]) -> Referral:
    referral = Referral.objects.create(
        organisation=alumnus.organisation, alumnus=alumnus, recorded_by=actor, **data
    )
    log_action(
        actor=actor, action="training.referral_recorded", obj=referral,
        organisation=alumnus.organisation,
        changes={"alumnus": alumnus.code, "partner": referral.partner,
                 "date": referral.date.isoformat(), "outcome": referral.outcome},
    )  # fmt: skip
    return referral


@transaction.atomic
def network_join(*, enrolment: Enrolment, actor: Any, data: dict[str, Any]) -> NetworkMember:
    """Join (or update the listing in) the network of the enrolment's BLK and programme."""
    member, created = NetworkMember.objects.update_or_create(
        alumnus=enrolment.alumnus, programme=enrolment.batch.programme,
        defaults={"organisation": enrolment.organisation, **data,
                  "joined_by": actor if getattr(actor, "pk", None) else None},
    )  # fmt: skip
    log_action(
        actor=actor, action="training.network_joined" if created else "training.network_updated",
        obj=member, organisation=enrolment.organisation,
        changes={"programme": member.programme.own_code, "list_business": member.list_business},
    )  # fmt: skip
    return member


@transaction.atomic
def network_leave(*, member: NetworkMember, actor: Any) -> None:
    log_action(
        actor=actor, action="training.network_left", obj=member,
        organisation=member.organisation, changes={"programme": member.programme.own_code},
    )  # fmt: skip
    member.delete()
