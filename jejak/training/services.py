"""Changes to BLK training: BLKs, programmes, batches, enrolments, sign-ups, person links.

Each function is one atomic change that writes its audit event. Imports of trainee lists
live in `importing.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jejak.alumni.models import Alumnus, Consent
from jejak.audit.services import log_action
from jejak.indicators import services as indicator_services
from jejak.lib.codes import new_code
from jejak.organisations.models import Organisation
from jejak.reference.models import Industry, Occupation, Region
from jejak.tracer.models import Campaign
from jejak.tracer.services import campaign_open
from jejak.training.indicators import add_months
from jejak.training.models import Batch, Enrolment, NetworkMember, PersonLink, Programme

PROGRAMME_FIELDS = ("name", "national_code", "vocation", "competency_standard", "hours", "active")
BATCH_FIELDS = (
    "start_date", "end_date", "funding", "quota", "mode", "location", "accessibility_notes",
    "state",
)  # fmt: skip
RESULT_FIELDS = (
    "completed", "completed_on", "graduated", "graduated_on", "competent", "assessed_on",
    "certificate_number", "certification_scheme", "education", "work_before",
)  # fmt: skip


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _set(obj: Any, data: dict[str, Any], names: tuple[str, ...]) -> dict[str, list[Any]]:
    """Set the `names` present in `data` on `obj`; the changes as {field: [old, new]}."""
    changes = {}
    for name in names:
        if name in data and getattr(obj, name) != data[name]:
            changes[name] = [_plain(getattr(obj, name)), _plain(data[name])]
            setattr(obj, name, data[name])
    return changes


@transaction.atomic
def blk_create(*, institution_code: str, name: str, region: Region, actor: Any) -> Organisation:
    """A training centre (UPT BLK) with its BKK, or the existing one with that code renamed."""
    from jejak.organisations.models import Bkk

    blk = Organisation.objects.filter(
        kind=Organisation.Kind.TRAINING_CENTRE, institution_code=institution_code
    ).first()
    if blk is None:
        blk = Organisation.objects.create(
            kind=Organisation.Kind.TRAINING_CENTRE, institution_code=institution_code,
            name=name, region=region, status=Organisation.Status.PUBLIC,
        )  # fmt: skip
        Bkk.objects.create(organisation=blk)
        log_action(actor=actor, action="blk.created", obj=blk)
        return blk
    changes = _set(blk, {"name": name, "region_id": region.pk}, ("name", "region_id"))
    if changes:
        blk.save()
        log_action(actor=actor, action="blk.updated", obj=blk, changes=changes)
    return blk


@transaction.atomic
def programme_save(
    *,
    blk: Organisation,
    own_code: str,
    actor: Any,
    data: dict[str, Any],
    occupations: list[Occupation] | None = None,
    industries: list[Industry] | None = None,
) -> tuple[Programme, bool]:
    """Add the programme `own_code` to the BLK or update it; (programme, created).
    Fields absent from `data` and M2M lists given as None stay as they are."""
    programme = Programme.objects.filter(organisation=blk, own_code=own_code).first()
    created = programme is None
    if programme is None:
        programme = Programme(organisation=blk, own_code=own_code)
    changes = _set(programme, data, PROGRAMME_FIELDS)
    if created or changes:
        programme.save()
    for name, values in (("occupations", occupations), ("industries", industries)):
        if values is None:
            continue
        manager = getattr(programme, name)
        old = sorted(manager.values_list("pk", flat=True))
        new = sorted(value.pk for value in values)
        if old != new:
            manager.set(values)
            changes[name] = [old, new]
    if created:
        log_action(actor=actor, action="programme.created", obj=programme, changes=changes)
    elif changes:
        log_action(actor=actor, action="programme.updated", obj=programme, changes=changes)
    return programme, created


def _state_for(start: dt.date, end: dt.date, today: dt.date) -> str:
    if end < today:
        return Batch.State.DONE
    if start <= today:
        return Batch.State.RUNNING
    return Batch.State.OPEN


def _free_own_code(blk: Organisation, programme: Programme, start: dt.date) -> str:
    """PROGRAMME-YYMM, with -2, -3 … when the BLK already has a batch by that name."""
    base = f"{programme.own_code}-{start:%y%m}"[:26]
    taken = set(
        Batch.objects.filter(organisation=blk, own_code__startswith=base).values_list(
            "own_code", flat=True
        )
    )
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@transaction.atomic
def batch_open(
    *,
    programme: Programme,
    start_date: dt.date,
    end_date: dt.date,
    actor: Any,
    own_code: str = "",
    funding: str = Batch.Funding.APBN,
    data: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> Batch:
    """A new batch of `programme`. Without `own_code` one is generated; the state follows
    the dates (open for sign-up before the start, running, done) unless `data` sets it."""
    if end_date < start_date:
        raise ValueError("end_date before start_date")
    blk = programme.organisation
    batch = Batch(
        organisation=blk, programme=programme, start_date=start_date, end_date=end_date,
        funding=funding, own_code=own_code or _free_own_code(blk, programme, start_date),
        state=_state_for(start_date, end_date, today or timezone.localdate()),
        created_by=actor if getattr(actor, "pk", None) else None,
    )  # fmt: skip
    _set(batch, data or {}, BATCH_FIELDS)
    batch.save()
    log_action(
        actor=actor, action="batch.opened", obj=batch,
        changes={"programme": programme.own_code, "start": start_date.isoformat(),
                 "end": end_date.isoformat(), "funding": funding},
    )  # fmt: skip
    return batch


@transaction.atomic
def batch_update(*, batch: Batch, actor: Any, data: dict[str, Any]) -> dict[str, list[Any]]:
    changes = _set(batch, data, BATCH_FIELDS)
    if changes:
        batch.save()
        log_action(actor=actor, action="batch.updated", obj=batch, changes=changes)
        _mark_stale(batch)
    return changes


def _mark_stale(batch: Batch) -> None:
    indicator_services.mark_stale(batch.organisation_id, batch.cohort)


@transaction.atomic
def enrolment_results_record(
    *, enrolment: Enrolment, actor: Any, data: dict[str, Any]
) -> dict[str, list[Any]]:
    """Record a trainee's results (completion, graduation, competency test), each dated.
    A result recorded without its date takes the batch's end date."""
    data = dict(data)
    for flag, date in (("completed", "completed_on"), ("graduated", "graduated_on"),
                       ("competent", "assessed_on")):  # fmt: skip
        if data.get(flag) is not None and not data.get(date) and not getattr(enrolment, date):
            data[date] = enrolment.batch.end_date
    changes = _set(enrolment, data, RESULT_FIELDS)
    if changes:
        enrolment.save()
        log_action(actor=actor, action="enrolment.results_recorded", obj=enrolment,
                   changes=changes)  # fmt: skip
        _mark_stale(enrolment.batch)
    return changes


