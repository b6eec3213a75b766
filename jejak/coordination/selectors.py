"""Reads for coordination pages, always from what the viewing organisation may see: the
office its own meetings, an invited organisation the meetings it was invited to."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jejak.accounts.access import Access
from jejak.coordination.models import Evaluation, FollowUp, Invitee, Meeting
from jejak.organisations.models import Organisation


def runs_meetings(access: Access) -> bool:
    return access.organisation.is_office and access.can("meetings.run")


def visible_meetings(access: Access) -> QuerySet[Meeting]:
    """The office's own meetings, or those the organisation was invited to."""
    if runs_meetings(access):
        return Meeting.objects.filter(office=access.organisation)
    if access.can("meetings.attend"):
        return Meeting.objects.filter(invitees__organisation=access.organisation)
    return Meeting.objects.none()


def get_meeting(access: Access, code: str) -> Meeting:
    """A meeting this organisation runs or was invited to; 404 for missing and others' alike."""
    found = visible_meetings(access).select_related("office").filter(code=code).first()
    if found is None:
        raise Http404
    return found


def own_invitee(access: Access, meeting: Meeting) -> Invitee | None:
    return Invitee.objects.filter(meeting=meeting, organisation=access.organisation).first()


def invitees(meeting: Meeting) -> QuerySet[Invitee]:
    return (
        Invitee.objects.filter(meeting=meeting)
        .select_related("organisation", "organisation__region", "evaluation")
        .prefetch_related("attendees")
    )


def visible_follow_ups(access: Access) -> QuerySet[FollowUp]:
    """Follow-ups of the meetings this organisation may see, with what their rows show."""
    return (
        FollowUp.objects.filter(meeting__in=visible_meetings(access).values("pk"))
        .select_related("meeting", "owner", "vacancy", "partnership")
        .order_by("state", "due_on", "pk")
    )


def get_follow_up(access: Access, meeting: Meeting, code: str) -> FollowUp:
    found = visible_follow_ups(access).filter(meeting=meeting, code=code).first()
    if found is None:
        raise Http404
    return found


def filter_follow_ups(follow_ups: QuerySet[FollowUp], state: str) -> QuerySet[FollowUp]:
    """`open`, `done`, `overdue` (open past its due date) or anything else for all."""
    if state == "overdue":
        return follow_ups.filter(state=FollowUp.State.OPEN, due_on__lt=timezone.localdate())
    if state in FollowUp.State.values:
        return follow_ups.filter(state=state)
    return follow_ups


def get_evaluation(access: Access, meeting: Meeting, code: str) -> Evaluation:
    """The office sees every evaluation of its meeting; a BKK only its own."""
    evaluations = Evaluation.objects.filter(invitee__meeting=meeting, code=code)
    if not runs_meetings(access):
        evaluations = evaluations.filter(invitee__organisation=access.organisation)
    found = evaluations.select_related("invitee__organisation").first()
    if found is None:
        raise Http404
    return found


def invitable(office: Organisation) -> QuerySet[Organisation]:
    """Who an office may invite: BKKs (schools and BLKs), BKK associations and companies of
    its area."""
    regencies = office.area_regency_codes()
    kinds = [
        Organisation.Kind.SCHOOL,
        Organisation.Kind.TRAINING_CENTRE,
        Organisation.Kind.BKK_ASSOCIATION,
        Organisation.Kind.COMPANY,
    ]
    in_area = Q(region_id__in=regencies) | Q(region_id__in=office.area.values("code"))
    return (
        Organisation.objects.filter(in_area, kind__in=kinds)
        .select_related("region")
        .order_by("kind", "region_id", "name")
    )


def pending_invitations(organisation: Organisation) -> QuerySet[Invitee]:
    """Invitations to upcoming meetings, for the invitee's home page."""
    return (
        Invitee.objects.filter(organisation=organisation, meeting__ends_at__gte=timezone.now())
        .select_related("meeting", "meeting__office")
        .order_by("meeting__starts_at")
    )


def open_follow_ups_owned(organisation: Organisation) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=organisation, state=FollowUp.State.OPEN).select_related(
        "meeting"
    )
