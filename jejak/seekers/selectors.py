"""Reads of the job-seeker register, always for one BKK (its organisation)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from jejak.accounts.access import Access
from jejak.alumni.models import Alumnus
from jejak.jobs.models import Placement
from jejak.organisations.models import Organisation
from jejak.outcomes.models import Activity, OutcomeEvent
from jejak.seekers.models import HIRE_REPORT_DAYS, Registration

WORK = (Activity.WORKING, Activity.SELF_EMPLOYED)


def registrations(organisation: Organisation) -> QuerySet[Registration]:
    return Registration.objects.filter(organisation=organisation).select_related("alumnus", "major")


def get_registration(access: Access, code: str) -> Registration:
    """One registration of the BKK's own; another BKK's answers 404 like a missing one."""
    found = registrations(access.organisation).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def open_registration(alumnus: Alumnus) -> Registration | None:
    return Registration.objects.filter(
        organisation_id=alumnus.organisation_id, alumnus=alumnus, ended_on=None
    ).first()


@dataclass(frozen=True)
class KnownHire:
    """A registered seeker known to work (a placement or an answer) whose registration is
    still open: they had to report it within 14 days."""

    registration: Registration
    since: dt.date
    source: str  # "placement" or the outcome event's source

    def overdue(self, today: dt.date) -> bool:
        return (today - self.since).days > HIRE_REPORT_DAYS


def known_hires(organisation: Organisation) -> list[KnownHire]:
    """Open registrations whose person started work on or after registering."""
    open_ones = {r.alumnus_id: r for r in registrations(organisation).filter(ended_on=None)}
    if not open_ones:
        return []
    found: dict[int, KnownHire] = {}
    placements = Placement.objects.filter(alumnus_id__in=open_ones).values_list(
        "alumnus_id", "start_date"
    )
    events = OutcomeEvent.objects.filter(
        Q(alumnus_id__in=open_ones) & Q(activity__in=WORK)
    ).values_list("alumnus_id", "start_date", "source")
    candidates = [(a, d, "placement") for a, d in placements] + list(events)
    for alumnus_id, start, source in sorted(candidates, key=lambda row: row[1]):
        registration = open_ones[alumnus_id]
        if start >= registration.registered_on and alumnus_id not in found:
            found[alumnus_id] = KnownHire(registration, start, source)
    return sorted(found.values(), key=lambda hire: hire.since)