# --- Public sign-up ----------------------------------------------------------------------


@transaction.atomic
def signup_submit(*, batch: Batch, data: dict[str, Any]) -> Enrolment:
    """A person signs up for an open batch on the public page: their register record at the
    BLK (found by NIK, else new) and an `applied` enrolment, with consent recorded now.
    `data` holds nik, name, sex, birth_date, phone, email, address, region, education,
    work_before, disability and disability_consent (already validated)."""
    blk = batch.organisation
    now = timezone.now()
    alumnus = Alumnus.objects.filter(organisation=blk, nik=data["nik"]).first()
    if alumnus is None:
        alumnus = Alumnus(organisation=blk, nik=data["nik"], cohort=batch.cohort)
    # An anonymous form only fills what the record lacks: whoever knows a NIK must not be
    # able to change a known trainee's phone or address from a public page.
    for name in ("name", "sex", "birth_date", "phone", "email", "address", "region"):
        if data.get(name) and not getattr(alumnus, name):
            setattr(alumnus, name, data[name])
    if alumnus.consent == Consent.UNKNOWN:
        alumnus.consent, alumnus.consent_at = Consent.GIVEN, now
    alumnus.save()
    enrolment, created = Enrolment.objects.get_or_create(
        batch=batch, alumnus=alumnus,
        defaults={"organisation": blk, "status": Enrolment.Status.APPLIED,
                  "source": Enrolment.Source.SIGNUP},
    )  # fmt: skip
    if not created:
        return enrolment  # signed up (or enrolled) already: nothing to change from outside
    enrolment.education = data.get("education", "")
    enrolment.work_before = data.get("work_before", "")
    consented = bool(data.get("disability") and data.get("disability_consent"))
    enrolment.disability = data.get("disability", "") if consented else ""
    enrolment.disability_consent_at = now if consented else None
    enrolment.consent_at = now
    enrolment.save()
    log_action(actor=None, action="batch.signup_received", obj=enrolment, organisation=blk)
    return enrolment


