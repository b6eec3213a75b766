"""Changes to coordination meetings. Each writes its audit event; refusals raise
MeetingRefused with a message for the person and save nothing. Mail goes out on commit."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejak.audit.services import log_action
from jejak.coordination.models import Attendee, Evaluation, FollowUp, Invitee, Meeting
from jejak.coordination.notify import tell_members
from jejak.organisations.models import Organisation
from jejak.profiles.uploads import FileType

MEETING_FIELDS = ["title", "starts_at", "ends_at", "place", "online_link", "agenda"]
EVALUATIONS_DIR = "meetings"


class MeetingRefused(Exception):
    """A rule said no; str(error) is the message for the person."""


@transaction.atomic
def meeting_create(*, office: Organisation, actor: Any, data: dict[str, Any]) -> Meeting:
    meeting = Meeting.objects.create(
        office=office, created_by=actor, **{k: data[k] for k in MEETING_FIELDS}
    )
    log_action(
        actor=actor,
        action="meeting.created",
        obj=meeting,
        organisation=office,
        changes={"title": meeting.title, "starts_at": meeting.starts_at.isoformat()},
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Any, data: dict[str, Any]) -> Meeting:
    changes = {}
    for name in MEETING_FIELDS:
        old, new = getattr(meeting, name), data[name]
        if old != new:
            changes[name] = [str(old), str(new)]
            setattr(meeting, name, new)
    if changes:
        meeting.save()
        log_action(
            actor=actor,
            action="meeting.updated",
            obj=meeting,
            organisation=meeting.office,
            changes=changes,
        )
        _tell_invitees(meeting, _("Rapat %(title)s diubah: %(when)s.") % _what(meeting))
    return meeting


def _what(meeting: Meeting) -> dict[str, str]:
    when = timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y %H:%M")
    return {"title": meeting.title, "when": when}


def _tell_invitees(meeting: Meeting, text: str, only: Iterable[Organisation] | None = None) -> None:
    organisations = only if only is not None else [i.organisation for i in meeting.invitees.all()]
    for organisation in organisations:
        tell_members(organisation=organisation, meeting=meeting, text=text)


@transaction.atomic
def invitees_add(
    *, meeting: Meeting, organisations: Iterable[Organisation], actor: Any
) -> list[Invitee]:
    """Invite organisations (already checked to be in the office's area); those invited
    before are left as they are. Each new invitee's people get a message and an email."""
    if meeting.is_over:
        raise MeetingRefused(_("Rapat ini sudah selesai; undangan tidak bisa ditambah."))
    already = set(meeting.invitees.values_list("organisation_id", flat=True))
    added = [
        Invitee.objects.create(meeting=meeting, organisation=org)
        for org in organisations
        if org.pk not in already
    ]
    if added:
        log_action(
            actor=actor,
            action="meeting.invited",
            obj=meeting,
            organisation=meeting.office,
            changes={"invited": [i.organisation.name for i in added]},
        )
        text = _("Undangan rapat koordinasi: %(title)s, %(when)s.") % _what(meeting)
        _tell_invitees(meeting, text, only=[i.organisation for i in added])
    return added


@transaction.atomic
def invitee_respond(
    *, invitee: Invitee, coming: bool, people: list[tuple[str, str]], actor: Any
) -> Invitee:
    """The invitee answers: who will come (name, position), or that nobody will. Announced
    people replace the earlier list; people the office already marked present stay."""
    if invitee.meeting.is_over:
        raise MeetingRefused(_("Rapat ini sudah selesai."))
    if coming and not people:
        raise MeetingRefused(_("Tuliskan paling sedikit satu nama yang akan hadir."))
    invitee.attendees.filter(attended__isnull=True).delete()
    for name, position in people if coming else []:
        Attendee.objects.create(invitee=invitee, name=name, position=position)
    invitee.response = Invitee.Response.COMING if coming else Invitee.Response.DECLINED
    invitee.responded_at = timezone.now()
    invitee.save(update_fields=["response", "responded_at"])
    log_action(
        actor=actor,
        action="meeting.responded",
        obj=invitee.meeting,
        organisation=invitee.organisation,
        changes={"response": invitee.response, "people": [n for n, _p in people]},
    )
    return invitee


def _check_attendance_day(meeting: Meeting) -> None:
    if timezone.localdate(meeting.starts_at) > timezone.localdate():
        raise MeetingRefused(_("Kehadiran baru bisa dicatat mulai hari rapat."))


@transaction.atomic
def attendance_set(*, attendee: Attendee, present: bool, actor: Any) -> None:
    """The office marks an announced person present or absent."""
    meeting = attendee.invitee.meeting
    _check_attendance_day(meeting)
    attendee.attended = present
    attendee.save(update_fields=["attended"])
    log_action(
        actor=actor,
        action="meeting.attendance_set",
        obj=meeting,
        organisation=meeting.office,
        changes={
            "who": attendee.name,
            "from": attendee.invitee.organisation.name,
            "present": present,
        },
    )


@transaction.atomic
def walk_in_add(*, invitee: Invitee, name: str, position: str, actor: Any) -> Attendee:
    """The office records someone who came without being announced."""
    meeting = invitee.meeting
    _check_attendance_day(meeting)
    attendee = Attendee.objects.create(invitee=invitee, name=name, position=position, attended=True)
    log_action(
        actor=actor,
        action="meeting.attendance_set",
        obj=meeting,
        organisation=meeting.office,
        changes={"who": name, "from": invitee.organisation.name, "present": True},
    )
    return attendee


@transaction.atomic
def minutes_save(*, meeting: Meeting, text: str, actor: Any) -> Meeting:
    if text == meeting.minutes:
        return meeting
    first = not meeting.minutes
    meeting.minutes, meeting.minutes_updated_at = text, timezone.now()
    meeting.save(update_fields=["minutes", "minutes_updated_at"])
    log_action(
        actor=actor,
        action="meeting.minutes_saved",
        obj=meeting,
        organisation=meeting.office,
        changes={"length": len(text)},
    )
    if first:
        _tell_invitees(meeting, _("Notulen rapat %(title)s sudah tersedia.") % _what(meeting))
    return meeting


def follow_up_owners(meeting: Meeting) -> list[Organisation]:
    """Who may own a follow-up: the office and every invitee."""
    invited = Organisation.objects.filter(meeting_invites__meeting=meeting).order_by("kind", "name")
    return [meeting.office, *invited]


@transaction.atomic
def follow_up_add(
    *,
    meeting: Meeting,
    kind: str,
    description: str,
    owner: Organisation,
    due_on: dt.date,
    actor: Any,
) -> FollowUp:
    if owner not in follow_up_owners(meeting):
        raise MeetingRefused(_("Penanggung jawab harus kantor ini atau salah satu undangan."))
    follow_up = FollowUp.objects.create(
        meeting=meeting, kind=kind, description=description, owner=owner, due_on=due_on
    )
    log_action(
        actor=actor,
        action="meeting.follow_up_added",
        obj=follow_up,
        organisation=meeting.office,
        changes={
            "kind": kind,
            "owner": owner.name,
            "due_on": due_on.isoformat(),
            "description": description[:200],
        },
    )
    if owner.pk != meeting.office_id:
        text = _("Tindak lanjut rapat %(title)s untuk Anda: %(what)s (tenggat %(due)s).") % {
            "title": meeting.title,
            "what": description[:120],
            "due": due_on.strftime("%d-%m-%Y"),
        }
        tell_members(organisation=owner, meeting=meeting, text=text)
    return follow_up


@transaction.atomic
def follow_up_done(
    *,
    follow_up: FollowUp,
    done_on: dt.date,
    note: str,
    actor: Any,
    vacancy: Any = None,
    partnership: Any = None,
) -> FollowUp:
    """The owner (or the office) marks a follow-up done, with a note and the date, and for a
    vacancy or an MoU the record it led to, when there is one."""
    if follow_up.state == FollowUp.State.DONE:
        raise MeetingRefused(_("Tindak lanjut ini sudah selesai."))
    if done_on > timezone.localdate():
        raise MeetingRefused(_("Tanggal selesai tidak boleh di masa depan."))
    follow_up.state, follow_up.done_on, follow_up.done_note = FollowUp.State.DONE, done_on, note
    follow_up.vacancy = vacancy if follow_up.kind == FollowUp.Kind.VACANCY else None
    follow_up.partnership = partnership if follow_up.kind == FollowUp.Kind.MOU else None
    follow_up.save()
    log_action(
        actor=actor,
        action="meeting.follow_up_done",
        obj=follow_up,
        organisation=follow_up.meeting.office,
        changes={
            "done_on": done_on.isoformat(),
            "note": note[:200],
            "vacancy": getattr(vacancy, "code", ""),
            "partnership": getattr(partnership, "code", ""),
        },
    )
    return follow_up


@transaction.atomic
def follow_up_reopen(*, follow_up: FollowUp, actor: Any) -> FollowUp:
    """The office reopens a follow-up marked done by mistake; the done note stays as it was
    written (the audit trail keeps the date)."""
    if follow_up.state != FollowUp.State.DONE:
        raise MeetingRefused(_("Tindak lanjut ini masih terbuka."))
    follow_up.state, follow_up.done_on = FollowUp.State.OPEN, None
    follow_up.save(update_fields=["state", "done_on"])
    log_action(
        actor=actor,
        action="meeting.follow_up_reopened",
        obj=follow_up,
        organisation=follow_up.meeting.office,
    )
    return follow_up


@transaction.atomic
def evaluation_submit(
    *, invitee: Invitee, text: str, actor: Any, data: bytes = b"", file_type: FileType | None = None
) -> Evaluation:
    """A BKK attaches (or replaces) its programme evaluation. The file, already checked by
    the form (type from its first bytes, size), is saved through Django's storage under a
    random name; a replaced file is deleted once the new row is committed."""
    if invitee.organisation.kind not in {
        Organisation.Kind.SCHOOL,
        Organisation.Kind.TRAINING_CENTRE,
    }:
        raise MeetingRefused(_("Evaluasi program kerja dilampirkan oleh BKK."))
    evaluation = Evaluation.objects.filter(invitee=invitee).first() or Evaluation(invitee=invitee)
    old_file = evaluation.file_name
    stored = ""
    if file_type is not None:
        name = f"{EVALUATIONS_DIR}/{secrets.token_hex(16)}.{file_type.extension}"
        stored = default_storage.save(name, ContentFile(data))
        evaluation.file_name, evaluation.content_type = stored, file_type.content_type
    evaluation.text, evaluation.updated_by = text, actor
    try:  # the row may still fail; the new file must not stay behind if it does
        evaluation.save()
        log_action(
            actor=actor,
            action="meeting.evaluation_submitted",
            obj=invitee.meeting,
            organisation=invitee.organisation,
            changes={"file": bool(evaluation.file_name), "length": len(text)},
        )
    except Exception:
        if stored:
            default_storage.delete(stored)
        raise
    if stored and old_file:
        transaction.on_commit(lambda: default_storage.delete(old_file))
    return evaluation


@transaction.atomic
def association_register(
    *,
    office: Organisation,
    name: str,
    region: Any,
    officer_name: str,
    officer_email: str,
    actor: Any,
) -> Organisation:
    """The office registers the BKK association of its area and invites its officer (the
    invitation email goes out on commit)."""
    from jejak.accounts.models import Role
    from jejak.accounts.services import invitation_create

    association = Organisation.objects.create(
        kind=Organisation.Kind.BKK_ASSOCIATION, name=name, region=region, parent_office=office
    )
    log_action(
        actor=actor,
        action="meeting.association_registered",
        obj=association,
        organisation=office,
        changes={"name": name},
    )
    invitation_create(
        organisation=association,
        role=Role.ASSOCIATION_OFFICER,
        name=officer_name,
        email=officer_email,
        invited_by=actor,
    )
    return association
