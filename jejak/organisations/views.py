from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts import resets
from jejak.accounts import services as account_services
from jejak.accounts.access import (
    OFFICE_DATA_ITEMS,
    OFFICE_SEES,
    PERMISSIONS,
    READER_BY_OFFICE_KIND,
    Access,
    organisation_view,
)
from jejak.accounts.forms import InviteForm
from jejak.accounts.models import Invitation, Membership, User
from jejak.alumni.forms import UploadForm
from jejak.alumni.import_jobs import import_job_create
from jejak.alumni.models import Alumnus, ImportJob, SchoolClass
from jejak.confirm import ask, confirmed
from jejak.messaging import can_send_text
from jejak.organisations.models import Organisation
from jejak.organisations.selectors import schools_in_area, search_schools


@organisation_view("school.overview")
def organisation_home(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    classes = SchoolClass.objects.filter(organisation=org)
    alumni = Alumnus.objects.filter(organisation=org)
    if access.teacher_only:
        classes = classes.filter(homeroom_teacher_id=request.user.pk)
        alumni = alumni.filter(school_class__homeroom_teacher_id=request.user.pk)
    cohorts = alumni.values("cohort").annotate(total=Count("id")).order_by("-cohort")
    return render(
        request,
        "organisations/home.html",
        {"access": access, "org": org, "cohorts": cohorts, "classes": classes[:50]},
    )


@organisation_view("network.view")
def office_home(request: HttpRequest, access: Access) -> HttpResponse:
    from jejak.privacy.forms import RetentionForm

    schools = search_schools(schools_in_area(access.organisation), request.GET.get("q", ""))
    from jejak.training.selectors import office_blk_summary

    retention = RetentionForm(initial={"days": access.organisation.import_retention_days})
    return render(
        request,
        "organisations/office_home.html",
        {"access": access, "org": access.organisation, "schools": schools,
         "retention_form": retention, "blk_summary": office_blk_summary(access.organisation)},
    )  # fmt: skip


@organisation_view("network.view")
def office_data(request: HttpRequest, access: Access) -> HttpResponse:
    """What this office sees of the schools in its area, item by item, and what it does not."""
    office = access.organisation
    if office.kind not in READER_BY_OFFICE_KIND:
        raise Http404
    reader = READER_BY_OFFICE_KIND[office.kind]
    items = [(label, reader in PERMISSIONS[permission]) for permission, label in OFFICE_DATA_ITEMS]
    return render(request, "organisations/office_data.html", {
        "access": access, "org": office, "summary": OFFICE_SEES[office.kind],
        "seen": [label for label, yes in items if yes],
        "unseen": [label for label, yes in items if not yes],
    })  # fmt: skip


def home(request: HttpRequest, org: str) -> HttpResponse:
    """An office lands on its network; a school or BLK on its register summary."""
    from jejak.accounts.access import organisation_access

    access = organisation_access(request.user, org) if request.user.is_authenticated else None
    if access and access.organisation.is_office:
        return office_home(request, org)
    if access and access.organisation.kind == Organisation.Kind.COMPANY:
        return redirect("jobs:list", org=org)  # a company's home is its vacancies
    if access and access.organisation.kind == Organisation.Kind.BKK_ASSOCIATION:
        return redirect("coordination:list", org=org)  # an association only meets
    return organisation_home(request, org)


@organisation_view("network.provision")
def schools_import(request: HttpRequest, access: Access) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None, with_cohort=False)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_job_create(
            organisation=access.organisation,
            kind=ImportJob.Kind.SCHOOLS,
            filename=upload.name,
            data=upload.read(),
            actor=request.user,
        )
        return redirect("alumni:import_job", org=access.organisation.code, job=job.code)
    return render(
        request,
        "organisations/schools_import.html",
        {"access": access, "org": access.organisation, "form": form},
    )