@transaction.atomic
def signup_decide(*, enrolment: Enrolment, actor: Any, accept: bool) -> Enrolment:
    """Accept an applied sign-up into the batch, or decline it."""
    status = Enrolment.Status.ENROLLED if accept else Enrolment.Status.DECLINED
    old = enrolment.status
    enrolment.status = status
    enrolment.save(update_fields=["status", "updated_at"])
    action = "enrolment.accepted" if accept else "enrolment.declined"
    log_action(actor=actor, action=action, obj=enrolment, changes={"status": [old, status]})
    _mark_stale(enrolment.batch)
    return enrolment


# --- One person, two histories ------------------------------------------------------------


def _pair(first: Alumnus, second: Alumnus) -> PersonLink | None:
    """The answer recorded for the two records, whichever way round it was given."""
    return (
        PersonLink.objects.select_for_update()
        .filter(Q(alumnus=first, other=second) | Q(alumnus=second, other=first))
        .first()
    )


def _answer(*, trainee: Alumnus, other: Alumnus, actor: Any, answer: str) -> PersonLink:
    """Record the officer's answer for the pair: it replaces any earlier one, and is owned
    by the trainee's BLK (the organisation whose officer answered)."""
    earlier = _pair(trainee, other)
    if earlier is not None:
        earlier.delete()
    return PersonLink.objects.create(
        organisation=trainee.organisation, alumnus=trainee, other=other, answer=answer,
        decided_by=actor if getattr(actor, "pk", None) else None, decided_at=timezone.now(),
    )  # fmt: skip


def _log_pair(actor: Any, action: str, trainee: Alumnus, other: Alumnus) -> None:
    """One audit row on each record, each filed under its own organisation."""
    for record, partner in ((trainee, other), (other, trainee)):
        log_action(
            actor=actor, action=action, obj=record,
            changes={"linked_to": partner.code, "organisation": partner.organisation.name},
        )  # fmt: skip


@transaction.atomic
def person_link(*, trainee: Alumnus, other: Alumnus, actor: Any) -> str:
    """Record that the BLK's `trainee` and `other` (a record of another organisation) are
    the same person, after a staff member confirmed it. Both then share one `person_key`
    (with every record already linked to either); the key is returned. Nothing else
    changes: each record keeps its own outcome history, consent and enrolments."""
    _answer(trainee=trainee, other=other, actor=actor, answer=PersonLink.Answer.SAME)
    keys = {key for key in (trainee.person_key, other.person_key) if key}
    key = min(keys) if keys else new_code(16)
    records = Alumnus.objects.filter(pk__in=[trainee.pk, other.pk])
    if keys:
        records = records | Alumnus.objects.filter(person_key__in=keys)
    pks = list(records.values_list("pk", flat=True))
    Alumnus.objects.filter(pk__in=pks).update(person_key=key)
    for record in (trainee, other):
        record.person_key = key
    _log_pair(actor, "alumnus.person_linked", trainee, other)
    return key


@transaction.atomic
def person_not_same(*, trainee: Alumnus, other: Alumnus, actor: Any) -> PersonLink:
    """The officer answered "bukan orang yang sama": the pair is never suggested again
    (to this BLK or to the other record's BLK) unless the answer is withdrawn."""
    if trainee.person_key and trainee.person_key == other.person_key:
        raise ValueError("linked records: unlink them instead")
    found = _answer(trainee=trainee, other=other, actor=actor,
                    answer=PersonLink.Answer.NOT_SAME)  # fmt: skip
    _log_pair(actor, "alumnus.person_not_same", trainee, other)
    return found


@transaction.atomic
def person_not_same_withdraw(*, trainee: Alumnus, other: Alumnus, actor: Any) -> None:
    """Take back a "bukan orang yang sama" answer: the pair may be suggested again."""
    found = _pair(trainee, other)
    if found is None or found.answer != PersonLink.Answer.NOT_SAME:
        raise ValueError("no such answer")
    found.delete()
    _log_pair(actor, "alumnus.person_not_same_withdrawn", trainee, other)


