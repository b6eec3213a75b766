"""Coordination meeting pages. The office that runs a meeting manages it; organisations it
invited see it, answer, attach their evaluation and close the follow-ups they own. Anyone
else gets 404, the same as for a missing meeting."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_access
from jejak.coordination import exports, selectors, services
from jejak.coordination.forms import (
    AssociationForm,
    DoneForm,
    EvaluationForm,
    FollowUpForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    RespondForm,
    WalkInForm,
)
from jejak.coordination.models import Attendee, Invitee, Meeting
from jejak.coordination.services import MeetingRefused


def _access(request: HttpRequest, org: str, *, run: bool = False) -> Access:
    """The office (run=True), or the office and invited organisations; 404 for anyone else."""
    if not request.user.is_authenticated:
        raise Http404
    access = organisation_access(request.user, org)
    if selectors.runs_meetings(access) or (not run and access.can("meetings.attend")):
        return access
    raise Http404


def _context(access: Access, **extra: Any) -> dict[str, Any]:
    return {
        "access": access,
        "org": access.organisation,
        "runs": selectors.runs_meetings(access),
        **extra,
    }


def _to_detail(access: Access, meeting: Meeting) -> HttpResponse:
    return redirect("coordination:detail", org=access.organisation.code, meeting=meeting.code)


def _refused(request: HttpRequest, refusal: MeetingRefused) -> None:
    messages.error(request, str(refusal))


@login_required
def meeting_list(request: HttpRequest, org: str) -> HttpResponse:
    access = _access(request, org)
    meetings = selectors.visible_meetings(access).select_related("office")
    answers = dict(
        Invitee.objects.filter(organisation=access.organisation).values_list(
            "meeting_id", "response"
        )
    )
    rows = [(m, Invitee.Response(answers[m.pk]).label if m.pk in answers else "") for m in meetings]
    return render(request, "coordination/list.html", _context(access, rows=rows))


@login_required
def meeting_new(request: HttpRequest, org: str) -> HttpResponse:
    access = _access(request, org, run=True)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(
            office=access.organisation, actor=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Rapat dijadwalkan. Sekarang undang peserta."))
        return redirect("coordination:invite", org=org, meeting=meeting.code)
    return render(request, "coordination/form.html", _context(access, form=form, meeting=None))


@login_required
def meeting_edit(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    form = MeetingForm(request.POST or None, meeting=found)
    if request.method == "POST" and form.is_valid():
        services.meeting_update(meeting=found, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Perubahan tersimpan."))
        return _to_detail(access, found)
    return render(request, "coordination/form.html", _context(access, form=form, meeting=found))


@login_required
def meeting_detail(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org)
    found = selectors.get_meeting(access, meeting)
    own = selectors.own_invitee(access, found)
    follow_ups = found.follow_ups.select_related("owner", "vacancy", "partnership")
    return render(
        request,
        "coordination/detail.html",
        _context(
            access,
            meeting=found,
            own=own,
            invitees=selectors.invitees(found),
            follow_ups=follow_ups,
        ),
    )


@login_required
def invite(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    form = InviteForm(request.POST or None, office=access.organisation, meeting=found)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.invitees_add(
                meeting=found, organisations=form.cleaned_data["chosen"], actor=request.user
            )
        except MeetingRefused as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("%(n)s undangan dikirim.") % {"n": len(added)})
            return _to_detail(access, found)
    return render(request, "coordination/invite.html", _context(access, meeting=found, form=form))


@login_required
def respond(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org)
    found = selectors.get_meeting(access, meeting)
    own = selectors.own_invitee(access, found)
    if own is None:  # the office itself is not an invitee
        raise Http404
    people = "\n".join(f"{a.name}, {a.position}" for a in own.attendees.all())
    form = RespondForm(request.POST or None, initial={"people": people, "coming": "yes"})
    if request.method == "POST" and form.is_valid():
        try:
            services.invitee_respond(
                invitee=own,
                coming=form.cleaned_data["coming"],
                people=form.cleaned_data["people"],
                actor=request.user,
            )
        except MeetingRefused as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("Jawaban Anda tersimpan."))
            return _to_detail(access, found)
    return render(request, "coordination/respond.html", _context(access, meeting=found, form=form))


@login_required
def attendance(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    form = WalkInForm(request.POST or None, meeting=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.walk_in_add(
                invitee=data["invitee"],
                name=data["name"],
                position=data["position"],
                actor=request.user,
            )
        except MeetingRefused as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("Kehadiran dicatat."))
            return redirect("coordination:attendance", org=org, meeting=found.code)
    return render(
        request,
        "coordination/attendance.html",
        _context(
            access,
            meeting=found,
            invitees=selectors.invitees(found),
            form=form,
        ),
    )


@login_required
@require_POST
def attendance_toggle(request: HttpRequest, org: str, meeting: str, attendee: str) -> HttpResponse:
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    person = get_object_or_404(Attendee, invitee__meeting=found, code=attendee)
    try:
        services.attendance_set(
            attendee=person, present=request.POST.get("present") == "1", actor=request.user
        )
    except MeetingRefused as refusal:
        _refused(request, refusal)
    return redirect("coordination:attendance", org=org, meeting=found.code)


@login_required
def minutes(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    form = MinutesForm(request.POST or None, initial={"minutes": found.minutes})
    if request.method == "POST" and form.is_valid():
        services.minutes_save(meeting=found, text=form.cleaned_data["minutes"], actor=request.user)
        messages.success(request, _("Notulen tersimpan."))
        return _to_detail(access, found)
    return render(request, "coordination/minutes.html", _context(access, meeting=found, form=form))


@login_required
def minutes_pdf(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org)
    return exports.minutes_pdf_response(request, selectors.get_meeting(access, meeting))


@login_required
def follow_up_new(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    form = FollowUpForm(request.POST or None, owners=services.follow_up_owners(found))
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_add(meeting=found, actor=request.user, **form.cleaned_data)
        except MeetingRefused as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("Tindak lanjut dicatat."))
            return _to_detail(access, found)
    return render(
        request, "coordination/follow_up_form.html", _context(access, meeting=found, form=form)
    )


@login_required
def follow_up_done(request: HttpRequest, org: str, meeting: str, follow_up: str) -> HttpResponse:
    """The owner, or the office, marks a follow-up done; anyone else who sees it gets 404."""
    access = _access(request, org)
    found = selectors.get_meeting(access, meeting)
    item = selectors.get_follow_up(access, found, follow_up)
    if not selectors.runs_meetings(access) and item.owner_id != access.organisation.pk:
        raise Http404
    form = DoneForm(request.POST or None, follow_up=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_done(
                follow_up=item,
                done_on=data["done_on"],
                note=data["note"],
                actor=request.user,
                vacancy=data.get("vacancy"),
                partnership=data.get("partnership"),
            )
        except MeetingRefused as refusal:
            _refused(request, refusal)
        else:
            messages.success(request, _("Tindak lanjut ditandai selesai."))
            return _to_detail(access, found)
    return render(
        request,
        "coordination/follow_up_done.html",
        _context(access, meeting=found, item=item, form=form),
    )


@login_required
@require_POST
def follow_up_reopen(request: HttpRequest, org: str, meeting: str, follow_up: str) -> Any:
    """The office reopens a follow-up marked done by mistake (the owner cannot)."""
    access = _access(request, org, run=True)
    found = selectors.get_meeting(access, meeting)
    item = selectors.get_follow_up(access, found, follow_up)
    try:
        services.follow_up_reopen(follow_up=item, actor=request.user)
    except MeetingRefused as refusal:
        _refused(request, refusal)
    else:
        messages.success(request, _("Tindak lanjut dibuka lagi."))
    return _to_detail(access, found)


@login_required
def evaluation(request: HttpRequest, org: str, meeting: str) -> HttpResponse:
    access = _access(request, org)
    found = selectors.get_meeting(access, meeting)
    own = selectors.own_invitee(access, found)
    if own is None or not own.organisation.keeps_alumni:  # an evaluation is a BKK's
        raise Http404
    current = getattr(own, "evaluation", None)
    form = EvaluationForm(
        request.POST or None,
        request.FILES or None,
        initial={"text": current.text if current else ""},
    )
    if request.method == "POST" and form.is_valid():
        services.evaluation_submit(
            invitee=own,
            text=form.cleaned_data["text"],
            actor=request.user,
            data=form.data_bytes,
            file_type=form.file_type,
        )
        messages.success(request, _("Evaluasi program kerja tersimpan."))
        return _to_detail(access, found)
    return render(
        request,
        "coordination/evaluation.html",
        _context(access, meeting=found, form=form, current=current),
    )


@login_required
def evaluation_file(request: HttpRequest, org: str, meeting: str, evaluation: str) -> Any:
    access = _access(request, org)
    found = selectors.get_evaluation(access, selectors.get_meeting(access, meeting), evaluation)
    if not found.file_name or not default_storage.exists(found.file_name):
        raise Http404
    extension = found.file_name.rsplit(".", 1)[-1]
    response = FileResponse(
        default_storage.open(found.file_name, "rb"),
        as_attachment=True,
        filename=f"evaluasi-{found.code}.{extension}",
        content_type=found.content_type,
    )
    # As for CV documents: never rendered as a page of this site, whatever the bytes hold.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _tracked(request: HttpRequest, access: Access) -> Any:
    follow_ups = selectors.visible_follow_ups(access)
    meeting = request.GET.get("meeting", "")
    if meeting:
        follow_ups = follow_ups.filter(meeting__code=meeting)
    return selectors.filter_follow_ups(follow_ups, request.GET.get("state", ""))


@login_required
def follow_ups(request: HttpRequest, org: str) -> HttpResponse:
    """The tracker: every follow-up of the meetings this organisation runs or was invited to."""
    access = _access(request, org)
    return render(
        request,
        "coordination/follow_ups.html",
        _context(
            access,
            follow_ups=_tracked(request, access),
            state=request.GET.get("state", ""),
            query=request.GET.urlencode(),
        ),
    )


@login_required
def follow_ups_xlsx(request: HttpRequest, org: str) -> Any:
    access = _access(request, org)
    return exports.follow_ups_xlsx_response(_tracked(request, access), access.organisation.code)


@login_required
def associations(request: HttpRequest, org: str) -> HttpResponse:
    access = _access(request, org, run=True)
    form = AssociationForm(request.POST or None, office=access.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.association_register(office=access.organisation, actor=request.user, **data)
        messages.success(request, _("Asosiasi BKK terdaftar; undangan dikirim ke pengurusnya."))
        return redirect("coordination:associations", org=org)
    registered = selectors.invitable(access.organisation).filter(kind="bkk_assoc")
    return render(
        request,
        "coordination/associations.html",
        _context(access, form=form, registered=registered),
    )