@organisation_view("members.invite")
def members(request: HttpRequest, access: Access) -> HttpResponse:
    org = access.organisation
    classes = [
        (c.code, f"{c.name} ({c.cohort})")
        for c in SchoolClass.objects.filter(organisation=org).order_by("-cohort", "name")[:200]
    ]
    form = InviteForm(request.POST or None, kind=org.kind, classes=classes)
    link = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation, token = account_services.invitation_create(
            organisation=org,
            role=data["role"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            invited_by=request.user,
            class_codes=data.get("classes") or [],
        )
        link = account_services.link_for_inviter(invitation, token)
        _invitation_made(request, invitation, link)
        form = InviteForm(kind=org.kind, classes=classes)
    return render(
        request,
        "organisations/members.html",
        {
            "access": access,
            "org": org,
            "form": form,
            "link": link,
            "members": Membership.objects.filter(organisation=org).select_related("user"),
            "can_text": can_send_text(),
            "invitations": Invitation.objects.filter(
                organisation=org, accepted_at=None, revoked_at=None
            ),
        },
    )


def _invitation_made(request: HttpRequest, invitation: Invitation, link: str | None) -> None:
    if link is None:
        messages.success(
            request,
            _("Undangan untuk %(name)s dibuat dan dikirim langsung ke email atau HP-nya.")
            % {"name": invitation.name},
        )
    else:
        messages.success(request, _("Undangan untuk %(name)s dibuat.") % {"name": invitation.name})


@organisation_view("members.invite")
@require_POST
def invitation_revoke(request: HttpRequest, access: Access, invitation: str) -> HttpResponse:
    found = get_object_or_404(Invitation, organisation=access.organisation, code=invitation)
    if not confirmed(request):
        return ask(
            request, access=access, title=_("Batalkan undangan %(name)s?") % {"name": found.name},
            consequence=_("Tautan undangan yang sudah dikirim ke %(name)s berhenti berlaku; ia "
                          "tidak bisa bergabung lewat tautan itu. Untuk mengundangnya lagi, "
                          "buat undangan baru.") % {"name": found.name},
            button=_("Ya, batalkan undangan"),
            back=reverse("organisations:members", kwargs={"org": access.organisation.code}),
        )  # fmt: skip
    account_services.invitation_revoke(invitation=found, actor=request.user)
    messages.success(request, _("Undangan dibatalkan."))
    return redirect("organisations:members", org=access.organisation.code)


@organisation_view("members.invite")
@require_POST
def member_reset_send(request: HttpRequest, access: Access, member: str) -> HttpResponse:
    """Send a member a reset link to their own email or phone; staff never see the link."""
    found = get_object_or_404(
        User.objects.filter(memberships__organisation=access.organisation).distinct(), code=member
    )
    try:
        channel = resets.member_reset_send(
            organisation=access.organisation, member=found, actor=request.user
        )
    except resets.ResetRefused as refused:
        messages.error(request, str(refused))
    else:
        sent_to = _("email") if channel == resets.EMAIL else _("nomor HP")
        messages.success(
            request,
            _("Tautan atur ulang kata sandi dikirim ke %(channel)s %(name)s.")
            % {"channel": sent_to, "name": found.name},
        )
    return redirect("organisations:members", org=access.organisation.code)


@organisation_view("network.provision")
def school_invite(request: HttpRequest, access: Access, school: str) -> HttpResponse:
    """An office invites a school's BKK officer (or head) for a school in its area."""
    target = get_object_or_404(schools_in_area(access.organisation), code=school)
    form = InviteForm(request.POST or None, kind=target.kind, classes=[])
    link = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitation, token = account_services.invitation_create(
            organisation=target,
            role=data["role"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            invited_by=request.user,
        )
        link = account_services.link_for_inviter(invitation, token)
        _invitation_made(request, invitation, link)
    return render(
        request,
        "organisations/school_invite.html",
        {
            "access": access,
            "org": access.organisation,
            "school": target,
            "form": form,
            "link": link,
        },
    )


@organisation_view("network.provision")
@require_POST
def retention(request: HttpRequest, access: Access) -> HttpResponse:
    """The office sets how long its schools' uploaded import files are kept (UU PDP)."""
    from jejak.privacy.forms import RetentionForm
    from jejak.privacy.retention import retention_set

    form = RetentionForm(request.POST)
    if form.is_valid():
        retention_set(
            office=access.organisation, actor=request.user, days=form.cleaned_data["days"]
        )
        messages.success(request, _("Masa simpan berkas impor disimpan."))
    else:
        messages.error(request, _("Masa simpan harus antara 1 dan 3650 hari."))
    return redirect("organisations:home", org=access.organisation.code)
