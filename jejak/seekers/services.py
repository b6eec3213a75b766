"""Writes to the job-seeker register: open a registration, end it by placement or removal."""

from __future__ import annotations

import datetime as dt
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
    # One by one, in the order given: IPK III/3 counts a person under the first job sought.
    for occupation in occupations:
        registration.occupations_sought.add(occupation)
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
    registration = Registration.objects.filter(
        organisation_id=placement.organisation_id, alumnus_id=placement.alumnus_id, ended_on=None
    ).first()
    if registration is None or placement.start_date < registration.registered_on:
        return None
    return registration_end(
        registration=registration, actor=actor, ended_on=placement.start_date,
        reason=EndReason.PLACED, placement=placement,
    )  # fmt: skip
