"""Writes to the job-seeker register: open a registration, end it by placement or removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejak.alumni.models import Alumnus
from jejak.audit.services import log_action
from jejak.organisations.models import Organisation
from jejak.seekers.models import EndReason, Registration, RegistrationSource


class RegistrationRefused(ValueError):
    """A registration change that would break the register; the message says why."""


@transaction.atomic
def registration_open(
    *,
    organisation: Organisation,
    alumnus: Alumnus,
    actor: Any,
    source: RegistrationSource,
    registered_on: dt.date,
    **fields: Any,
) -> Registration:
    """Register `alumnus` as a job seeker of `organisation`'s BKK from `registered_on`.
    `fields` are other Registration fields (education, major, ak1_number, ...); the many-to-many
    `occupations_sought` and `regions_sought` may be given as iterables."""
    if alumnus.organisation_id != organisation.pk:
        raise RegistrationRefused(_("Alumni ini bukan dari lembaga ini."))
    if Registration.objects.filter(
        organisation=organisation, alumnus=alumnus, ended_on=None
    ).exists():
        raise RegistrationRefused(_("Alumni ini sudah terdaftar sebagai pencari kerja."))
    occupations = fields.pop("occupations_sought", ())
    regions = fields.pop("regions_sought", ())
    registration = Registration.objects.create(
        organisation=organisation, alumnus=alumnus, registered_on=registered_on, source=source,
        created_by=actor if getattr(actor, "pk", None) else None, **fields,
    )  # fmt: skip
    set_sought(registration, occupations)
    registration.regions_sought.set(regions)
    log_action(
        actor=actor, action="seeker.registered", obj=registration, organisation=organisation,
        changes={"alumnus": alumnus.code, "registered_on": registered_on.isoformat(),
                 "source": str(source)},
    )  # fmt: skip
    return registration


@transaction.atomic
def registration_end(
    *,
    registration: Registration,
    actor: Any,
    ended_on: dt.date,
    reason: EndReason,
    note: str = "",
    placement: Any = None,
) -> Registration:
    """End an open registration on `ended_on`: by placement (`reason` placed, with the
    placement) or by removal with one of the removal reasons."""
    if not registration.is_open:
        raise RegistrationRefused(_("Pendaftaran ini sudah berakhir."))
    if ended_on < registration.registered_on:
        raise RegistrationRefused(
            _("Tanggal berakhir (%(end)s) sebelum tanggal pendaftaran (%(start)s).")
            % {"end": ended_on.isoformat(), "start": registration.registered_on.isoformat()}
        )
    registration.ended_on = ended_on
    registration.end_reason = reason
    registration.end_note = note
    registration.placement = placement
    registration.save(
        update_fields=["ended_on", "end_reason", "end_note", "placement", "updated_at"]
    )
    log_action(
        actor=actor, action="seeker.ended", obj=registration,
        organisation=registration.organisation,
        changes={"ended_on": ended_on.isoformat(), "reason": str(reason), "note": note},
    )  # fmt: skip
    return registration


def registration_end_by_placement(*, placement: Any, actor: Any) -> Registration | None:
    """A placement ends the person's open registration with the BKK on its start date (the
    import contract's rule). Nothing to end: None. A placement dated before the registration
    leaves it open: the person registered after that job."""
    mine = Registration.objects.filter(
        organisation_id=placement.organisation_id, alumnus_id=placement.alumnus_id
    )
    # A history import may have ended it already, as placed on that day: link the two.
    placed = mine.filter(
        ended_on=placement.start_date, end_reason=EndReason.PLACED, placement=None
    ).first()
    if placed is not None:
        placed.placement = placement
        placed.save(update_fields=["placement", "updated_at"])
        return placed
    registration = mine.filter(ended_on=None).first()
    if registration is None or placement.start_date < registration.registered_on:
        return None
    return registration_end(
        registration=registration, actor=actor, ended_on=placement.start_date,
        reason=EndReason.PLACED, placement=placement,
    )  # fmt: skip


def set_sought(registration: Registration, occupations: Iterable[Any]) -> None:
    """Replace the jobs sought, one by one in the order given: IPK III/3 counts a person
    under the first job sought (`Registration.sought_codes`)."""
    registration.occupations_sought.clear()
    for occupation in occupations:
        registration.occupations_sought.add(occupation)


REGISTRATION_EDITABLE = (
    "ak1_number", "education", "major", "skills", "certificates", "willing_to_relocate",
    "disability_category", "disability_consent", "forwarding_consent",
)  # fmt: skip


@transaction.atomic
def registration_update(*, registration: Registration, actor: Any, data: dict[str, Any]) -> int:
    """Correct a registration's AK/1 fields, audited field by field; the number changed.
    Withdrawing disability consent erases the category with it."""
    if not data.get("disability_consent", registration.disability_consent):
        data = {**data, "disability_category": ""}
    changes: dict[str, list[str]] = {}
    for name in REGISTRATION_EDITABLE:
        if name in data and getattr(registration, name) != data[name]:
            changes[name] = [str(getattr(registration, name) or ""), str(data[name] or "")]
            setattr(registration, name, data[name])
    if "occupations_sought" in data:
        before, after = registration.sought_codes(), [o.pk for o in data["occupations_sought"]]
        if before != after:
            changes["occupations_sought"] = [",".join(before), ",".join(after)]
            set_sought(registration, data["occupations_sought"])
    if "regions_sought" in data:
        related = registration.regions_sought
        before = sorted(related.values_list("pk", flat=True))
        after = sorted(region.pk for region in data["regions_sought"])
        if before != after:
            changes["regions_sought"] = [",".join(before), ",".join(after)]
            related.set(data["regions_sought"])
    if changes:
        registration.save()
        log_action(actor=actor, action="seeker.updated", obj=registration,
                   organisation=registration.organisation, changes=changes)  # fmt: skip
    return len(changes)


def registration_report_in(*, registration: Registration, actor: Any, day: dt.date) -> None:
    """The six-monthly report (lapor) of a registered seeker: still looking."""
    if not registration.is_open:
        raise RegistrationRefused(_("Pendaftaran ini sudah berakhir."))
    registration.last_reported_on = day
    registration.save(update_fields=["last_reported_on", "updated_at"])
    log_action(
        actor=actor, action="seeker.reported", obj=registration,
        organisation=registration.organisation, changes={"day": day.isoformat()},
    )  # fmt: skip
