"""Changes to the alumni register. Each writes its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jejak.alumni.models import REGISTER_FIELDS, Alumnus, SchoolClass
from jejak.audit.services import log_action
from jejak.indicators import services as indicator_services
from jejak.outcomes.models import OutcomeEvent


def _value(alumnus: Alumnus, name: str) -> Any:
    value = getattr(alumnus, f"{name}_id", None) if name in _FOREIGN else getattr(alumnus, name)
    return value.isoformat() if isinstance(value, dt.date) else value


_FOREIGN = {"major", "school_class", "region"}


@transaction.atomic
def alumnus_update(*, alumnus: Alumnus, actor: Any, data: dict[str, Any]) -> dict[str, list]:
    """Set register fields from `data` (a form's cleaned data) and log what changed."""
    changes: dict[str, list] = {}
    for name in REGISTER_FIELDS:
        if name not in data:
            continue
        old = _value(alumnus, name)
        setattr(alumnus, name, data[name])
        new = _value(alumnus, name)
        if old != new:
            changes[name] = [old, new]
    if changes:
        alumnus.save()
        log_action(actor=actor, action="alumnus.updated", obj=alumnus, changes=changes)
        indicator_services.mark_stale(alumnus.organisation_id, alumnus.cohort)
    return changes


def alumnus_delete_on_request(*, alumnus: Alumnus, actor: Any, reason: str) -> Any:
    """UU PDP erasure on the person's request: see `jejak.privacy.erasure.person_erase`,
    which reaches every place the inventory lists (account, trail, files, reports)."""
    from jejak.privacy.erasure import person_erase  # privacy builds on every app

    return person_erase(alumnus=alumnus, actor=actor, reason=reason)


@transaction.atomic
def consent_record(*, alumnus: Alumnus, actor: Any, state: str, note: str = "") -> Any:
    """Record the alumnus's consent as stated on paper or in person, with when and who.
    A refusal or withdrawal removes the answers and outcomes that rested on consent
    (`privacy.consent`); the number removed, or None when consent was given."""
    from jejak.privacy.consent import ENDED, consent_end  # privacy builds on every app

    if state in ENDED:
        return consent_end(
            alumnus=alumnus, actor=actor, state=state, action="alumnus.consent_recorded",
            note=note,
        )  # fmt: skip
    old = alumnus.consent
    alumnus.consent, alumnus.consent_at = state, timezone.now()
    alumnus.save(update_fields=["consent", "consent_at", "updated_at"])
    log_action(
        actor=actor,
        action="alumnus.consent_recorded",
        obj=alumnus,
        changes={"consent": [old, state], "note": note},
    )
    return None


@transaction.atomic
def class_assign_teacher(*, school_class: SchoolClass, teacher: Any, actor: Any) -> None:
    old = school_class.homeroom_teacher
    school_class.homeroom_teacher = teacher
    school_class.save(update_fields=["homeroom_teacher"])
    log_action(
        actor=actor,
        action="class.teacher_assigned",
        obj=school_class,
        changes={"homeroom_teacher": [str(old or ""), str(teacher or "")]},
    )


@transaction.atomic
def alumnus_create(*, organisation: Any, actor: Any, data: dict[str, Any]) -> Alumnus:
    """Add one graduate by hand (someone missing from Dapodik, a BLK trainee)."""
    alumnus = Alumnus(organisation=organisation)
    for name in REGISTER_FIELDS:
        if name in data:
            setattr(alumnus, name, data[name])
    alumnus.save()
    log_action(actor=actor, action="alumnus.created", obj=alumnus)
    indicator_services.mark_stale(alumnus.organisation_id, alumnus.cohort)
    return alumnus


@transaction.atomic
def alumni_merge(*, keep: Alumnus, duplicate: Alumnus, actor: Any) -> Alumnus:
    """Fold `duplicate` into `keep`: fill `keep`'s empty fields, move its history, delete it.

    Both must belong to the same school; the caller has checked access to both.
    """
    if keep.organisation_id != duplicate.organisation_id or keep.pk == duplicate.pk:
        raise ValueError("Only two different records of one school can be merged")
    filled = {}
    for name in REGISTER_FIELDS:
        mine, theirs = _value(keep, name), _value(duplicate, name)
        if mine in ("", None) and theirs not in ("", None):
            attr = f"{name}_id" if name in _FOREIGN else name
            setattr(keep, attr, getattr(duplicate, attr))
            filled[name] = [mine, theirs]
    if duplicate.consent_at and (not keep.consent_at or duplicate.consent_at > keep.consent_at):
        keep.consent, keep.consent_at = duplicate.consent, duplicate.consent_at
    OutcomeEvent.objects.filter(alumnus=duplicate).update(alumnus=keep)
    duplicate_label = f"{duplicate.name} ({duplicate.nisn or duplicate.code})"
    # The unique NISN must be free before `keep` can take it over.
    duplicate.delete()
    keep.updated_at = timezone.now()
    keep.save()
    indicator_services.mark_stale(keep.organisation_id, keep.cohort)
    log_action(
        actor=actor,
        action="alumnus.merged",
        obj=keep,
        # The code lets erasure find the duplicate's own trail, filed under that code.
        changes={"merged_from": duplicate_label, "merged_code": duplicate.code, **filled},
    )
    return keep
