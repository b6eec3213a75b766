"""The alumnus's own job pages under /me/: vacancies for their school, applying in two
taps, where each application stands, notifications and job alerts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jejak.accounts.models import Membership, Role
from jejak.alumni.models import Alumnus
from jejak.confirm import ask, confirmed
from jejak.jobs import services
from jejak.jobs.forms import ApplyForm
from jejak.jobs.models import AlertSetting, Application, Notification, Vacancy
from jejak.jobs.selectors import board_for_school
from jejak.matching.engine import as_seeker, explain_for, fitting_vacancies


def own_record(request: HttpRequest) -> Alumnus:
    membership = (
        Membership.objects.filter(user_id=int(request.user.pk or 0), role=Role.ALUMNUS)
        .select_related("alumnus__organisation", "alumnus__major")
        .first()
    )
    if membership is None or membership.alumnus is None:
        raise Http404
    return membership.alumnus


def _unread(request: HttpRequest) -> int:
    return Notification.objects.filter(user_id=int(request.user.pk or 0), read_at=None).count()


@login_required
def vacancies(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request)
    board = board_for_school(alumnus.organisation)
    seeker = as_seeker(alumnus)
    for_me = fitting_vacancies(alumnus, board, seeker=seeker)
    applied = set(Application.objects.filter(alumnus=alumnus).values_list("vacancy_id", flat=True))
    rows = [(v, v.pk in for_me, v.pk in applied) for v in board]
    only_mine = request.GET.get("untuk") == "anda"
    if only_mine:
        rows = [row for row in rows if row[1]]
    setting = AlertSetting.objects.filter(alumnus=alumnus).first()
    return render(request, "jobs/me_vacancies.html", {
        "alumnus": alumnus, "rows": rows, "only_mine": only_mine,
        "alerts_on": setting is None or setting.enabled, "matched": seeker is not None,
        "unread": _unread(request),
    })  # fmt: skip


def _board_vacancy(alumnus: Alumnus, code: str) -> Vacancy:
    return get_object_or_404(board_for_school(alumnus.organisation), code=code)


@login_required
def vacancy(request: HttpRequest, vacancy: str) -> HttpResponse:
    alumnus = own_record(request)
    found = _board_vacancy(alumnus, vacancy)
    application = Application.objects.filter(vacancy=found, alumnus=alumnus).first()
    fit, why_not = explain_for(alumnus, found)
    return render(request, "jobs/me_vacancy.html", {
        "alumnus": alumnus, "vacancy": found, "application": application, "form": ApplyForm(),
        "majors": found.majors.all(), "fit": fit, "why_not": why_not,
    })  # fmt: skip


@login_required
@require_POST
def apply(request: HttpRequest, vacancy: str) -> HttpResponse:
    alumnus = own_record(request)
    found = _board_vacancy(alumnus, vacancy)
    form = ApplyForm(request.POST)
    note = form.cleaned_data["cover_note"] if form.is_valid() else ""
    try:
        _application, created = services.application_submit(
            vacancy=found,
            alumnus=alumnus,
            actor=request.user,
            cover_note=note,
        )
    except services.Refused as refused:
        messages.error(request, str(refused))
        return redirect("jobs:me_vacancies")
    if created:
        messages.success(request, _("Lamaran terkirim. Pantau tahapnya di halaman Lamaran saya."))
    else:
        messages.info(
            request, _("Anda sudah melamar lowongan ini; lamaran tidak dikirim dua kali.")
        )
    return redirect("jobs:me_applications")


@login_required
def applications(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request)
    rows = (
        Application.objects.filter(alumnus=alumnus)
        .select_related("vacancy__company")
        .prefetch_related("steps")
        .order_by("-created_at")
    )
    return render(request, "jobs/me_applications.html", {"alumnus": alumnus, "rows": rows})


@login_required
@require_POST
def withdraw(request: HttpRequest, application: str) -> HttpResponse:
    alumnus = own_record(request)
    found = get_object_or_404(Application, alumnus=alumnus, code=application)
    if not confirmed(request):
        return ask(
            request, title=_("Batalkan lamaran %(title)s?") % {"title": found.vacancy.title},
            consequence=_("Perusahaan tidak lagi melihat lamaran ini sebagai aktif, dan lamaran "
                          "yang dibatalkan tidak bisa diaktifkan lagi."),
            button=_("Ya, batalkan lamaran"), back=reverse("jobs:me_applications"),
        )  # fmt: skip
    try:
        services.application_withdraw(application=found, actor=request.user)
        messages.success(request, _("Lamaran dibatalkan."))
    except services.Refused as refused:
        messages.error(request, str(refused))
    return redirect("jobs:me_applications")


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    own_record(request)
    rows = list(Notification.objects.filter(user_id=int(request.user.pk or 0))[:100])
    Notification.objects.filter(user_id=int(request.user.pk or 0), read_at=None).update(
        read_at=timezone.now()
    )
    return render(request, "jobs/me_notifications.html", {"rows": rows})


@login_required
@require_POST
def alerts_toggle(request: HttpRequest) -> HttpResponse:
    alumnus = own_record(request)
    enabled = request.POST.get("enabled") == "1"
    services.alerts_set(alumnus=alumnus, enabled=enabled, actor=request.user)
    messages.success(
        request,
        _("Pemberitahuan lowongan dinyalakan.")
        if enabled
        else _("Pemberitahuan lowongan dimatikan."),
    )
    return redirect("jobs:me_vacancies")