@transaction.atomic
def person_unlink(*, trainee: Alumnus, other: Alumnus, actor: Any) -> dict[str, Any]:
    """Undo a link made by mistake: the inverse of `person_link`.

    The pair's `same` answer becomes `not_same` (an undone link is a "not the same person"
    answer, so the pair is not suggested again), and the person groups are rebuilt from the
    `same` answers that remain: a record left alone gets no key again, so its /me/ shows only
    its own history. The link never merged outcome histories, consent or enrolments, so they
    need no restoring. What the link let the other record's login do in this record's name
    is taken back: its alumni-network memberships here go. What cannot be undone: what each
    login saw of the other history while linked, and a membership that login ended."""
    found = _pair(trainee, other)
    if found is None or found.answer != PersonLink.Answer.SAME:
        raise ValueError("not linked")
    key = trainee.person_key
    _answer(trainee=trainee, other=other, actor=actor, answer=PersonLink.Answer.NOT_SAME)
    groups = _regroup(key) if key else {}
    for record in (trainee, other):
        record.person_key = groups.get(record.pk, "")
    removed = _memberships_of_other_logins(groups, actor)
    _log_pair(actor, "alumnus.person_unlinked", trainee, other)
    return {"groups": len(groups), "memberships_removed": removed}


def person_regroup(*, key: str) -> dict[int, str]:
    """Rebuild the person group `key` after a record or an answer left it (an unlink, an
    erasure): see `_regroup`."""
    return _regroup(key) if key else {}


def _regroup(key: str) -> dict[int, str]:
    """Rebuild the records now sharing `key` into the groups their `same` answers connect:
    the group holding the most records keeps the key, other groups get a new one, a record
    alone gets none. Record pk -> its key ("" when alone)."""
    members = set(Alumnus.objects.filter(person_key=key).values_list("pk", flat=True))
    edges = PersonLink.objects.filter(
        answer=PersonLink.Answer.SAME, alumnus_id__in=members, other_id__in=members
    ).values_list("alumnus_id", "other_id")
    parent = {pk: pk for pk in members}

    def root(pk: int) -> int:
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for first, second in edges:
        parent[root(first)] = root(second)
    groups: dict[int, list[int]] = {}
    for pk in sorted(members):
        groups.setdefault(root(pk), []).append(pk)
    ordered = sorted(groups.values(), key=lambda group: (-len(group), group[0]))
    keys: dict[int, str] = {}
    for index, group in enumerate(ordered):
        new = "" if len(group) == 1 else key if index == 0 else new_code(16)
        if new != key:
            Alumnus.objects.filter(pk__in=group).update(person_key=new)
        keys.update(dict.fromkeys(group, new))
    return keys


def _memberships_of_other_logins(keys: dict[int, str], actor: Any) -> int:
    """Delete network memberships on the regrouped records that a login of a record now
    in another group made (it could only reach them through the undone link)."""
    from jejak.accounts.models import Membership, Role

    def group(pk: int | None) -> str | None:
        return None if pk is None else keys.get(pk) or f"alone-{pk}"

    members = NetworkMember.objects.filter(
        alumnus_id__in=list(keys), joined_by__isnull=False
    ).select_related("programme")
    logins = dict(
        Membership.objects.filter(
            role=Role.ALUMNUS, user_id__in={m.joined_by_id for m in members}
        ).values_list("user_id", "alumnus_id")
    )
    removed = 0
    for member in members:
        own = logins.get(member.joined_by_id or 0)
        if own is None or group(own) == group(member.alumnus_id):
            continue  # staff, or the record's own login (or one still linked to it)
        log_action(
            actor=actor, action="training.network_left", obj=member,
            organisation=member.organisation,
            changes={"programme": member.programme.own_code, "reason": "person_unlinked"},
        )  # fmt: skip
        member.delete()
        removed += 1
    return removed


def batch_campaign_open(*, batch: Batch, start: dt.date, end: dt.date, actor: Any) -> Campaign:
    """Open a tracer campaign for one batch: a personal link for each of its trainees, the
    batch's end date as their graduation date and 6 months after it as the reference date."""
    blk = batch.organisation
    return campaign_open(
        owner=blk, school=blk, batch=batch, cohorts=[batch.cohort], start=start, end=end,
        actor=actor, reference_date=add_months(batch.end_date, 6),
        name=f"Penelusuran gelombang {batch.own_code} · {batch.programme.name}",
    )  # fmt: skip
