"""Pages for item 5 of issue 13: a trainee's business start, mentoring and referrals (BLK
staff), the BLK's alumni network, and joining it on /me/ (the trainee)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.access import Access, organisation_view
from jejak.alumni.selectors import own_record
from jejak.audit.services import log_view
from jejak.outcomes.models import OutcomeEvent
from jejak.training import selectors, support
from jejak.training.forms import BusinessStartForm, MentoringForm, NetworkForm, ReferralForm
from jejak.training.models import Enrolment, NetworkMember


@organisation_view("training.manage")
def trainee_support(request: HttpRequest, access: Access, enrolment: str) -> HttpResponse:
    """Business start, mentoring and referrals for one trainee; one form posts at a time."""
    if access.organisation.kind != access.organisation.Kind.TRAINING_CENTRE:
        raise Http404
    found = selectors.get_enrolment(access.organisation, enrolment)
    alumnus, posted = found.alumnus, request.POST.get("form", "")
    forms: dict[str, Any] = {
        "business": BusinessStartForm(request.POST if posted == "business" else None, prefix="b"),
        "mentoring": MentoringForm(request.POST if posted == "mentoring" else None, prefix="m"),
        "referral": ReferralForm(request.POST if posted == "referral" else None, prefix="r"),
    }
    form = forms.get(posted)
    if request.method == "POST" and form is not None and form.is_valid():
        if posted == "business":
            support.business_start_record(enrolment=found, actor=request.user, **form.cleaned_data)
        elif posted == "mentoring":
            support.mentoring_record(alumnus=alumnus, actor=request.user, data=form.cleaned_data)
        else:
            support.referral_record(alumnus=alumnus, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Tersimpan."))
        return redirect("training:support", org=access.organisation.code, enrolment=found.code)
    log_view(request=request, action="trainee.support_viewed", obj=alumnus,
             organisation=access.organisation)  # fmt: skip
    context = {
        "access": access, "org": access.organisation, "enrolment": found, "forms": forms,
        "events": OutcomeEvent.objects.filter(alumnus=alumnus).order_by("start_date"),
        "mentorings": alumnus.mentorings.all(), "referrals": alumnus.referrals.all(),
    }  # fmt: skip
    return render(request, "training/support.html", context)


@organisation_view("training.view")
def network(request: HttpRequest, access: Access) -> HttpResponse:
    """The BLK's alumni network by programme, with the businesses members chose to list."""
    if access.organisation.kind != access.organisation.Kind.TRAINING_CENTRE:
        raise Http404
    members = NetworkMember.objects.filter(organisation=access.organisation).select_related(
        "alumnus", "programme"
    )
    log_view(request=request, action="training.network_viewed", obj=access.organisation,
             organisation=access.organisation)  # fmt: skip
    return render(request, "training/network.html",
                  {"access": access, "org": access.organisation, "members": members})  # fmt: skip


def _own_enrolments(request: HttpRequest) -> list[Enrolment]:
    alumnus = own_record(request.user)
    records = [alumnus, *selectors.linked_records(alumnus)]
    return [e for e in selectors.person_enrolments(records)
            if e.status == Enrolment.Status.ENROLLED]  # fmt: skip


@login_required
def me_network(request: HttpRequest) -> HttpResponse:
    """The trainee's networks: join one per programme trained in, list a business if wanted,
    and see the businesses other members listed."""
    enrolments = _own_enrolments(request)
    mine = {m.programme_id: m for m in NetworkMember.objects.filter(
        alumnus__in={e.alumnus_id for e in enrolments})}  # fmt: skip
    rows = []
    for enrolment in enrolments:
        member = mine.get(enrolment.batch.programme_id)
        listed = NetworkMember.objects.filter(
            programme_id=enrolment.batch.programme_id, list_business=True
        ).exclude(alumnus_id=enrolment.alumnus_id)
        rows.append({"enrolment": enrolment, "member": member, "listed": listed,
                     "form": NetworkForm(instance=member, prefix=enrolment.code)})  # fmt: skip
    return render(request, "training/me_network.html", {"rows": rows})


@login_required
@require_POST
def me_network_join(request: HttpRequest, enrolment: str) -> HttpResponse:
    found = next((e for e in _own_enrolments(request) if e.code == enrolment), None)
    if found is None:
        raise Http404
    form = NetworkForm(request.POST, prefix=found.code)
    if form.is_valid():
        support.network_join(enrolment=found, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Anda tergabung dalam jaringan alumni program ini."))
    return redirect("training:me_network")


@login_required
@require_POST
def me_network_leave(request: HttpRequest, enrolment: str) -> HttpResponse:
    found = next((e for e in _own_enrolments(request) if e.code == enrolment), None)
    member = found and NetworkMember.objects.filter(
        alumnus=found.alumnus, programme=found.batch.programme).first()  # fmt: skip
    if not member:
        raise Http404
    support.network_leave(member=member, actor=request.user)
    messages.success(request, _("Anda keluar dari jaringan alumni program ini."))
    return redirect("training:me_network")
