"""Coordination meetings for tests: a labour office's meeting with the tenant's school and
company invited, a follow-up each, and the school's evaluation with a file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jejak.coordination import services
from jejak.coordination.models import Attendee, Evaluation, FollowUp, Meeting
from jejak.profiles.uploads import detect_type
from tests.bkk_support import labour_analyst
from tests.conftest import Tenant

PDF = b"%PDF-1.4\n% evaluasi program kerja\n"


def make_meeting(t: Tenant, *, days: float = 7, actor: Any = None) -> Meeting:
    starts = timezone.now() + dt.timedelta(days=days)
    return services.meeting_create(
        office=t.labour_office,
        actor=actor or labour_analyst(t),
        data={
            "title": "Rakor Penguatan Kapasitas BKK",
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=4),
            "place": "Aula Disnaker",
            "online_link": "",
            "agenda": "Penguatan kapasitas BKK; kebutuhan perusahaan",
        },
    )


def meeting_today(t: Tenant) -> Meeting:
    """The tenant's meeting, started an hour ago, with the school and company invited, the
    school coming with one person, a follow-up for the company and the school's evaluation."""
    existing = Meeting.objects.filter(office=t.labour_office).first()
    if existing:
        return existing
    analyst = labour_analyst(t)
    meeting = make_meeting(t, days=1, actor=analyst)
    services.invitees_add(meeting=meeting, organisations=[t.school, t.company], actor=analyst)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1),
        ends_at=timezone.now() + dt.timedelta(hours=3),
    )
    meeting.refresh_from_db()
    school = meeting.invitees.get(organisation=t.school)
    services.invitee_respond(
        invitee=school, coming=True, people=[("Sri", "Ketua BKK")], actor=t.bkk
    )
    services.follow_up_add(
        meeting=meeting,
        kind="vacancy",
        description="Unggah lowongan operator",
        owner=t.company,
        due_on=timezone.localdate() + dt.timedelta(days=14),
        actor=analyst,
    )
    services.evaluation_submit(
        invitee=school,
        text="Pembekalan mental dan uji keterampilan",
        actor=t.bkk,
        data=PDF,
        file_type=detect_type(PDF),
    )
    return meeting


def attendee_of(t: Tenant) -> Attendee:
    return Attendee.objects.filter(invitee__meeting=meeting_today(t)).first()  # type: ignore[return-value]


def follow_up_of(t: Tenant) -> FollowUp:
    return FollowUp.objects.filter(meeting=meeting_today(t)).first()  # type: ignore[return-value]


def evaluation_of(t: Tenant) -> Evaluation:
    return Evaluation.objects.filter(invitee__meeting=meeting_today(t)).first()  # type: ignore[return-value]
